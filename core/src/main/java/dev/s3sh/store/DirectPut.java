package dev.s3sh.store;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PutObject and UploadPart of a file slice, streamed from the file to the socket with a fixed
 * Content-Length. The SDK's HTTP client cannot do this: HttpURLConnection without a streaming mode
 * (the SDK sets one only for chunked bodies) holds the whole body in memory before it sends a
 * byte, and over plain HTTP the SDK signs every 128 KiB chunk with SHA-256, which the server hashes
 * again. Here the payload goes as {@code UNSIGNED-PAYLOAD} (headers, path and query stay signed)
 * with its MD5 in a signed {@code Content-MD5} header: the server refuses a body that does not
 * match it (BadDigest), so a part altered in transit, or a file changed between hashing and
 * sending, is never stored, over plain HTTP as over HTTPS. The caller also compares that MD5 with
 * the ETag the server answers. Measured in bench/results/transfer.md.
 *
 * <p>An attempt broken by the network or answered 500/503 is sent again from the slice's start,
 * as the SDK retries (three attempts in all). Failures become SDK exceptions so that the store's
 * one {@link ErrorTranslator} words them.
 */
final class DirectPut {
    static final int ATTEMPTS = 3;
    private static final int BUFFER = 64 * 1024;
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    /** One slice of a file to send. */
    interface Slice {
        InputStream open() throws IOException;
    }

    private final HttpClients http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final S3Utilities urls;
    private final WireLog wireLog;

    DirectPut(HttpClients http, AwsCredentialsProvider credentials, String region, S3Utilities urls, WireLog wireLog) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.urls = urls;
        this.wireLog = wireLog;
    }

    /**
     * Sends the slice as the object (uploadId null) or as part {@code partNumber}; returns the
     * answer's ETag (quotes removed) and the MD5 the server checked the bytes against.
     */
    ObjectStore.SentPart send(String bucket, String key, String uploadId, int partNumber, long length,
                              String contentType, Slice slice, LongConsumer sent) {
        byte[] md5 = md5(slice, length);
        SdkHttpFullRequest request = request(bucket, key, uploadId, partNumber, length, contentType,
                Base64.getEncoder().encodeToString(md5));
        for (int attempt = 1; ; attempt++) {
            SdkHttpRequest signed = sign(request);
            HttpURLConnection c = null;
            try {
                c = http.open(signed.getUri());
                c.setRequestMethod("PUT");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(length);
                HttpURLConnection connection = c;
                signed.forEachHeader((name, values) -> {
                    // the connection writes Host and Content-Length itself
                    if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                        connection.setRequestProperty(name, String.join(",", values));
                    }
                });
                if (wireLog != null) wireLog.request(signed);
                try (OutputStream out = c.getOutputStream()) {
                    copy(slice, length, (buf, n) -> {
                        out.write(buf, 0, n);
                        if (sent != null) sent.accept(n);
                    });
                }
                int status = c.getResponseCode();
                if (wireLog != null) wireLog.response(response(c, status));
                if (status / 100 == 2) {
                    drain(c.getInputStream());
                    String etag = c.getHeaderField("ETag");
                    return new ObjectStore.SentPart(etag == null ? null : etag.replace("\"", ""),
                            HexFormat.of().formatHex(md5));
                }
                S3Exception refused = refusal(c, status);
                if ((status != 500 && status != 503) || attempt >= ATTEMPTS) throw refused;
            } catch (IOException e) {
                // Ctrl-C; a socket timeout is an InterruptedIOException too, but it is the network: try again
                if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
                    throw AbortedException.create("interrupted", e);
                }
                if (wireLog != null) wireLog.noResponse(e);
                if (Thread.currentThread().isInterrupted() || attempt >= ATTEMPTS) {
                    throw SdkClientException.create("Unable to execute HTTP request: " + e.getMessage(), e);
                }
            } finally {
                if (c != null) c.disconnect();
            }
            pause(attempt);
        }
    }

    /** The slice's MD5, read once before sending: the header that carries it is signed with the request. */
    private static byte[] md5(Slice slice, long length) {
        MessageDigest md5 = S3ObjectStore.md5();
        try {
            copy(slice, length, (buf, n) -> md5.update(buf, 0, n));
        } catch (InterruptedIOException e) {
            throw AbortedException.create("interrupted", e);
        } catch (IOException e) {
            throw SdkClientException.create("cannot read the file to upload: " + e.getMessage(), e);
        }
        return md5.digest();
    }

    /** Where {@link #copy} hands each buffer it read. */
    private interface Sink {
        void accept(byte[] buf, int n) throws IOException;
    }

    /** Reads the slice's {@code length} bytes into {@code sink}; Ctrl-C stops it between buffers. */
    private static void copy(Slice slice, long length, Sink sink) throws IOException {
        try (InputStream in = slice.open()) {
            byte[] buf = new byte[BUFFER];
            long left = length;
            while (left > 0) {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted");
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) throw new IOException("the file ended " + left + " bytes early: it changed during the upload");
                sink.accept(buf, n);
                left -= n;
            }
        }
    }

    private SdkHttpFullRequest request(String bucket, String key, String uploadId, int partNumber, long length,
                                       String contentType, String contentMd5) {
        URI object;
        try {
            object = urls.getUrl(b -> b.bucket(bucket).key(key)).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the SDK gave an unusable URL for " + key + ": " + e.getMessage(), e);
        }
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder()
                .uri(object)
                .method(SdkHttpMethod.PUT)
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .putHeader("Content-MD5", contentMd5)
                .putHeader("Content-Length", Long.toString(length));
        if (uploadId != null) {
            b.putRawQueryParameter("partNumber", Integer.toString(partNumber)).putRawQueryParameter("uploadId", uploadId);
        } else {
            b.putHeader("Content-Type", contentType == null ? "application/octet-stream" : contentType);
        }
        return b.build();
    }

    /** Signed afresh for each attempt: the signature carries the time. */
    SdkHttpRequest sign(SdkHttpFullRequest request) {
        return AwsV4HttpSigner.create().sign(s -> s
                .identity(credentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                // S3's canonical request: the path as sent, neither encoded twice nor normalised
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)).request();
    }

    private static S3Exception refusal(HttpURLConnection c, int status) {
        String body = "";
        try (InputStream err = c.getErrorStream()) {
            if (err != null) body = new String(err.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // the status alone still says what happened
        }
        return refusal(status, body);
    }

    /** An S3 error answer ({@code body}: its XML, or empty) as the SDK's exception. */
    static S3Exception refusal(int status, String body) {
        String code = first(ERROR_CODE, body);
        String message = first(ERROR_MESSAGE, body);
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .message(message)
                .build();
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static SdkHttpFullResponse response(HttpURLConnection c, int status) {
        SdkHttpFullResponse.Builder b = SdkHttpFullResponse.builder().statusCode(status);
        try {
            if (c.getResponseMessage() != null) b.statusText(c.getResponseMessage());
        } catch (IOException ignored) {
            // the code is shown without its text
        }
        c.getHeaderFields().forEach((name, values) -> {
            if (name != null) b.putHeader(name, List.copyOf(values));
        });
        return b.build();
    }

    private static void drain(InputStream in) throws IOException {
        try (in) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** As the SDK backs off: 100 ms, then 200 ms. */
    static void pause(int attempt) {
        try {
            Thread.sleep(100L << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.create("interrupted", e);
        }
    }
}
