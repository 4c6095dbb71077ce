package dev.s3sh.store;

import dev.s3sh.config.ClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK's HTTP client against a scripted loopback server, for what a real RGW does not show on
 * demand: kept-alive connections closed under the client, answers cut short or malformed, chunk
 * extensions and trailers, an early answer to "Expect: 100-continue". (Every integration test talks
 * to the real RGW through this client.)
 */
class SocketHttpClientTest {
    private final Timeouts quick = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));
    private final SocketHttpClient client = new SocketHttpClient(HttpClients.of(ClientOptions.DEFAULT, quick, false));
    private Server server;

    @AfterEach
    void tearDown() throws IOException {
        client.close();
        if (server != null) server.close();
    }

    /** An answer to send, and whether to close the connection after it (without saying so). */
    record Answer(String text, boolean close) {
        static Answer of(String text) {
            return new Answer(text, false);
        }
    }

    /** Reads each request (head and Content-Length body), answers as the script says; counts connections. */
    static final class Server implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger connections = new AtomicInteger();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<Integer> bodyBytes = new CopyOnWriteArrayList<>();
        final Function<String, Answer> script;

        Server(Function<String, Answer> script) throws IOException {
            this.script = script;
            Thread t = new Thread(this::serve, "scripted-http");
            t.setDaemon(true);
            t.start();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        }

        private void serve() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> connection(s));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void connection(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                while (true) {
                    String head = head(in);
                    if (head == null) return;
                    requests.add(head);
                    Answer a = script.apply(head);
                    int length = 0;
                    for (String line : head.split("\r\n")) {
                        if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
                    }
                    boolean expects = head.toLowerCase().contains("expect: 100-continue");
                    if (!expects) {
                        in.readNBytes(length);
                        bodyBytes.add(length);
                    }
                    out.write(a.text().getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (expects) {
                        // answered before the body: count what the client sends anyway until it closes
                        bodyBytes.add(in.readAllBytes().length);
                        return;
                    }
                    if (a.close()) return;
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static String head(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                b.write(c);
                String s = b.toString(StandardCharsets.ISO_8859_1);
                if (s.endsWith("\r\n\r\n")) return s;
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private HttpExecuteResponse send(SdkHttpMethod method, URI uri, byte[] body, String... headers) throws IOException {
        SdkHttpFullRequest.Builder r = SdkHttpFullRequest.builder().method(method).uri(uri);
        for (int i = 0; i < headers.length; i += 2) r.putHeader(headers[i], headers[i + 1]);
        HttpExecuteRequest.Builder e = HttpExecuteRequest.builder().request(r.build());
        if (body != null) e.contentStreamProvider(ContentStreamProvider.fromByteArray(body));
        return client.prepareRequest(e.build()).call();
    }

    private static String text(HttpExecuteResponse r) throws IOException {
        try (InputStream in = r.responseBody().orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aConnectionIsKeptForTheNextRequestOnceItsAnswerWasRead() throws Exception {
        server = new Server(h -> Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
        for (int i = 0; i < 3; i++) {
            HttpExecuteResponse r = send(SdkHttpMethod.GET, server.uri("/b?list-type=2&prefix=a%20b"), null);
            assertEquals(200, r.httpResponse().statusCode());
            assertEquals("hello", text(r));
        }
        assertEquals(1, server.connections.get());
        assertTrue(server.requests.get(0).startsWith("GET /b?list-type=2&prefix=a%20b HTTP/1.1\r\n"), server.requests.get(0));
        assertTrue(server.requests.get(0).contains("Host: 127.0.0.1:"), "a Host header is added when the request has none");
    }

    @Test
    void aChunkedAnswerWithExtensionsAndTrailersIsReadWhole() throws Exception {
        server = new Server(h -> Answer.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n"));
        assertEquals("hello, world", text(send(SdkHttpMethod.GET, server.uri("/"), null)));
        assertEquals("hello, world", text(send(SdkHttpMethod.GET, server.uri("/"), null)));
        assertEquals(1, server.connections.get(), "the connection was kept after the last chunk and its trailers");
    }

    @Test
    void aKeptConnectionTheServerClosedIsReplacedAndTheRequestSentAgain() throws Exception {
        server = new Server(h -> new Answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", true));
        assertEquals("ok", text(send(SdkHttpMethod.GET, server.uri("/"), null)));
        Thread.sleep(100);   // the server has closed its side by now
        assertEquals("ok", text(send(SdkHttpMethod.PUT, server.uri("/k"), "body".getBytes(StandardCharsets.UTF_8),
                "Content-Length", "4")));
        assertEquals(2, server.connections.get());
        assertEquals(List.of(0, 4), server.bodyBytes);
    }

    @Test
    void anAnswerCutShortIsAnErrorAndItsConnectionIsNotKept() throws Exception {
        server = new Server(h -> h.startsWith("GET /cut") ? new Answer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this", true)
                : Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        HttpExecuteResponse r = send(SdkHttpMethod.GET, server.uri("/cut"), null);
        EOFException e = assertThrows(EOFException.class, () -> r.responseBody().orElseThrow().readAllBytes());
        assertTrue(e.getMessage().contains("91 bytes before the end"), e.getMessage());
        assertEquals("ok", text(send(SdkHttpMethod.GET, server.uri("/"), null)));
        assertEquals(2, server.connections.get());
    }

    @Test
    void aHeaderWithALineBreakIsRefusedBeforeAnythingIsSent() throws Exception {
        server = new Server(h -> Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        IOException e = assertThrows(IOException.class,
                () -> send(SdkHttpMethod.GET, server.uri("/"), null, "x-amz-meta-note", "a\r\nX-Injected: 1"));
        assertTrue(e.getMessage().contains("x-amz-meta-note") && e.getMessage().contains("line break"), e.getMessage());
        Thread.sleep(50);
        assertTrue(server.requests.isEmpty(), server.requests.toString());
    }

    @Test
    void anEarlyAnswerToExpectContinueIsReturnedAndNoBodyIsSent() throws Exception {
        server = new Server(h -> Answer.of("HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nforbidden"));
        byte[] big = new byte[2 << 20];
        HttpExecuteResponse r = send(SdkHttpMethod.PUT, server.uri("/b/k"), big, "Content-Length", Integer.toString(big.length),
                "Expect", "100-continue");
        assertEquals(403, r.httpResponse().statusCode());
        assertEquals("forbidden", text(r));
        for (int i = 0; i < 100 && server.bodyBytes.isEmpty(); i++) Thread.sleep(20);
        assertEquals(List.of(0), server.bodyBytes, "the body was not sent after the server's final answer");
    }

    @Test
    void anAnswerThatIsNotHttpIsOneClearErrorWithItsControlCharactersShown() throws Exception {
        server = new Server(h -> new Answer("SSH-2.0-OpenSSH\u001b[2J\r\n\r\n", true));
        IOException e = assertThrows(IOException.class, () -> send(SdkHttpMethod.GET, server.uri("/"), null));
        assertTrue(e.getMessage().contains("not HTTP/1.x"), e.getMessage());
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
    }

    @Test
    void aSmallRestIsReadToKeepTheConnectionALargeOneClosesIt() throws Exception {
        String small = "x".repeat(1000);
        String large = "y".repeat(200_000);
        server = new Server(h -> Answer.of(h.startsWith("GET /large")
                ? "HTTP/1.1 200 OK\r\nContent-Length: " + large.length() + "\r\n\r\n" + large
                : "HTTP/1.1 200 OK\r\nContent-Length: " + small.length() + "\r\n\r\n" + small));
        send(SdkHttpMethod.GET, server.uri("/small"), null).responseBody().orElseThrow().close();
        send(SdkHttpMethod.GET, server.uri("/small"), null).responseBody().orElseThrow().close();
        assertEquals(1, server.connections.get(), "the unread 1,000 bytes were read so that the connection could be kept");
        try (InputStream in = send(SdkHttpMethod.GET, server.uri("/large"), null).responseBody().orElseThrow()) {
            assertEquals('y', in.read());
        }
        assertEquals(small, text(send(SdkHttpMethod.GET, server.uri("/small"), null)));
        assertEquals(2, server.connections.get(), "199,999 unread bytes were not worth reading: that connection was closed");
    }
}
