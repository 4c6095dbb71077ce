package dev.s3sh.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.s3sh.it.ItSupport.json;
import static dev.s3sh.it.ItSupport.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The everyday object commands against the local RGW, with key names that break naive code. */
class ObjectCommandsIT {
    static final List<String> ODD_KEYS = List.of("sp ace.txt", "per%25cent%", "plus+sign", "üñí/ćødé 日本.txt",
            "a/../b.txt", "dot/./x", "q?mark=1&x*", "trailing/");

    private ShellHarness shell;
    private String bucket;
    private ObjectStore store;

    @BeforeEach
    void setUp() {
        store = LocalRgw.store();
        bucket = LocalRgw.newBucket("objects");
        shell = ShellHarness.local();
    }

    @AfterEach
    void tearDown() {
        shell.close();
        LocalRgw.deleteBucket(bucket);
    }

    private String url(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Test
    void oddKeysWorkInEveryCommand(@TempDir Path dir) throws Exception {
        Path local = Files.writeString(dir.resolve("content.txt"), "line 1\nline 2\nline 3\n");
        for (String key : ODD_KEYS) {
            if (key.endsWith("/")) {
                store.putObject(bucket, key, new byte[0], "application/x-directory");
                continue;
            }
            ok(shell, "put", local.toString(), url(key));
            assertEquals("line 1\nline 2\nline 3\n", new String(store.getObject(bucket, key), StandardCharsets.UTF_8), key);
            assertEquals("line 1\nline 2\nline 3\n", ok(shell, "cat", url(key)).out(), key);
            assertEquals("line 1\n", ok(shell, "head", "-n", "1", url(key)).out(), key);
            JsonNode stat = json(shell, "stat", url(key));
            assertEquals(key, stat.get("key").asText());
            assertEquals(21, stat.get("size").asLong());
            assertEquals("text/plain", stat.get("contentType").asText());
            Path back = dir.resolve("back.txt");
            ok(shell, "get", url(key), back.toString());
            assertEquals(Files.readString(local), Files.readString(back));
            ok(shell, "cp", url(key), url("copies/" + key));
            assertEquals(21, store.stat(bucket, "copies/" + key).size());
        }
        JsonNode listing = json(shell, "ls", "-r", "s3://" + bucket + "/");
        List<String> keys = new ArrayList<>();
        listing.get("objects").forEach(o -> keys.add(o.get("key").asText()));
        for (String key : ODD_KEYS) assertTrue(keys.contains(key), key + " in " + keys);
        // a folder marker with a trailing slash is an object of its own
        assertEquals(0, json(shell, "stat", url("trailing/")).get("size").asLong());
        // cd into an odd prefix, then relative names
        ok(shell, "cd", url("üñí/"));
        assertEquals("s3://" + bucket + "/üñí/", shell.session().cwd().toString());
        assertTrue(ok(shell, "ls").out().contains("ćødé 日本.txt"));
        assertEquals("line 1\n", ok(shell, "head", "-n", "1", "ćødé 日本.txt").out());
        ok(shell, "mv", "ćødé 日本.txt", "renamed + 100%.txt");
        assertFalse(keysUnder("üñí/").contains("üñí/ćødé 日本.txt"));
        assertTrue(keysUnder("üñí/").contains("üñí/renamed + 100%.txt"));
        ok(shell, "cd", "..");
        // rm of literal odd keys, including the ".." one that must not be normalised
        ok(shell, "rm", url("a/../b.txt"), url("sp ace.txt"), url("trailing/"));
        List<String> left = keysUnder("");
        assertFalse(left.contains("a/../b.txt") || left.contains("sp ace.txt") || left.contains("trailing/"), left.toString());
        assertTrue(left.contains("per%25cent%") && left.contains("copies/a/../b.txt"), left.toString());
    }

    private List<String> keysUnder(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            var page = store.listPage(bucket, prefix, null, 1000, token);
            page.objects().forEach(o -> keys.add(o.key()));
            token = page.nextToken();
        } while (token != null);
        return keys;
    }

    @Test
    void getRecursiveRefusesKeysThatWouldLeaveTheFolder(@TempDir Path dir) throws Exception {
        store.putObject(bucket, "p/ok.txt", "fine".getBytes(), "text/plain");
        store.putObject(bucket, "p/../../escape.txt", "bad".getBytes(), "text/plain");
        Path dest = Files.createDirectory(dir.resolve("dest"));
        ShellHarness.Result r = shell.run("get", "-r", url("p/"), dest.toString() + "/");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("would leave"), r.toString());
        assertEquals("fine", Files.readString(dest.resolve("ok.txt")));
        assertFalse(Files.exists(dir.resolve("escape.txt")));
        assertFalse(Files.exists(dest.getParent().getParent().resolve("escape.txt")));
    }

    @Test
    void lsLongEtagHumanGlobAndPaging() throws Exception {
        store.putObject(bucket, "logs/2026-01.txt", new byte[2048], "text/plain");
        store.putObject(bucket, "logs/2026-02.txt", new byte[10], "text/plain");
        store.putObject(bucket, "logs/2025-12.txt", new byte[10], "text/plain");
        store.putObject(bucket, "logs/2026-03/deep.txt", new byte[10], "text/plain");
        String etag = store.stat(bucket, "logs/2026-01.txt").plainEtag();
        String out = ok(shell, "ls", "-l", "-h", "--etag", url("logs/")).out();
        assertTrue(out.contains("2.0K") && out.contains(etag) && out.contains("STANDARD"), out);
        String glob = ok(shell, "ls", url("logs/2026-*")).out();
        assertEquals(List.of("2026-01.txt", "2026-02.txt", "2026-03/"), glob.lines().sorted().toList());
        String globR = ok(shell, "ls", "-r", url("logs/2026-*")).out();
        assertTrue(globR.contains("2026-03/deep.txt") && !globR.contains("2025"), globR);
        assertTrue(ok(shell, "ls", "--help").out().contains("usage: ls"));

        // several pages, streamed one after the other
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> puts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String key = String.format("many/k%05d", i);
            puts.add(pool.submit(() -> store.putObject(bucket, key, new byte[1], "text/plain")));
        }
        for (Future<?> f : puts) f.get();
        pool.shutdown();
        List<String> paged = ok(shell, "ls", "-r", "--page-size", "10", url("many/")).out().lines().toList();
        assertEquals(25, paged.size());
        assertEquals(paged.stream().sorted().distinct().toList(), paged);
        JsonNode du = json(shell, "du", "s3://" + bucket + "/");
        assertEquals(29, du.get("objects").asLong());
        assertEquals(25 + 2048 + 30, du.get("bytes").asLong());
        JsonNode first = du.get("prefixes").get(0);
        assertEquals("s3://" + bucket + "/logs/", first.get("prefix").asText());
        assertEquals(4, first.get("objects").asLong());
        assertTrue(ok(shell, "du", "-h", url("logs/")).out().contains("2026-03/"));
    }

    @Test
    void catGuardsLargeObjectsAndHeadStopsEarly() {
        store.putObject(bucket, "big.txt", "x\n".repeat(600_000).getBytes(), "text/plain");
        ShellHarness.Result refused = shell.run("cat", url("big.txt"));
        assertEquals(2, refused.status(), refused.toString());
        assertTrue(refused.err().contains("--force"), refused.toString());
        assertEquals(1_200_000, ok(shell, "cat", "--force", url("big.txt")).out().length());
        assertEquals("x\nx\nx\n", ok(shell, "head", "-n", "3", url("big.txt")).out());
        ShellHarness.Result missing = shell.run("cat", url("nope"));
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("does not exist"), missing.toString());
    }

    @Test
    void rmCountsAndAsksBeforeDeletingMany() throws Exception {
        for (int i = 0; i < 5; i++) store.putObject(bucket, "p/" + i, new byte[1], "text/plain");
        store.putObject(bucket, "keep", new byte[1], "text/plain");
        ShellHarness.Result refused = shell.run("rm", "-r", url("p/"));
        assertEquals(2, refused.status(), refused.toString());
        assertTrue(refused.err().contains("delete 5 objects"), refused.toString());
        assertEquals(6, keysUnder("").size());
        ShellHarness.Result declined = shell.prompter(dev.s3sh.command.Prompter.confirming(q -> false)).run("rm", "-r", url("p"));
        assertEquals(1, declined.status());
        assertEquals(6, keysUnder("").size());
        JsonNode done = json(shell.prompter(dev.s3sh.command.Prompter.confirming(q -> true)), "rm", "-r", url("p"));
        assertEquals(5, done.get("deleted").asLong());
        assertEquals(List.of("keep"), keysUnder(""));
        ShellHarness.Result missing = shell.run("rm", url("nope"));
        assertEquals(1, missing.status(), missing.toString());
        store.putObject(bucket, "g/a.log", new byte[1], "text/plain");
        store.putObject(bucket, "g/b.txt", new byte[1], "text/plain");
        ok(shell, "rm", "--yes", url("g/*.log"));
        assertEquals(List.of("g/b.txt", "keep"), keysUnder(""));
    }

    @Test
    void mbAndRb() {
        String name = bucket + "-mb";
        ok(shell, "mb", "s3://" + name);
        store.putObject(name, "x", new byte[3], "text/plain");
        store.startMultipart(name, "pending", "text/plain", java.util.Map.of());
        ShellHarness.Result refused = shell.run("rb", "s3://" + name);
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("holds 1 objects") && refused.err().contains("--force"), refused.toString());
        ShellHarness.Result noConfirm = shell.run("rb", "--force", "s3://" + name);
        assertEquals(2, noConfirm.status(), noConfirm.toString());
        store.checkBucket(name);
        ok(shell, "rb", "--force", "--yes", "s3://" + name);
        ShellHarness.Result gone = shell.run("rb", name);
        assertEquals(1, gone.status());
        assertTrue(gone.err().contains("does not exist"), gone.toString());
        ShellHarness.Result key = shell.run("mb", "s3://" + name + "/key");
        assertEquals(2, key.status());
    }

    @Test
    void presignedGetAndPutWorkWithAPlainHttpClientAndExpire() throws Exception {
        store.putObject(bucket, "shared file+1.txt", "hello".getBytes(), "text/plain");
        HttpClient http = HttpClient.newHttpClient();
        String get = ok(shell, "signurl", url("shared file+1.txt"), "+300").out().strip();
        assertTrue(get.startsWith(LocalRgw.endpoint() + "/" + bucket + "/"), "path style on an IP endpoint: " + get);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(get)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("hello", r.body());

        String put = json(shell, "signurl", "--expires", "1h", "--method", "PUT", url("uploaded ü.txt")).get("url").asText();
        HttpResponse<String> p = http.send(HttpRequest.newBuilder(URI.create(put))
                .PUT(HttpRequest.BodyPublishers.ofString("via presigned PUT")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, p.statusCode(), p.body());
        assertEquals("via presigned PUT", new String(store.getObject(bucket, "uploaded ü.txt"), StandardCharsets.UTF_8));

        // a GET URL does not allow a PUT
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(get))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, wrong.statusCode());

        String shortLived = ok(shell, "signurl", url("shared file+1.txt"), "+1").out().strip();
        Thread.sleep(2500);
        HttpResponse<String> expired = http.send(HttpRequest.newBuilder(URI.create(shortLived)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, expired.statusCode(), expired.body());
        assertTrue(expired.body().contains("AccessDenied") || expired.body().contains("Expired"), expired.body());
    }
}
