package dev.s3sh.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP-aware TCP proxy on 127.0.0.1 between s3sh and the local RGW that injects faults:
 * pass, delay, cut the answer after N bytes, reset the connection, refuse connections (the port is
 * closed), a canned 500/503, and "the first K requests fail, then pass". Each request gets its own
 * upstream connection with {@code Connection: close} (SigV4 does not sign that header), so faults
 * apply per request. It records every request line and which ones reached the server, so a test
 * can tell that nothing was written. Bounded: at most {@link #MAX_CONNECTIONS} connections open at once
 * (a proxy lives through any number of requests, one connection each), and
 * every socket read gives up after {@link #SOCKET_TIMEOUT_MS}.
 *
 * <pre>
 *   try (FaultProxy proxy = FaultProxy.to(URI.create(LocalRgw.endpoint()))) {
 *       proxy.fault(FaultProxy.Fault.status(503));   // every request answered 503
 *       proxy.failFirst(2, FaultProxy.Fault.reset()); // then: two resets, then pass
 *       proxy.pass();
 *   }
 * </pre>
 */
public final class FaultProxy implements AutoCloseable {
    public static final int MAX_CONNECTIONS = 2000;
    public static final int SOCKET_TIMEOUT_MS = 30_000;
    /** The {@code amount} of a STATUS fault that answers 503 with the code SlowDown. */
    private static final int SLOW_DOWN = -503;

    /** What happens to one request. */
    public record Fault(Kind kind, long amount) {
        public enum Kind { PASS, DELAY, CUT, RESET, STATUS, REFUSE }

        public static Fault pass() {
            return new Fault(Kind.PASS, 0);
        }

        /** Forward the request at once, hold the answer back {@code ms} (a slow server: the work is done, the answer late). */
        public static Fault delay(long ms) {
            return new Fault(Kind.DELAY, ms);
        }

        /** Forward the request, send only the first {@code bytes} bytes of the answer, then close. The server did the work. */
        public static Fault cut(long bytes) {
            return new Fault(Kind.CUT, bytes);
        }

        /** Read the request, do not forward it, and reset the connection (RST). */
        public static Fault reset() {
            return new Fault(Kind.RESET, 0);
        }

        /** Answer a canned error status (500, 503) without forwarding. */
        public static Fault status(int status) {
            return new Fault(Kind.STATUS, status);
        }

        /** Answer 503 SlowDown without forwarding, as S3 and RGW do when asked to slow down. */
        public static Fault slowDown() {
            return new Fault(Kind.STATUS, SLOW_DOWN);
        }

        /** Close the listening port: connections are refused. */
        public static Fault refuse() {
            return new Fault(Kind.REFUSE, 0);
        }

        @Override
        public String toString() {
            return kind == Kind.PASS || kind == Kind.RESET || kind == Kind.REFUSE ? kind.name().toLowerCase(Locale.ROOT)
                    : kind.name().toLowerCase(Locale.ROOT) + " " + amount;
        }
    }

    /** One request seen: its method and target, whether it reached the server, and the fault applied. */
    public record Seen(String method, String target, boolean forwarded, Fault fault) {
        public boolean writes() {
            return forwarded && !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }
    }

    private final URI upstream;
    private final int port;
    private volatile ServerSocket server;
    private volatile Fault fault = Fault.pass();
    private volatile String onlyMethod;
    private volatile String onlyTarget;
    private final AtomicInteger failFirst = new AtomicInteger();
    private volatile Fault firstFault = Fault.pass();
    private final List<Seen> seen = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger holding = new AtomicInteger();
    private final AtomicInteger peakHolding = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean closed;

    private FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = bind(0);
        this.port = server.getLocalPort();
        startAccepting(server);
    }

    public static FaultProxy to(URI upstream) {
        try {
            return new FaultProxy(upstream);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fault proxy", e);
        }
    }

    /** How many answers are being held back by a delay right now. */
    public int holding() {
        return holding.get();
    }

    /**
     * The most answers held back by a delay at once since {@link #resetPeak}: with a delay on every
     * request, how many requests the client had under way together (counted only while the client
     * waits, so never more than it really had).
     */
    public int peakHolding() {
        return peakHolding.get();
    }

    public void resetPeak() {
        peakHolding.set(holding.get());
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** A profile with the local RGW's keys whose endpoint is this proxy. */
    public dev.s3sh.config.Profile profile() {
        return new dev.s3sh.config.Profile("faulty", uri(), "us-east-1", LocalRgw.accessKey(), LocalRgw.secretKey(), null, true, "rgw");
    }

    /** Every request from now on gets {@code f}. */
    public synchronized FaultProxy fault(Fault f) {
        onlyMethod = null;
        onlyTarget = null;
        failFirst.set(0);
        apply(f);
        return this;
    }

    /** Requests with this method whose target contains {@code targetPart} (e.g. {@code "uploadId="}) get {@code f}. */
    public synchronized FaultProxy faultOn(String method, String targetPart, Fault f) {
        faultOn(method, f);
        onlyTarget = targetPart;
        return this;
    }

    /** The next {@code k} requests with this method whose target contains {@code targetPart} get {@code f}; then all pass. */
    public synchronized FaultProxy failFirstOn(String method, String targetPart, int k, Fault f) {
        failFirstOn(method, k, f);
        onlyTarget = targetPart;
        return this;
    }

    /**
     * The most requests the server was working on at once (forwarded, answer not yet passed on)
     * since the proxy started or {@link #forget()}.
     */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The next {@code k} requests with this HTTP method get {@code f}, then every request passes. */
    public synchronized FaultProxy failFirstOn(String method, int k, Fault f) {
        failFirst(k, f);
        onlyMethod = method;
        return this;
    }

    /** Requests with this HTTP method get {@code f} (refusing is not per method); the others pass. */
    public synchronized FaultProxy faultOn(String method, Fault f) {
        if (f.kind() == Fault.Kind.REFUSE) throw new IllegalArgumentException("refusing applies to every connection");
        fault(f);
        onlyMethod = method;
        return this;
    }

    public FaultProxy pass() {
        return fault(Fault.pass());
    }

    /** The next {@code k} requests get {@code f}, then every request passes. */
    public synchronized FaultProxy failFirst(int k, Fault f) {
        onlyMethod = null;
        onlyTarget = null;
        apply(Fault.pass());
        firstFault = f;
        failFirst.set(k);
        return this;
    }

    private void apply(Fault f) {
        this.fault = f;
        try {
            if (f.kind() == Fault.Kind.REFUSE) {
                ServerSocket s = server;
                if (s != null) {
                    server = null;
                    s.close();
                }
            } else if (server == null && !closed) {
                ServerSocket s = bind(port);
                server = s;
                startAccepting(s);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot switch the fault proxy to " + f, e);
        }
    }

    public synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    public synchronized void forget() {
        seen.clear();
        maxInFlight.set(inFlight.get());
    }

    /** Requests that reached the server and could change something (PUT, POST, DELETE). */
    public List<Seen> writes() {
        return seen().stream().filter(Seen::writes).toList();
    }

    /** Faults applied so far (each faulted request counts once; refused connections are not seen). */
    public int injected() {
        return injected.get();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return s;
    }

    private void startAccepting(ServerSocket s) {
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                        connections.decrementAndGet();
                        client.close();
                        continue;
                    }
                    track(client);
                    Thread h = new Thread(() -> {
                        try {
                            handle(client);
                        } finally {
                            connections.decrementAndGet();
                        }
                    }, "fault-proxy-conn");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "fault-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    private synchronized void track(Socket s) {
        open.removeIf(Socket::isClosed);
        open.add(s);
    }

    private Fault next(String method, String target) {
        String only = onlyMethod;
        if (only != null && !only.equals(method)) return Fault.pass();
        String part = onlyTarget;
        if (part != null && !target.contains(part)) return Fault.pass();
        while (true) {
            int k = failFirst.get();
            if (k <= 0) return fault;
            if (failFirst.compareAndSet(k, k - 1)) return firstFault;
        }
    }

    private void handle(Socket client) {
        try (client) {
            client.setSoTimeout(SOCKET_TIMEOUT_MS);
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) return;
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
            String method = requestLine[0];
            String target = requestLine.length > 1 ? requestLine[1] : "";
            Fault f = next(method, target);
            if (f.kind() != Fault.Kind.PASS) injected.incrementAndGet();
            boolean forward = f.kind() == Fault.Kind.PASS || f.kind() == Fault.Kind.DELAY || f.kind() == Fault.Kind.CUT;
            synchronized (this) {
                seen.add(new Seen(method, target, forward, f));
            }
            switch (f.kind()) {
                case RESET, REFUSE -> {
                    client.setSoLinger(true, 0); // close with RST
                    return;
                }
                case STATUS -> {
                    in.readNBytes((int) Math.min(contentLength(text), 16 * 1024 * 1024)); // closing with unread bytes would reset
                    long status = f.amount() == SLOW_DOWN ? 503 : f.amount();
                    String reason = status == 503 ? "Service Unavailable" : status == 500 ? "Internal Server Error" : "Error";
                    String code = f.amount() == SLOW_DOWN ? "SlowDown" : status == 503 ? "ServiceUnavailable" : status == 500 ? "InternalError" : "HTTP" + status;
                    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message></Message></Error>";
                    byte[] b = body.getBytes(StandardCharsets.UTF_8);
                    OutputStream out = client.getOutputStream();
                    out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/xml\r\nContent-Length: "
                            + b.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(b);
                    out.flush();
                    return;
                }
                default -> {
                }
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            boolean working = true;
            try (Socket up = new Socket()) {
                up.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 5000);
                up.setSoTimeout(SOCKET_TIMEOUT_MS);
                track(up);
                OutputStream toServer = up.getOutputStream();
                toServer.write(withConnectionClose(text).getBytes(StandardCharsets.ISO_8859_1));
                toServer.flush();
                Thread body = new Thread(() -> copy(in, toServer, Long.MAX_VALUE), "fault-proxy-body");
                body.setDaemon(true);
                body.start();
                if (f.kind() == Fault.Kind.DELAY) {
                    peakHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
                    try {
                        sleep(f.amount());
                    } finally {
                        holding.decrementAndGet();
                    }
                }
                if (f.kind() == Fault.Kind.CUT) {
                    // the whole answer first, so the server has surely done the work, then only its first bytes
                    byte[] answer = up.getInputStream().readNBytes(16 * 1024 * 1024);
                    client.getOutputStream().write(answer, 0, (int) Math.min(answer.length, f.amount()));
                    client.getOutputStream().flush();
                    client.setSoLinger(true, 0);
                    return;
                }
                // the server's work ends with the first byte of its answer: counted until then, so the
                // client cannot have sent its next request while this one still counts
                InputStream answer = up.getInputStream();
                int first = answer.read();
                inFlight.decrementAndGet();
                working = false;
                if (first >= 0) {
                    client.getOutputStream().write(first);
                    copy(answer, client.getOutputStream(), Long.MAX_VALUE);
                }
            } finally {
                if (working) inFlight.decrementAndGet();
            }
        } catch (IOException e) {
            // the client or the server went away: nothing to report
        }
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                try {
                    return Long.parseLong(line.substring(15).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private void sleep(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (!closed && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The request head up to and including the blank line, or null when the client sent nothing. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (b.size() < 64 * 1024) {
            int c = in.read();
            if (c < 0) return null;
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) return b.toByteArray();
        }
        throw new IOException("request head too long");
    }

    private static String withConnectionClose(String head) {
        StringBuilder b = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (line.isEmpty()) continue;
            if (line.toLowerCase(Locale.ROOT).startsWith("connection:")) continue;
            b.append(line).append("\r\n");
        }
        return b.append("Connection: close\r\n\r\n").toString();
    }

    private static void copy(InputStream in, OutputStream out, long limit) {
        byte[] buf = new byte[8192];
        long sent = 0;
        try {
            int n;
            while (sent < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - sent))) > 0) {
                out.write(buf, 0, n);
                out.flush();
                sent += n;
            }
        } catch (SocketException e) {
            // closed on one side
        } catch (IOException e) {
            // as above
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (server != null) server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
