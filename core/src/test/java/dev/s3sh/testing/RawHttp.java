package dev.s3sh.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plain HTTP/1.1 over a socket, for tests that must send exactly the headers a browser would (an empty
 * Origin, no Origin, odd Access-Control-Request-Headers) and read every response header as sent.
 * Can sign a request with AWS Signature V4 (unsigned payload) for the local RGW.
 */
public final class RawHttp {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private RawHttp() {
    }

    /** A response: status and headers (names lowercased; repeated headers joined with ", "). */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    /** Sends one request; header values may be empty. {@code path} starts with "/". */
    public static Response send(URI endpoint, String method, String path, List<String[]> headers, byte[] body) throws Exception {
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String[] h : headers) head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        if (body != null) head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) out.write(body);
            out.flush();
            return parse(socket.getInputStream(), method.equals("HEAD"));
        }
    }

    private static Response parse(InputStream in, boolean head) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new Response(status, headers, end < 0 || head ? "" : text.substring(end + 4));
    }

    /** Adds host, x-amz-date, x-amz-content-sha256 (UNSIGNED-PAYLOAD) and Authorization headers for SigV4. */
    public static List<String[]> signed(URI endpoint, String method, String path, List<String[]> amzHeaders,
                                        String accessKey, String secretKey, String region) throws Exception {
        return signed(endpoint, method, path, "", amzHeaders, accessKey, secretKey, region);
    }

    /** As above, for a request with a query: {@code canonicalQuery} is SigV4's form, e.g. {@code "acl="} for {@code ?acl}. */
    public static List<String[]> signed(URI endpoint, String method, String path, String canonicalQuery, List<String[]> amzHeaders,
                                        String accessKey, String secretKey, String region) throws Exception {
        String amzDate = AMZ_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        String day = amzDate.substring(0, 8);
        Map<String, String> signedHeaders = new java.util.TreeMap<>();
        signedHeaders.put("host", endpoint.getHost() + ":" + endpoint.getPort());
        signedHeaders.put("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        signedHeaders.put("x-amz-date", amzDate);
        for (String[] h : amzHeaders) signedHeaders.put(h[0].toLowerCase(Locale.ROOT), h[1].trim());
        StringBuilder canonicalHeaders = new StringBuilder();
        signedHeaders.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        String names = String.join(";", signedHeaders.keySet());
        String canonical = method + "\n" + path + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n" + names + "\nUNSIGNED-PAYLOAD";
        String scope = day + "/" + region + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSign));
        List<String[]> out = new ArrayList<>();
        signedHeaders.forEach((k, v) -> {
            if (!k.equals("host")) out.add(new String[]{k, v});
        });
        out.add(new String[]{"Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + names
                + ", Signature=" + signature});
        return out;
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
