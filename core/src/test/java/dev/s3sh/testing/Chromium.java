package dev.s3sh.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven through ChromeDriver's W3C WebDriver protocol over plain HTTP (no
 * Selenium). Runs {@code /usr/lib/chromium/chromium} directly with the flags docs/browser-cors.md lists, a fresh profile
 * directory and a resolver that maps {@code example.test}, {@code *.example.test} and {@code *.example.org} to 127.0.0.1 and
 * every other name to nothing, so all traffic stays on loopback. If Chromium or ChromeDriver is missing,
 * {@link #start()} throws: a browser test fails, it never skips.
 */
public final class Chromium implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/lib/chromium/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final String RESOLVER_RULES = "MAP *.example.test 127.0.0.1, MAP example.test 127.0.0.1, MAP *.example.org 127.0.0.1, MAP * ~NOTFOUND, "
            + "EXCLUDE 127.0.0.1, EXCLUDE localhost";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final URI base;
    private final Path profileDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String session;

    private final List<String> extraArgs;

    private Chromium(Process driver, URI base, Path profileDir, List<String> extraArgs) {
        this.extraArgs = List.copyOf(extraArgs);
        this.driver = driver;
        this.base = base;
        this.profileDir = profileDir;
    }

    /** Starts ChromeDriver and one browser session. */
    public static Chromium start() throws Exception {
        return start(List.of());
    }

    /** As {@link #start()}, with more Chromium switches (e.g. {@code --ignore-certificate-errors-spki-list=...}). */
    public static Chromium start(List<String> extraArgs) throws Exception {
        for (Path p : List.of(BINARY, DRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: the browser suite needs Debian's chromium and chromium-driver "
                        + "(scripts/install-test-deps installs them)");
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("chromedriver", ".log");
        Process driver = new ProcessBuilder(DRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Chromium c = new Chromium(driver, URI.create("http://127.0.0.1:" + port), Files.createTempDirectory("chromium-profile"), extraArgs);
        try {
            c.awaitDriver();
            c.newSession();
        } catch (Exception e) {
            c.close();
            throw new IllegalStateException("could not start Chromium through ChromeDriver (log: " + log + "): " + e.getMessage(), e);
        }
        return c;
    }

    private void awaitDriver() throws Exception {
        for (int i = 0; i < 200; i++) {
            if (!driver.isAlive()) throw new IllegalStateException("chromedriver exited with status " + driver.exitValue());
            try {
                if (call("GET", "/status", null).path("value").path("ready").asBoolean()) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("chromedriver did not become ready");
    }

    private void newSession() throws Exception {
        ObjectNode caps = JSON.createObjectNode();
        ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
        always.put("browserName", "chrome");
        always.putObject("timeouts").put("script", 30_000).put("pageLoad", 30_000);
        always.putObject("goog:loggingPrefs").put("browser", "ALL");
        ObjectNode options = always.putObject("goog:chromeOptions");
        options.put("binary", BINARY.toString());
        ArrayNode args = options.putArray("args");
        for (String a : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-breakpad",
                "--user-data-dir=" + profileDir, "--host-resolver-rules=" + RESOLVER_RULES)) {
            args.add(a);
        }
        extraArgs.forEach(args::add);
        JsonNode answer = call("POST", "/session", caps);
        session = answer.path("value").path("sessionId").asText(null);
        if (session == null) throw new IllegalStateException("no session: " + answer);
    }

    /** Loads a page; its origin becomes the origin of every fetch run afterwards. */
    public void open(String url) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("url", url);
        call("POST", "/session/" + session + "/url", body);
    }

    /**
     * Runs an asynchronous script in the page: {@code script} gets {@code args} as {@code arguments[0..n-1]}
     * and must call the last argument (the callback) with its result.
     */
    public JsonNode executeAsync(String script, Object... args) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.set("args", JSON.valueToTree(args));
        JsonNode answer = call("POST", "/session/" + session + "/execute/async", body);
        JsonNode value = answer.path("value");
        if (value.has("error") && value.has("stacktrace")) throw new IllegalStateException("script failed: " + value.path("message").asText());
        return value;
    }

    /** The browser console messages since the last call (the CORS errors Chromium reports, among others). */
    public List<String> consoleMessages() throws Exception {
        JsonNode answer = call("POST", "/session/" + session + "/se/log", JSON.createObjectNode().put("type", "browser"));
        List<String> out = new ArrayList<>();
        for (JsonNode entry : answer.path("value")) out.add(entry.path("message").asText());
        return out;
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(r.body());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " answered " + r.statusCode() + ": "
                    + answer.path("value").path("message").asText(r.body()));
        }
        return answer;
    }

    /** Ends the session (Chromium exits), stops ChromeDriver and removes the profile directory. */
    @Override
    public void close() {
        try {
            if (session != null) call("DELETE", "/session/" + session, null);
        } catch (Exception ignored) {
            // the driver is stopped below in any case
        }
        List<ProcessHandle> children = driver.descendants().toList();
        driver.destroy();
        for (ProcessHandle child : children) child.destroy();
        try {
            driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profileDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
