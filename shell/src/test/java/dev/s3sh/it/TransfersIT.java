package dev.s3sh.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3sh.store.ObjectInfo;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.store.StoreException;
import dev.s3sh.testing.FaultProxy;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.s3sh.it.ItSupport.json;
import static dev.s3sh.it.ItSupport.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Large transfers: multipart round trip with checksums, server-side multipart copy, and interruption. */
class TransfersIT {
    static final long SIZE = 100L << 20;
    @TempDir
    static Path dir;
    static Path big;
    static String bucket;
    static ObjectStore store;

    @BeforeAll
    static void setUp() throws Exception {
        store = LocalRgw.store();
        bucket = LocalRgw.newBucket("transfers");
        big = ItSupport.randomFile(dir, "big 100M.bin", SIZE, 42);
    }

    @AfterAll
    static void tearDown() {
        LocalRgw.deleteBucket(bucket);
    }

    @Test
    void hundredMegabyteMultipartRoundTripWithChecksums() throws Exception {
        try (ShellHarness shell = ShellHarness.local()) {
            JsonNode put = json(shell, "put", big.toString(), "s3://" + bucket + "/round/");
            JsonNode sent = put.get("transfers").get(0);
            assertEquals(SIZE, sent.get("bytes").asLong());
            assertEquals(7, sent.get("parts").asInt(), "100 MiB in 16 MiB parts");
            assertTrue(sent.get("verified").asText().contains("MD5(part MD5s)-7"), sent.toString());
            ObjectInfo info = store.stat(bucket, "round/big 100M.bin");
            assertEquals(SIZE, info.size());
            assertTrue(info.plainEtag().endsWith("-7"), info.etag());

            Path back = dir.resolve("back.bin");
            JsonNode get = json(shell, "get", "s3://" + bucket + "/round/big 100M.bin", back.toString());
            assertTrue(get.get("transfers").get(0).get("verified").asText().startsWith("MD5 of each of the 7 parts"),
                    get.toString());
            assertEquals(md5(big), md5(back));
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains(".part-")).toList());
            }

            // server-side multipart copy, then a download of the copy; the source's content type and
            // user metadata (set here with the SDK: s3sh has no way to set them) travel with it
            ((S3ObjectStore) store).client().copyObject(b -> b.sourceBucket(bucket).sourceKey("round/big 100M.bin")
                    .destinationBucket(bucket).destinationKey("round/big 100M.bin").metadataDirective(MetadataDirective.REPLACE)
                    .contentType("application/x-s3sh-test").metadata(Map.of("owner", "qa team", "build", "42")));
            JsonNode cp = json(shell, "cp", "s3://" + bucket + "/round/big 100M.bin", "s3://" + bucket + "/copied/c.bin");
            assertEquals(7, cp.get("transfers").get(0).get("parts").asInt());
            ObjectInfo copied = store.stat(bucket, "copied/c.bin");
            assertEquals(SIZE, copied.size());
            assertEquals("application/x-s3sh-test", copied.contentType());
            assertEquals(Map.of("owner", "qa team", "build", "42"), copied.metadata());
            Path copyBack = dir.resolve("copy.bin");
            json(shell, "get", "s3://" + bucket + "/copied/c.bin", copyBack.toString());
            assertEquals(md5(big), md5(copyBack));

            // a small part size and one thread give the same bytes
            json(shell, "put", "--part-size", "5M", "--threads", "1", big.toString(), "s3://" + bucket + "/small-parts.bin");
            assertTrue(store.stat(bucket, "small-parts.bin").plainEtag().endsWith("-20"));
            Path smallBack = dir.resolve("small.bin");
            JsonNode g = json(shell, "get", "s3://" + bucket + "/small-parts.bin", smallBack.toString());
            assertTrue(g.get("transfers").get(0).get("verified").asText().contains("(5 MiB)"), g.toString());
            assertEquals(md5(big), md5(smallBack));
        }
    }

    /** Runs a command on its own thread and interrupts it (as Ctrl-C in the REPL does) once {@code started} holds. */
    private static ShellHarness.Result interruptWhen(ShellHarness shell, java.util.function.BooleanSupplier started,
                                                     String... words) throws Exception {
        AtomicReference<ShellHarness.Result> result = new AtomicReference<>();
        Thread worker = new Thread(() -> result.set(shell.run(words)));
        worker.start();
        long polls = 0;
        while (!started.getAsBoolean() && worker.isAlive()) {
            Thread.sleep(5);
            polls++;
        }
        assertTrue(worker.isAlive(), "the transfer finished before it could be interrupted (" + polls + " polls)");
        worker.interrupt();
        worker.join(60_000);
        assertFalse(worker.isAlive());
        return result.get();
    }

    @Test
    void interruptedUploadAbortsTheMultipartUpload() throws Exception {
        try (ShellHarness shell = ShellHarness.local()) {
            ShellHarness.Result r = interruptWhen(shell, () -> !store.listUploads(bucket, "interrupted/").isEmpty(),
                    "put", "--part-size", "5M", "--threads", "1", big.toString(), "s3://" + bucket + "/interrupted/x.bin");
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().contains("interrupted"), r.toString());
            assertEquals(List.of(), store.listUploads(bucket, "interrupted/"), "the multipart upload was aborted");
            StoreException missing = assertThrows(StoreException.class, () -> store.stat(bucket, "interrupted/x.bin"));
            assertEquals("NoSuchKey", missing.code());
        }
    }

    @Test
    void interruptedDownloadLeavesNoFile() throws Exception {
        store.upload(bucket, "dl/source.bin", null, 0, big, 0, SIZE, "application/octet-stream", null);
        Path target = Files.createDirectories(dir.resolve("interrupted-dl")).resolve("x.bin");
        try (ShellHarness shell = ShellHarness.local()) {
            ShellHarness.Result r = interruptWhen(shell, () -> partialFiles(target.getParent()) > 0,
                    "get", "--threads", "1", "--part-size", "5M", "s3://" + bucket + "/dl/source.bin", target.toString());
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().contains("interrupted"), r.toString());
        }
        assertFalse(Files.exists(target), "no file under the final name");
        assertEquals(0, partialFiles(target.getParent()), "the .part file was deleted");
    }

    private static long partialFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().contains(".part-")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The launcher, one-shot, against the local RGW with its keys; the caller sets the redirects. */
    private static ProcessBuilder launcher(String... words) {
        List<String> command = new java.util.ArrayList<>(List.of(LocalRgw.projectDir().resolve("s3sh").toString(),
                "--endpoint", LocalRgw.endpoint()));
        command.addAll(List.of(words));
        ProcessBuilder p = new ProcessBuilder(command);
        p.environment().putAll(LocalRgw.childEnv());
        return p;
    }

    @Test
    void getToStandardOutputWritesTheObjectInOrderAndChecksIt() throws Exception {
        store.upload(bucket, "stdout/big.bin", null, 0, big, 0, SIZE, "application/octet-stream", null); // plain MD5 ETag
        Path out = dir.resolve("stdout.bin");
        Path err = dir.resolve("stdout.err");
        Process process = launcher("get", "s3://" + bucket + "/stdout/big.bin", "-")
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "s3sh ended");
        String said = Files.readString(err);
        assertEquals(0, process.exitValue(), said);
        assertEquals(md5(big), md5(out), "standard output holds exactly the object");
        assertTrue(said.contains("MD5 of the whole object matches the ETag"), said);

        try (ShellHarness shell = ShellHarness.local()) {
            ShellHarness.Result inRepl = shell.run("get", "s3://" + bucket + "/stdout/big.bin", "-");
            assertEquals(2, inRepl.status(), inRepl.toString());
            assertTrue(inRepl.err().contains("run it one-shot"), inRepl.toString());
        }
    }

    @Test
    void putFromStandardInputStoresTheBytesInPartsOrInOnePut() throws Exception {
        // 100 MiB through a pipe: a first part of the threshold (16 MiB), then 5 MiB parts
        Process process = launcher("put", "--part-size", "5M", "-", "s3://" + bucket + "/stdin/big.bin")
                .redirectInput(big.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("stdin.log").toFile()).start();
        assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "s3sh ended");
        String log = Files.readString(dir.resolve("stdin.log"));
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.contains("MD5(part MD5s)-18"), log);
        ObjectInfo info = store.stat(bucket, "stdin/big.bin");
        assertEquals(SIZE, info.size());
        assertTrue(info.plainEtag().endsWith("-18"), info.etag());
        assertEquals(List.of(), store.listUploads(bucket, "stdin/"), "no upload left open");
        Path back = dir.resolve("stdin-back.bin");
        try (ShellHarness shell = ShellHarness.local()) {
            json(shell, "get", "s3://" + bucket + "/stdin/big.bin", back.toString());
        }
        assertEquals(md5(big), md5(back), "the same bytes");

        // a short input is one PUT whose ETag is its MD5
        Path small = dir.resolve("small-stdin.txt");
        Files.writeString(small, "hello from a pipe\n");
        Process one = launcher("put", "--content-type", "text/plain", "-", "s3://" + bucket + "/stdin/small.txt")
                .redirectInput(small.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("small.log").toFile()).start();
        assertTrue(one.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        ObjectInfo smallInfo = store.stat(bucket, "stdin/small.txt");
        assertEquals(md5(small), smallInfo.plainEtag(), Files.readString(dir.resolve("small.log")));
        assertEquals("text/plain", smallInfo.contentType());

        try (ShellHarness shell = ShellHarness.local()) {
            ShellHarness.Result inRepl = shell.run("put", "-", "s3://" + bucket + "/stdin/x");
            assertEquals(2, inRepl.status(), inRepl.toString());
            assertTrue(inRepl.err().contains("one-shot"), inRepl.toString());
        }
    }

    @Test
    void ctrlCOnAOneShotUploadAbortsIt() throws Exception {
        // the answers to part uploads are held back, so Ctrl-C surely lands mid-upload however
        // fast or loaded the machine is (an unheld 100 MB upload could finish before the signal)
        try (FaultProxy proxy = FaultProxy.to(java.net.URI.create(LocalRgw.endpoint()))) {
            proxy.faultOn("PUT", FaultProxy.Fault.delay(60_000));
            // as in a terminal's foreground job, SIGINT starts at its default: a test run from a background
            // job (nohup, some CI runners) inherits it ignored, and the JVM then installs no handler for it
            ProcessBuilder p = new ProcessBuilder("python3", "-c",
                    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
                    LocalRgw.projectDir().resolve("s3sh").toString(), "--endpoint",
                    proxy.uri().toString(), "put", "--part-size", "5M", "--threads", "1", big.toString(),
                    "s3://" + bucket + "/sigint/x.bin")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sigint.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            p.environment().putAll(LocalRgw.childEnv());
            Process process = p.start();
            for (int i = 0; i < 600 && process.isAlive() && proxy.holding() == 0; i++) Thread.sleep(50);
            assertTrue(process.isAlive() && proxy.holding() > 0, "a part upload under way: " + Files.readString(dir.resolve("sigint.log")));
            assertFalse(store.listUploads(bucket, "sigint/").isEmpty(), "the multipart upload was started");
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("s3sh did not end after Ctrl-C: " + Files.readString(dir.resolve("sigint.log")));
            }
            String log = Files.readString(dir.resolve("sigint.log"));
            assertEquals(130, process.exitValue(), log);
            assertTrue(log.contains("interrupted"), log);
            assertTrue(proxy.holding() > 0, "s3sh ended without waiting for the held part\n" + log);
            assertEquals(List.of(), store.listUploads(bucket, "sigint/"), "aborted before exit: " + log);
            assertThrows(StoreException.class, () -> store.stat(bucket, "sigint/x.bin"), "no object stored");
        }
    }
}
