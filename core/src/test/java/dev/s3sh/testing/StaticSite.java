package dev.s3sh.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A tiny static web server on 127.0.0.1 (a free port) that serves one blank page for every path and
 * host name: the page whose origin a browser test runs its fetches from.
 */
public final class StaticSite implements AutoCloseable {
    private static final byte[] PAGE = "<!doctype html><meta charset=utf-8><title>s3sh browser test</title><p>page</p>\n"
            .getBytes(StandardCharsets.UTF_8);
    private final HttpServer server;

    private StaticSite(HttpServer server) {
        this.server = server;
    }

    public static StaticSite start() throws IOException {
        return serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** The same site over HTTPS, with the certificate and key {@code tls} holds (a page served from an https origin). */
    public static StaticSite startHttps(javax.net.ssl.SSLContext tls) throws IOException {
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        // a TLS handshake runs on the thread serving the connection: with the default single thread, a connection
        // Chromium opens ahead and leaves idle stalls every other page load (seen as WebDriver page-load timeouts)
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "static-site-https");
            t.setDaemon(true);
            return t;
        }));
        return serve(server);
    }

    private static StaticSite serve(HttpServer server) {
        server.createContext("/", exchange -> {
            boolean favicon = exchange.getRequestURI().getPath().equals("/favicon.ico");
            exchange.getResponseHeaders().set("Content-Type", favicon ? "image/x-icon" : "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            byte[] body = favicon ? new byte[0] : PAGE;
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new StaticSite(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
