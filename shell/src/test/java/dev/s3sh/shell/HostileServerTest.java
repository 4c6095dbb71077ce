package dev.s3sh.shell;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile S3 server on loopback: its XML 1.1 answers carry control characters as character
 * references ({@code &#x1b;}, {@code &#x9b;}), its headers carry C1 bytes. The values reach s3sh's
 * model (they are the server's data), but every command prints them escaped, one-shot as run by users.
 */
class HostileServerTest {
    static final String XML11 = "<?xml version=\"1.1\" encoding=\"UTF-8\"?>";
    static final String OSC_TITLE = "&#x1b;]0;PWNED&#x7;";
    static final String C1_CSI = "&#x9b;2J&#x9d;0;T&#x9c;";
    /** The answers tried, for docs/reliability.md's count. */
    static final AtomicInteger ANSWERS = new AtomicInteger();
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body;
            exchange.getResponseHeaders().add("x-amz-request-id", "req\u009b2Jid");
            if (path.equals("/")) {
                body = XML11 + "<ListAllMyBucketsResult><Owner><ID>o</ID></Owner><Buckets><Bucket><Name>evil" + OSC_TITLE
                        + "</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>";
            } else if (query != null && query.contains("cors")) {
                body = XML11 + "<CORSConfiguration><CORSRule><ID>id" + OSC_TITLE + "</ID><AllowedMethod>GET</AllowedMethod>"
                        + "<AllowedOrigin>https://a" + C1_CSI + ".example</AllowedOrigin><AllowedHeader>x-h" + OSC_TITLE
                        + "</AllowedHeader></CORSRule><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin>"
                        + "</CORSRule></CORSConfiguration>";
            } else if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Content-Type", "text/\u009b2Jplain");
                exchange.getResponseHeaders().add("x-amz-meta-note", "a\u009d0;T\u009cb");
                exchange.getResponseHeaders().add("ETag", "\"abc\"");
                exchange.getResponseHeaders().add("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            } else {
                body = XML11 + "<Error><Code>NoSuchKey</Code><Message>no" + OSC_TITLE + "</Message></Error>";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static String[] run(Path home, String... args) throws Exception {
        ANSWERS.incrementAndGet();
        System.setProperty("s3sh.stdin.tty", "false");
        System.setProperty("s3sh.stdout.tty", "false");
        Map<String, String> env = Map.of("HOME", home.toString(), "XDG_STATE_HOME", home.resolve("state").toString(),
                "AWS_ACCESS_KEY_ID", "HOSTILETESTKEY000001", "AWS_SECRET_ACCESS_KEY", "hostile-test-secret-0000000001");
        String[] all = new String[args.length + 2];
        all[0] = "--endpoint";
        all[1] = "http://127.0.0.1:" + server.getAddress().getPort();
        System.arraycopy(args, 0, all, 2, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.run(all, env, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8), e = err.toString(StandardCharsets.UTF_8);
        for (char c : (o + e).toCharArray()) {
            boolean control = c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c < 0xa0;
            assertFalse(control, "raw U+" + String.format("%04X", (int) c) + " reached the terminal from " + List.of(args)
                    + ":\n" + o + "\n" + e);
        }
        return new String[]{Integer.toString(status), o, e};
    }

    @Test
    void bucketNamesFromCharacterReferencesAreEscaped(@TempDir Path home) throws Exception {
        String[] r = run(home, "ls");
        assertTrue(r[1].contains("evil\\x1b]0;PWNED\\x07"), r[1] + r[2]);
        run(home, "ls", "-l");
    }

    @Test
    void corsFieldsAreEscapedInEveryView(@TempDir Path home) throws Exception {
        String[] r = run(home, "cors", "show", "s3://bkt");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("\\x9b2J\\x9d0;T\\x9c") && r[1].contains("id\\x1b]0;PWNED\\x07"), r[1]);
        r = run(home, "cors", "show", "s3://bkt", "--output", "table");
        assertTrue(r[1].contains("https://a\\x9b2J"), r[1]);
        r = run(home, "cors", "show", "s3://bkt", "--output", "json");
        assertTrue(r[1].contains("id\\u001B]0;PWNED\\u0007") && r[1].contains("\\u009b2J"), "JSON keeps the value: " + r[1]);
        run(home, "cors", "lint", "s3://bkt");
        Path file = Files.writeString(home.resolve("rules.json"), "{\"CORSRules\": [{\"AllowedMethods\": [\"GET\"], \"AllowedOrigins\": [\"*\"]}]}");
        r = run(home, "cors", "diff", file.toString(), "s3://bkt");
        assertTrue(r[1].contains("\\x9b2J") || r[1].contains("\\x1b]0"), r[1] + r[2]);
        run(home, "info", "s3://bkt");
    }

    @Test
    void headersOfAnObjectAndTheDebugLogAreEscaped(@TempDir Path home) throws Exception {
        String[] r = run(home, "stat", "s3://bkt/k");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("text/\\x9b2Jplain") && r[1].contains("a\\x9d0;T\\x9cb"), r[1]);
        r = run(home, "--debug", "stat", "s3://bkt/k");
        assertTrue(r[2].contains("req\\x9b2Jid"), r[2]);
        r = run(home, "cat", "s3://bkt/missing");
        assertEquals("1", r[0], r[1] + r[2]);
    }
}
