package dev.s3sh.store;

import dev.s3sh.text.TerminalText;
import jdk.net.ExtendedSocketOptions;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SDK's HTTP client: HTTP/1.1 on sockets s3sh owns, kept alive per host and port.
 *
 * <p>Why not the JDK's HttpURLConnection: Ceph RGW as shipped (beast, Nagle on) writes an answer's
 * head and body separately, so the body waits for the client's ACK of the head, and Linux delays
 * that ACK up to 40 ms on a kept-alive connection: every small answer (a CORS read, a short
 * listing, a HEAD) took ~45 ms instead of ~1 ms, for s3cmd, the AWS CLI and curl alike. This client
 * sets TCP_QUICKACK before each read, so the ACK goes at once; only a socket we own can do that.
 * Everything else is plain HTTP/1.1: Content-Length or chunked bodies, a connection reused only
 * after its answer was read to the end, one retry on a fresh connection when a kept-alive one turns
 * out closed before any answer, TLS with the profile's trust and host-name check, an HTTP proxy
 * (CONNECT for TLS), and the profile's connect and read timeouts.
 */
final class SocketHttpClient implements SdkHttpClient {
    /** Idle connections kept per host; more than the widest parallel work (audit: 8, transfers: 4). */
    private static final int MAX_IDLE_PER_HOST = 16;
    /** An idle connection older than this is closed rather than reused (servers drop idle ones). */
    private static final long MAX_IDLE_NANOS = 20_000_000_000L;
    /** A body the caller stops reading is read to its end (to keep the connection) when this small. */
    private static final long DRAIN_LIMIT = 64 * 1024;
    /** Bodies at least this large wait for the server's "100 Continue" when the SDK asks for it. */
    private static final long EXPECT_CONTINUE_FROM = 1 << 20;
    private static final int CONTINUE_WAIT_MILLIS = 1000;
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final HttpClients http;
    private final Map<String, ArrayDeque<Connection>> idle = new HashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private boolean closed;

    SocketHttpClient(HttpClients http) {
        this.http = http;
    }

    @Override
    public String clientName() {
        return "s3sh-socket";
    }

    /** How many connections this client has opened (tests: kept-alive connections are reused). */
    int connectionsOpened() {
        return opened.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new Exchange(request);
    }

    @Override
    public void close() {
        List<Connection> all = new ArrayList<>();
        synchronized (idle) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(Connection::close);
    }

    // ---------------------------------------------------------------- the pool

    private Connection take(String key) {
        long now = System.nanoTime();
        while (true) {
            Connection c;
            synchronized (idle) {
                ArrayDeque<Connection> q = idle.get(key);
                c = q == null ? null : q.pollLast();
            }
            if (c == null) return null;
            // bytes waiting on an idle connection answer no request of ours (a 408 before closing, say)
            if (now - c.idleSince < MAX_IDLE_NANOS && !c.socket.isClosed() && !unread(c)) return c;
            c.close();
        }
    }

    private static boolean unread(Connection c) {
        try {
            return c.in.available() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    private void release(Connection c) {
        synchronized (idle) {
            if (!closed) {
                ArrayDeque<Connection> q = idle.computeIfAbsent(c.key, k -> new ArrayDeque<>());
                if (q.size() < MAX_IDLE_PER_HOST) {
                    c.owner = null;
                    c.idleSince = System.nanoTime();
                    q.addLast(c);
                    return;
                }
            }
        }
        c.close();
    }

    /** One socket to one host (through a proxy when one is set), with its buffered streams. */
    private static final class Connection {
        final String key;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        long idleSince;
        /** The exchange using it; null while it waits in the pool (an old exchange's abort must not close it). */
        volatile Object owner;

        Connection(String key, Socket raw, Socket socket) throws IOException {
            this.key = key;
            this.socket = socket;
            this.in = new BufferedInputStream(new QuickAck(socket.getInputStream(), raw), 64 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing more to do
            }
        }
    }

    /** Asks the kernel to ACK at once before each read from the socket (Linux; a no-op elsewhere). */
    private static final class QuickAck extends FilterInputStream {
        private final Socket raw;
        private boolean supported;

        QuickAck(InputStream in, Socket raw) {
            super(in);
            this.raw = raw;
            this.supported = raw.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
        }

        private void ack() {
            if (!supported) return;
            try {
                raw.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            } catch (IOException | UnsupportedOperationException e) {
                supported = false;   // only a hint: reading works without it
            }
        }

        @Override
        public int read() throws IOException {
            ack();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            ack();
            return super.read(b, off, len);
        }
    }

    // ---------------------------------------------------------------- one request

    private final class Exchange implements ExecutableHttpRequest {
        private final HttpExecuteRequest request;
        private volatile Connection connection;
        private volatile boolean aborted;

        Exchange(HttpExecuteRequest request) {
            this.request = request;
        }

        @Override
        public void abort() {
            aborted = true;
            Connection c = connection;
            if (c != null && c.owner == this) c.close();
        }

        @Override
        public HttpExecuteResponse call() throws IOException {
            SdkHttpRequest r = request.httpRequest();
            URI uri = r.getUri();
            boolean tls = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
            Proxy proxy = proxyFor(uri);
            String key = (tls ? "https://" : "http://") + uri.getHost() + ":" + port + (proxy == null ? "" : " via " + proxy.address());
            Connection reused = take(key);
            if (reused != null) {
                try {
                    return exchange(reused, r, uri, tls, proxy, true);
                } catch (StaleConnection e) {
                    // the server closed the kept-alive connection before it read the request: send it again on a new one
                }
            }
            if (aborted) throw new InterruptedIOException("aborted");
            try {
                return exchange(open(key, uri.getHost(), port, tls, proxy), r, uri, tls, proxy, false);
            } catch (StaleConnection e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        }

        private HttpExecuteResponse exchange(Connection c, SdkHttpRequest r, URI uri, boolean tls, Proxy proxy, boolean reused)
                throws IOException {
            connection = c;
            c.owner = this;
            try {
                return send(c, r, uri, tls, proxy, reused);
            } catch (IOException | RuntimeException | Error e) {
                c.close();   // whatever went wrong, this connection is in no state to be used again
                throw e;
            }
        }

        private HttpExecuteResponse send(Connection c, SdkHttpRequest r, URI uri, boolean tls, Proxy proxy, boolean reused)
                throws IOException {
            if (aborted) throw new InterruptedIOException("aborted");
            c.socket.setSoTimeout((int) http.timeouts().socket().toMillis());
            String method = r.method().name();
            ContentStreamProvider content = request.contentStreamProvider().orElse(null);
            byte[] buffered = null;
            long length = r.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(-1L);
            if (content != null && length < 0) {
                // no length given: the body is read whole so that it can be sent with one (S3 wants it)
                try (InputStream body = content.newStream()) {
                    buffered = body.readAllBytes();
                }
                length = buffered.length;
            }
            // a length the SDK set is sent (it may be signed); PUT and POST always say theirs
            boolean sendLength = content != null || method.equals("PUT") || method.equals("POST") || length >= 0;
            boolean waitForContinue = content != null && length >= EXPECT_CONTINUE_FROM
                    && r.firstMatchingHeader("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false);

            StringBuilder head = new StringBuilder(512);
            String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            // through a proxy, plain http names the whole URI; TLS went through CONNECT already
            if (proxy != null && !tls) target = uri.getScheme() + "://" + uri.getRawAuthority() + target;
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            boolean host = false;
            for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
                String name = h.getKey();
                // the body always goes with a Content-Length of ours, never chunked
                if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Connection")
                        || name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Expect") && !waitForContinue) {
                    continue;
                }
                host |= name.equalsIgnoreCase("Host");
                for (String value : h.getValue()) headerLine(head, name, value);
            }
            if (!host) headerLine(head, "Host", uri.getRawAuthority());
            if (sendLength) headerLine(head, "Content-Length", Long.toString(Math.max(length, 0)));
            head.append("\r\n");

            try {
                c.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (waitForContinue) {
                    c.out.flush();
                    Head early = awaitContinue(c);
                    if (early != null) return answer(c, r, early, false);
                }
                if (content != null) {
                    if (buffered != null) {
                        c.out.write(buffered);
                    } else {
                        try (InputStream body = content.newStream()) {
                            sendBody(body, c.out, length);
                        }
                    }
                }
                c.out.flush();
            } catch (LocalBody e) {
                throw e.local();   // the body's own source failed (a file): not the network, not to be sent again
            } catch (IOException e) {
                if (aborted || e instanceof InterruptedIOException) throw e;
                // a server that refuses early may answer and close before reading the body: its answer is the one to give
                Head early = earlyAnswer(c);
                if (early != null) return answer(c, r, early, false);
                if (reused) throw new StaleConnection(e);
                throw e;
            }
            // only a connection that ends before the first byte of an answer is stale: once the server
            // has begun to answer, it has read the request and may have acted on it
            c.in.mark(1);
            int first;
            try {
                first = c.in.read();
            } catch (java.net.SocketException e) {
                if (reused && !aborted) throw new StaleConnection(e);
                throw e;
            }
            if (first < 0) {
                EOFException closed = new EOFException("the server closed the connection without an answer");
                if (reused && !aborted) throw new StaleConnection(closed);
                throw closed;
            }
            c.in.reset();
            return answer(c, r, readFinalHead(c.in), true);
        }

        /** After a failed write: the server's answer if it sent one before closing, else null. */
        private Head earlyAnswer(Connection c) {
            try {
                c.socket.setSoTimeout(CONTINUE_WAIT_MILLIS);
                return readFinalHead(c.in);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** After the head of a request that expects "100 Continue": null to go on, or the server's early final answer. */
        private Head awaitContinue(Connection c) throws IOException {
            int timeout = c.socket.getSoTimeout();
            c.socket.setSoTimeout(CONTINUE_WAIT_MILLIS);
            try {
                Head h = readHead(c.in);
                return h.status == 100 ? null : h.status > 100 && h.status < 200 ? readFinalHead(c.in) : h;
            } catch (SocketTimeoutException e) {
                return null;   // a server that does not answer "100 Continue": send the body anyway, as clients do
            } finally {
                c.socket.setSoTimeout(timeout);
            }
        }

        private HttpExecuteResponse answer(Connection c, SdkHttpRequest r, Head h, boolean requestComplete) {
            SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(h.status).statusText(h.reason);
            h.headers.forEach((name, values) -> values.forEach(v -> response.appendHeader(name, v)));
            boolean reusable = requestComplete && h.keepAlive;
            long length = h.contentLength;
            boolean noBody = r.method().name().equals("HEAD") || h.status == 204 || h.status == 304 || length == 0 && !h.chunked;
            AbortableInputStream body;
            if (noBody) {
                connection = null;
                if (reusable) release(c);
                else c.close();
                body = AbortableInputStream.createEmpty();
            } else {
                Body b = new Body(c, h.chunked ? -1 : length, h.chunked, reusable && (h.chunked || length >= 0));
                body = AbortableInputStream.create(b, b::abort);
            }
            return HttpExecuteResponse.builder().response(response.build()).responseBody(body).build();
        }

        private Connection open(String key, String uriHost, int port, boolean tls, Proxy proxy) throws IOException {
            // an IPv6 literal comes in brackets from the URI; sockets and certificates want it without
            String host = uriHost.startsWith("[") && uriHost.endsWith("]") ? uriHost.substring(1, uriHost.length() - 1) : uriHost;
            Socket raw = new Socket();
            try {
                raw.setTcpNoDelay(true);
                int connectTimeout = (int) http.timeouts().connect().toMillis();
                InetSocketAddress target = proxy == null ? new InetSocketAddress(host, port) : resolved((InetSocketAddress) proxy.address());
                raw.connect(target, connectTimeout);
                raw.setSoTimeout((int) http.timeouts().socket().toMillis());
                if (proxy != null && tls) tunnel(raw, host, port);
                Socket socket = raw;
                if (tls) {
                    SSLSocketFactory factory = http.tlsContext().getSocketFactory();
                    SSLSocket s = (SSLSocket) factory.createSocket(raw, host, port, true);
                    SSLParameters p = s.getSSLParameters();
                    // the certificate must name the host (the JDK checks it in the trust manager);
                    // --insecure's trust manager skips that check as it skips the chain
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    p.setApplicationProtocols(new String[]{"http/1.1"});
                    s.setSSLParameters(p);
                    s.startHandshake();
                    socket = s;
                }
                Connection c = new Connection(key, raw, socket);
                opened.incrementAndGet();
                return c;
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        /** CONNECT host:port through the proxy, for TLS end to end. */
        private void tunnel(Socket raw, String host, int port) throws IOException {
            String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            OutputStream out = raw.getOutputStream();
            out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = raw.getInputStream();
            Head h = readHead(in);   // unbuffered: not a byte past the proxy's answer is taken from the tunnel
            if (h.status != 200) throw new IOException("the proxy refused the tunnel to " + authority + ": HTTP " + h.status + " " + h.reason);
        }
    }

    private Proxy proxyFor(URI uri) {
        URI configured = http.proxy();
        if (configured != null) {
            int port = configured.getPort() > 0 ? configured.getPort() : "https".equalsIgnoreCase(configured.getScheme()) ? 443 : 80;
            return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(configured.getHost(), port));
        }
        // as HttpURLConnection did: the JVM's proxy settings (-Dhttps.proxyHost ...), else none
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) return null;
        for (Proxy p : selector.select(uri)) {
            if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress) return p;
        }
        return null;
    }

    private static InetSocketAddress resolved(InetSocketAddress a) {
        return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
    }

    private static void headerLine(StringBuilder head, String name, String value) throws IOException {
        // a line break in a header would end it early and let the rest be read as another header or request
        if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IOException("refused to send header " + name + ": it holds a line break");
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }

    private static void sendBody(InputStream body, OutputStream out, long length) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n;
            try {
                n = body.read(buf, 0, (int) Math.min(buf.length, left));
            } catch (IOException e) {
                throw new LocalBody(e);
            }
            if (n < 0) throw new LocalBody(new IOException("the request body ended " + left + " bytes before its Content-Length"));
            out.write(buf, 0, n);
            left -= n;
        }
    }

    /** A failure of the request body's own source (a file), told apart from the network's. */
    private static final class LocalBody extends IOException {
        LocalBody(IOException cause) {
            super(cause.getMessage(), cause);
        }

        IOException local() {
            return (IOException) getCause();
        }
    }

    /** A kept-alive connection found closed before any answer: the request may go again on a new one. */
    private static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    // ---------------------------------------------------------------- reading answers

    /** Status line and headers of one answer. */
    private record Head(int status, String reason, Map<String, List<String>> headers, long contentLength,
                        boolean chunked, boolean keepAlive) {
    }

    /** The final answer's head, past any interim (1xx) ones. */
    private static Head readFinalHead(InputStream in) throws IOException {
        for (int interim = 0; interim < 10; interim++) {
            Head h = readHead(in);
            if (h.status >= 200 || h.status == 101) return h;
        }
        throw new IOException("the server sent interim (1xx) answers without end");
    }

    private static Head readHead(InputStream in) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        String status = line(in, budget);
        if (status == null) throw new EOFException("the server closed the connection without an answer");
        if (!status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("the server's answer is not HTTP/1.x (it starts " + visible(status) + ")");
        }
        int code;
        try {
            code = Integer.parseInt(status.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("the server's answer has no status code (" + visible(status) + ")");
        }
        String reason = status.length() > 13 ? status.substring(13) : "";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        long contentLength = -1;
        boolean chunked = false;
        boolean keepAlive = status.startsWith("HTTP/1.1");
        for (String l; !(l = line(in, budget)).isEmpty(); ) {
            int colon = l.indexOf(':');
            if (colon <= 0) continue;   // not a header: ignored, as browsers and curl do
            String name = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            switch (name.toLowerCase(Locale.ROOT)) {
                case "content-length" -> {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("the server sent Content-Length " + visible(value) + ", not a number");
                    }
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> keepAlive = value.toLowerCase(Locale.ROOT).contains("keep-alive")
                        || keepAlive && !value.toLowerCase(Locale.ROOT).contains("close");
                default -> {
                }
            }
        }
        return new Head(code, reason, headers, contentLength, chunked, keepAlive);
    }

    /** One line without its CRLF; null at the end of the stream before any byte. */
    private static String line(InputStream in, int[] budget) throws IOException {
        StringBuilder b = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (b.length() == 0) return null;
                throw new EOFException("the server closed the connection in the middle of an answer's head");
            }
            if (--budget[0] < 0) throw new IOException("the server's answer has a head over " + MAX_HEAD_BYTES + " bytes");
            if (c == '\n') {
                int end = b.length();
                if (end > 0 && b.charAt(end - 1) == '\r') b.setLength(end - 1);
                return b.toString();
            }
            b.append((char) c);
        }
    }

    /** The body of one answer; the connection goes back to the pool when it was read to its end. */
    private final class Body extends InputStream {
        private final Connection c;
        private final boolean chunked;
        private final boolean reusable;
        /** Bytes left: of the body (Content-Length), of the current chunk, or -1 (until the connection closes). */
        private long left;
        /** Whether a chunk was read, so that its CRLF comes before the next size. */
        private boolean afterChunk;
        /** No more bytes to give. */
        private boolean done;
        /** The connection went back to the pool or was closed. */
        private boolean settled;

        Body(Connection c, long length, boolean chunked, boolean reusable) {
            this.c = c;
            this.chunked = chunked;
            this.reusable = reusable;
            this.left = chunked ? 0 : length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) return -1;
            if (len == 0) return 0;
            try {
                if (chunked && left == 0) {
                    left = nextChunk();
                    if (left == 0) {
                        end(reusable);
                        return -1;
                    }
                }
                int n = c.in.read(b, off, left < 0 ? len : (int) Math.min(len, left));
                if (n < 0) {
                    if (left >= 0) throw new EOFException("the server closed the connection " + left + " bytes before the end of its answer");
                    end(false);   // a body without a length ends when the connection closes
                    return -1;
                }
                if (left > 0) left -= n;
                if (!chunked && left == 0) end(reusable);
                return n;
            } catch (IOException e) {
                end(false);
                throw e;
            }
        }

        /** The size of the next chunk (0: the last), reading the CRLF after the previous one and the trailers after the last. */
        private long nextChunk() throws IOException {
            int[] budget = {MAX_HEAD_BYTES};
            if (afterChunk && !"".equals(line(c.in, budget))) {
                throw new IOException("the server's chunked answer is malformed (no CRLF after a chunk)");
            }
            afterChunk = true;
            String sizeLine = line(c.in, budget);
            if (sizeLine == null) throw new EOFException("the server closed the connection in the middle of a chunked answer");
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("the server's chunked answer is malformed (chunk size " + visible(sizeLine) + ")");
            }
            if (size < 0) throw new IOException("the server's chunked answer is malformed (negative chunk size)");
            if (size == 0) {
                String trailer;
                do {
                    trailer = line(c.in, budget);   // trailers: none that S3 clients use
                } while (trailer != null && !trailer.isEmpty());
            }
            return size;
        }

        private void end(boolean keep) {
            done = true;
            if (settled) return;
            settled = true;
            if (keep) release(c);
            else c.close();
        }

        void abort() {
            end(false);
        }

        @Override
        public void close() {
            if (done) return;
            // the rest of a small answer is read to keep the connection; a large one is not worth it
            if (reusable && (chunked || left <= DRAIN_LIMIT) && !Thread.currentThread().isInterrupted()) {
                byte[] skip = new byte[8192];
                try {
                    for (long drained = 0; !done && drained <= DRAIN_LIMIT; ) {
                        int n = read(skip, 0, skip.length);
                        if (n > 0) drained += n;
                    }
                } catch (IOException e) {
                    // read() closed the connection
                }
            }
            end(false);
        }
    }

    /** Outside text in an error message: cut short, control characters shown. */
    private static String visible(String s) {
        return TerminalText.visible(s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }
}
