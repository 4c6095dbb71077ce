package dev.s3sh.shell;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsNormalizer;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.store.Timeouts;
import dev.s3sh.testing.FaultProxy;
import dev.s3sh.testing.FaultProxy.Fault;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.TypedRepl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C typed into the real REPL (JLine on an external terminal, so ^C raises INT as a tty does) at
 * each stage of a long listing, of {@code cors edit} (reading the live rules, in the editor, pushing),
 * and of a tab completion whose listing is slow. Each time the prompt comes back, the next command in
 * the same session works, the edit file is kept with its path printed, and what the bucket holds is
 * what s3sh says; {@code cors undo} still has the previous rules.
 */
class InterruptIT {
    static final long HOLD_MS = 20_000; // a server answer held back far longer than the test waits
    static int interrupts;

    private static String bucket;
    private static FaultProxy proxy;

    static final CorsConfiguration OLD = FaultIT.config("https://old.example.test", "GET");
    static final CorsConfiguration NEW = FaultIT.config("https://new.example.test", "GET", "HEAD");

    @BeforeAll
    static void start() {
        bucket = LocalRgw.newBucket("interrupt");
        for (int i = 0; i < 3; i++) LocalRgw.store().putObject(bucket, "dir/key-" + i + ".txt", new byte[]{1}, "text/plain");
        LocalRgw.store().putCors(bucket, OLD);
        proxy = FaultProxy.to(URI.create(LocalRgw.endpoint()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        LocalRgw.deleteBucket(bucket);
        System.out.println("InterruptIT: interrupts tested " + interrupts);
    }

    static int occurrences(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length())) n++;
        return n;
    }

    static boolean seen(String method) {
        return proxy.seen().stream().anyMatch(s -> s.method().equals(method));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS) // a guard against a hung REPL, not a speed check
    void ctrlCAtEachStageLeavesAWorkingSessionAndNothingLost(@TempDir Path tmp) throws Exception {
        Path state = tmp.resolve("state");
        Path mode = tmp.resolve("mode");
        Path started = tmp.resolve("editor-started");
        Path newDoc = tmp.resolve("new.xml");
        Files.writeString(newDoc, CorsXml.write(NEW));
        Path editor = tmp.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\n"
                + "if [ \"$(cat '" + mode + "')\" = hang ]; then touch '" + started + "'; exec sleep 60; fi\n"
                + "cat '" + newDoc + "' > \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("EDITOR", editor.toString(), "XDG_STATE_HOME", state.toString());
        Path editDir = state.resolve("s3sh/edit");

        TypedRepl repl = new TypedRepl(proxy.profile(), p -> new S3ObjectStore(p, null, Timeouts.DEFAULT),
                tmp.resolve("history")).env(env);
        try {
            TypedRepl.Result r = repl.run(keys -> {
                int m;
                // 1. a long listing: the server's answer is held back
                proxy.faultOn("GET", Fault.delay(HOLD_MS));
                proxy.forget();
                m = keys.mark();
                keys.type("ls s3://" + bucket + "/dir/\r");
                TypedRepl.awaitTrue(() -> seen("GET"), "the listing request");
                keys.ctrlC();
                keys.await(m, "interrupted");
                proxy.pass();
                int afterFirst = m;
                m = keys.mark();
                keys.type("ls s3://" + bucket + "/dir/\r");
                keys.await(m, "key-2.txt");
                assertTrue(proxy.holding() > 0, "the next command ran at once, not after the held answer");
                assertEquals(1, occurrences(keys.screen().substring(afterFirst), "interrupted"),
                        "Ctrl-C reported once\n" + keys.screen().substring(afterFirst));

                // 2. cors edit, before the editor: reading the live configuration hangs
                proxy.faultOn("GET", Fault.delay(HOLD_MS));
                proxy.forget();
                m = keys.mark();
                keys.type("cors edit s3://" + bucket + "\r");
                TypedRepl.awaitTrue(() -> seen("GET"), "cors edit reading the live rules");
                keys.ctrlC();
                keys.await(m, "interrupted");
                assertEquals(0, files(editDir).size(), "no edit file before the editor opened");
                proxy.pass();

                // 3. cors edit, in the editor
                Files.writeString(mode, "hang");
                m = keys.mark();
                keys.type("cors edit s3://" + bucket + "\r");
                TypedRepl.awaitTrue(() -> Files.exists(started), "the editor started");
                keys.ctrlC();
                keys.await(m, "your edit is kept in ");
                List<Path> kept = files(editDir);
                assertEquals(1, kept.size(), kept.toString());
                assertTrue(Files.readString(kept.get(0)).contains("https://old.example.test"), "the file as the editor left it");
                assertTrue(keys.screen().substring(m).contains(kept.get(0).toString()), "its path is printed");
                TypedRepl.awaitTrue(() -> ProcessHandle.current().descendants()
                        .noneMatch(p -> p.info().command().orElse("").endsWith("sleep")), "the editor ended");

                // 4. cors edit, after the editor: the push's answer is held back (the server has applied it)
                Files.writeString(mode, "write");
                proxy.faultOn("PUT", Fault.delay(HOLD_MS));
                proxy.forget();
                m = keys.mark();
                keys.type("cors edit s3://" + bucket + " --yes\r");
                TypedRepl.awaitTrue(() -> seen("PUT"), "the push");
                keys.ctrlC();
                keys.await(m, "may hold either version");
                keys.await(m, "your edit is kept in ");
                assertEquals(2, files(editDir).size(), "the second edit is kept too");
                proxy.pass();
                m = keys.mark();
                keys.type("cors undo s3://" + bucket + " --yes\r");
                keys.await(m, "s3://" + bucket + ": CORS updated");
                assertTrue(CorsNormalizer.sameRules(LocalRgw.store().getCors(bucket).orElse(null), CorsNormalizer.rgwStoredForm(OLD)),
                        "'cors undo' put the rules from before the interrupted push back");

                // 5. a tab completion whose listing is slow, then Ctrl-C on the line
                proxy.faultOn("GET", Fault.delay(HOLD_MS));
                m = keys.mark();
                keys.type("ls s3://" + bucket + "/dir/ke\t");
                keys.await(m, "still listing");
                keys.ctrlC();
                proxy.pass();
                m = keys.mark();
                keys.type("pwd\r");
                keys.await(m, "s3://");
            });
            interrupts += r.ctrlCs();
            assertFalse(r.screen().contains("Exception"), r.screen());
        } finally {
            proxy.pass();
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
