package dev.s3sh.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay to the real RGW that can be told to hold requests: while stalled, bytes from
 * the client are kept back, so a command hangs exactly like one waiting on a slow server. Lets a
 * test press Ctrl-C during a running command without a fake server.
 */
public final class StallProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private volatile boolean stalled;
    private final AtomicInteger held = new AtomicInteger();

    public StallProxy(URI target) throws Exception {
        upstream = new InetSocketAddress(target.getHost(), target.getPort());
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "stall-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public void stall(boolean value) {
        stalled = value;
    }

    /** How many client writes were held back while stalled. */
    public int held() {
        return held.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket up = new Socket();
                up.connect(upstream, 5000);
                pump(client, up, true);
                pump(up, client, false);
            } catch (Exception e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean request) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (request && stalled) {
                        held.incrementAndGet();
                        while (stalled) Thread.sleep(20);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (Exception ignored) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (Exception ignored) {
                    // closing twice is fine
                }
            }
        }, "stall-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
