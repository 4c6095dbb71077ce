package dev.s3sh.store;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.DateUtils;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * ListObjectsV2 pages over a socket s3sh owns, kept alive from page to page. Measured on RGW (Nagle
 * on, as stock Ceph runs it): on a kept-alive connection about half the pages of a large listing
 * wait ~40 ms for the client's delayed ACK before the server sends the last pieces of the answer
 * (its chunked body, its terminator). Owning the socket lets s3sh ask Linux for an immediate ACK
 * (TCP_QUICKACK) before each read, which removes those waits; the SDK's HttpURLConnection gives no
 * access to its socket. Requests are signed as the SDK signs them, to the URL the SDK builds (path-style
 * or virtual-hosted), over the same trust and timeouts ({@link HttpClients#connect}). Failures become
 * SDK exceptions so that the store's one {@link ErrorTranslator} words them; an attempt broken by the
 * network or answered 500/503 is tried again, as the SDK does (four attempts, within the call timeout).
 */
final class DirectList {
    static final int ATTEMPTS = 4;
    private static final XMLInputFactory XML = xmlFactory();

    private final HttpClients http;
    private final Timeouts timeouts;
    private final Signer signer;
    private final Function<String, URI> bucketUrl;
    private final WireLog wireLog;
    /** The kept-alive connection between pages (one listing runs at a time in a session). */
    private final AtomicReference<Connection> idle = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();

    /** Signs a request as the store's other direct requests do. */
    interface Signer {
        SdkHttpRequest sign(SdkHttpFullRequest request);
    }

    DirectList(HttpClients http, Timeouts timeouts, Signer signer, Function<String, URI> bucketUrl, WireLog wireLog) {
        this.http = http;
        this.timeouts = timeouts;
        this.signer = signer;
        this.bucketUrl = bucketUrl;
        this.wireLog = wireLog;
    }

    ListPage page(String bucket, String prefix, String delimiter, int maxKeys, String token) {
        // keys come URL-encoded: a key holding a character XML 1.0 cannot carry would otherwise make
        // the whole page unreadable. RGW echoes the prefix without encoding it, so a prefix holding '%'
        // is listed plain (its keys could not be decoded)
        boolean plain = prefix != null && prefix.contains("%");
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder()
                .uri(bucketUrl.apply(bucket))
                .method(SdkHttpMethod.GET)
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .putRawQueryParameter("list-type", "2")
                .putRawQueryParameter("max-keys", Integer.toString(maxKeys));
        if (prefix != null && !prefix.isEmpty()) b.putRawQueryParameter("prefix", prefix);
        if (delimiter != null) b.putRawQueryParameter("delimiter", delimiter);
        if (!plain) b.putRawQueryParameter("encoding-type", "url");
        if (token != null) b.putRawQueryParameter("continuation-token", token);
        SdkHttpFullRequest request = b.build();
        long deadline = System.nanoTime() + timeouts.call().toNanos();
        for (int attempt = 1; ; attempt++) {
            SdkHttpRequest signed = signer.sign(request);
            Answer answer;
            try {
                answer = exchange(signed);
            } catch (IOException e) {
                if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
                    throw AbortedException.create("interrupted", e);
                }
                if (wireLog != null) wireLog.noResponse(e);
                if (Thread.currentThread().isInterrupted() || attempt >= ATTEMPTS || System.nanoTime() > deadline) {
                    throw SdkClientException.create("Unable to execute HTTP request: " + e.getMessage(), e);
                }
                DirectPut.pause(attempt);
                continue;
            }
            if (answer.status / 100 == 2) return parse(answer.body, plain);
            S3Exception refused = DirectPut.refusal(answer.status, new String(answer.body, StandardCharsets.UTF_8));
            if ((answer.status != 500 && answer.status != 503) || attempt >= ATTEMPTS || System.nanoTime() > deadline) {
                throw refused;
            }
            DirectPut.pause(attempt);
        }
    }

    /** How many connections this has opened (a listing of many pages should need one). */
    int connectionsOpened() {
        return opened.get();
    }

    void close() {
        Connection c = idle.getAndSet(null);
        if (c != null) c.close();
    }

    private record Answer(int status, byte[] body) {
    }

    /** One request and its whole answer; the connection is kept for the next page when the answer allows it. */
    private Answer exchange(SdkHttpRequest signed) throws IOException {
        URI uri = signed.getUri();
        Connection c = idle.getAndSet(null);
        if (c != null && !c.serves(uri)) {
            c.close();
            c = null;
        }
        boolean reused = c != null;
        if (c == null) c = new Connection(uri, http.connect(uri));
        try {
            Answer answer;
            try {
                answer = c.exchange(signed);
            } catch (IOException stale) {
                // a kept-alive connection the server has closed meanwhile: once more on a new one
                if (!reused || c.answered || stale instanceof InterruptedIOException) throw stale;
                c.close();
                c = new Connection(uri, http.connect(uri));
                answer = c.exchange(signed);
            }
            if (c.reusable && !Thread.currentThread().isInterrupted()) {
                Connection other = idle.getAndSet(c);
                if (other != null) other.close();
            } else {
                c.close();
            }
            c = null;
            return answer;
        } finally {
            if (c != null) c.close();
        }
    }

    /** An HTTP/1.1 connection to one host and port. */
    private final class Connection {
        private final String origin;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final QuickAck quickAck;
        boolean reusable;
        boolean answered;

        Connection(URI uri, Socket socket) throws IOException {
            opened.incrementAndGet();
            this.origin = origin(uri);
            this.socket = socket;
            this.quickAck = QuickAck.of(socket);
            this.in = new BufferedInputStream(new AckingInput(socket.getInputStream(), quickAck), 64 * 1024);
            this.out = socket.getOutputStream();
        }

        boolean serves(URI uri) {
            return origin.equals(origin(uri)) && !socket.isClosed();
        }

        Answer exchange(SdkHttpRequest signed) throws IOException {
            reusable = false;
            answered = false;
            URI uri = signed.getUri();
            StringBuilder head = new StringBuilder(1024).append("GET ").append(uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
            if (uri.getRawQuery() != null) head.append('?').append(uri.getRawQuery());
            head.append(" HTTP/1.1\r\n");
            signed.forEachHeader((name, values) -> head.append(name).append(": ").append(String.join(",", values)).append("\r\n"));
            if (signed.firstMatchingHeader("Host").isEmpty()) head.append("Host: ").append(hostHeader(uri)).append("\r\n");
            head.append("User-Agent: s3sh\r\n\r\n");
            if (wireLog != null) wireLog.request(signed);
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long deadline = System.nanoTime() + timeouts.attempt().toNanos();
            String statusLine = line(deadline);
            answered = true;
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("not an HTTP answer: " + abbreviated(statusLine));
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP answer: " + abbreviated(statusLine), e);
            }
            SdkHttpFullResponse.Builder response = SdkHttpFullResponse.builder().statusCode(status);
            if (parts.length > 2) response.statusText(parts[2]);
            long length = -1;
            boolean chunked = false;
            boolean keepAlive = parts[0].equals("HTTP/1.1");
            for (String h = line(deadline); !h.isEmpty(); h = line(deadline)) {
                int colon = h.indexOf(':');
                if (colon <= 0) continue;
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                response.appendHeader(name, value);
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "content-length" -> length = parseLength(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> keepAlive = keepAlive && !value.toLowerCase(Locale.ROOT).contains("close");
                    default -> {
                    }
                }
            }
            if (wireLog != null) wireLog.response(response.build());
            long cap = status / 100 == 2 ? ResponseCap.DEFAULT_LIMIT : 64 * 1024;
            byte[] body;
            if (status / 100 == 1 || status == 204 || status == 304) {
                body = new byte[0]; // answers that never carry a body
            } else if (chunked) {
                body = chunkedBody(cap, deadline);
            } else if (length >= 0) {
                if (length > cap) throw new ResponseCap.TooLarge("ListObjectsV2", cap, length);
                body = readN((int) length, deadline);
            } else {
                // no length: the body ends when the server closes the connection
                body = untilClosed(cap, deadline);
                keepAlive = false;
            }
            reusable = keepAlive;
            return new Answer(status, body);
        }

        private byte[] chunkedBody(long cap, long deadline) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
            while (true) {
                String size = line(deadline);
                int semicolon = size.indexOf(';');
                long n;
                try {
                    n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("a malformed chunk size in the answer: " + abbreviated(size), e);
                }
                if (n == 0) break;
                if (body.size() + n > cap) throw new ResponseCap.TooLarge("ListObjectsV2", cap, -1);
                body.write(readN((int) n, deadline));
                if (!line(deadline).isEmpty()) throw new IOException("a malformed chunk in the answer");
            }
            while (!line(deadline).isEmpty()) {
                // trailers: none expected, skipped
            }
            return body.toByteArray();
        }

        private byte[] readN(int n, long deadline) throws IOException {
            byte[] buf = new byte[n];
            int off = 0;
            while (off < n) {
                check(deadline);
                int r = in.read(buf, off, n - off);
                if (r < 0) throw new EOFException("the answer ended " + (n - off) + " bytes early");
                off += r;
            }
            return buf;
        }

        private byte[] untilClosed(long cap, long deadline) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buf = new byte[16 * 1024];
            for (int r; ; ) {
                check(deadline);
                if ((r = in.read(buf)) < 0) return body.toByteArray();
                if (body.size() + r > cap) throw new ResponseCap.TooLarge("ListObjectsV2", cap, -1);
                body.write(buf, 0, r);
            }
        }

        /** One header or chunk line, without its CRLF; a line longer than 16 KiB is refused. */
        private String line(long deadline) throws IOException {
            StringBuilder s = new StringBuilder(64);
            while (true) {
                if (s.length() == 0) check(deadline);
                int c = in.read();
                if (c < 0) throw new EOFException("the connection closed in the middle of an answer");
                if (c == '\n') {
                    int end = s.length();
                    if (end > 0 && s.charAt(end - 1) == '\r') s.setLength(end - 1);
                    return s.toString();
                }
                if (s.length() > 16 * 1024) throw new IOException("an answer's header line is too long");
                s.append((char) c);
            }
        }

        /** The attempt's time limit, as the SDK's: a server that keeps trickling bytes is cut off too. */
        private void check(long deadline) throws IOException {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted");
            if (System.nanoTime() > deadline) throw new SocketTimeoutException("the answer took longer than " + timeouts.attempt().toMillis() + " ms");
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to do with it
            }
        }
    }

    /** Reads through to the socket, asking for an immediate ACK before each read (see the class comment). */
    private static final class AckingInput extends InputStream {
        private final InputStream in;
        private final QuickAck quickAck;

        AckingInput(InputStream in, QuickAck quickAck) {
            this.in = in;
            this.quickAck = quickAck;
        }

        @Override
        public int read() throws IOException {
            quickAck.arm();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            quickAck.arm();
            return in.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * Linux's TCP_QUICKACK: an ACK at once instead of up to 40 ms later. The kernel drops it again by
     * itself (it is not permanent), so it is set before every read; elsewhere it does nothing.
     */
    private interface QuickAck {
        void arm();

        static QuickAck of(Socket socket) {
            try {
                if (!socket.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK)) return () -> { };
            } catch (RuntimeException | LinkageError notAvailable) {
                return () -> { };
            }
            return () -> {
                try {
                    socket.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
                } catch (IOException | RuntimeException ignored) {
                    // only an optimisation: the read works without it
                }
            };
        }
    }

    /** A page of ListObjectsV2 as the SDK would have read it (keys URL-decoded unless {@code plain}). */
    static ListPage parse(byte[] body, boolean plain) {
        String xml = XmlKeyRefs.encode(new String(body, StandardCharsets.UTF_8));
        List<String> prefixes = new ArrayList<>();
        List<ObjectSummary> objects = new ArrayList<>();
        boolean truncated = false;
        String next = null;
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            String key = null, etag = null, storage = null;
            long size = 0;
            Instant modified = null;
            String section = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamReader.END_ELEMENT) {
                    depth--;
                    if (depth == 1 && "Contents".equals(r.getLocalName())) {
                        objects.add(new ObjectSummary(text(key, plain), size, modified, storage, etag));
                        key = etag = storage = null;
                        size = 0;
                        modified = null;
                    }
                    if (depth == 1) section = null;
                    continue;
                }
                if (event != XMLStreamReader.START_ELEMENT) continue;
                depth++;
                String name = r.getLocalName();
                if (depth == 2) {
                    switch (name) {
                        case "Contents", "CommonPrefixes" -> section = name;
                        case "IsTruncated" -> {
                            truncated = "true".equalsIgnoreCase(r.getElementText().trim());
                            depth--;
                        }
                        case "NextContinuationToken" -> {
                            next = r.getElementText();
                            depth--;
                        }
                        default -> {
                        }
                    }
                } else if (depth == 3 && section != null) {
                    if (section.equals("CommonPrefixes")) {
                        if (name.equals("Prefix")) {
                            prefixes.add(text(r.getElementText(), plain));
                            depth--;
                        }
                        continue;
                    }
                    switch (name) {
                        case "Key" -> key = r.getElementText();
                        case "Size" -> size = parseLength(r.getElementText());
                        case "LastModified" -> modified = DateUtils.parseIso8601Date(r.getElementText().trim());
                        case "ETag" -> etag = r.getElementText();
                        case "StorageClass" -> storage = r.getElementText();
                        default -> {
                            continue;
                        }
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw SdkClientException.create("Unable to unmarshall response (" + e.getMessage() + ")", e);
        }
        return new ListPage(prefixes, objects, truncated ? next : null);
    }

    private static String text(String value, boolean plain) {
        if (value == null) return null;
        return plain ? XmlKeyRefs.decode(value) : SdkHttpUtils.urlDecode(value);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + ":" + port(uri);
    }

    static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String hostHeader(URI uri) {
        return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    }

    private static String abbreviated(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        // an answer is data: no DTD, no external entity is ever read
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
