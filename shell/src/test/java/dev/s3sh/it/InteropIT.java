package dev.s3sh.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.s3sh.it.ItSupport.json;
import static dev.s3sh.it.ItSupport.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Objects written by s3sh are read by s3cmd and the AWS CLI, and the other way round. */
class InteropIT {
    static final long SIZE = 40_000_000;
    @TempDir
    static Path dir;
    static Path s3cfg;
    static Path data;
    static String bucket;

    @BeforeAll
    static void setUp() throws Exception {
        bucket = LocalRgw.newBucket("interop");
        data = ItSupport.randomFile(dir, "data.bin", SIZE, 7);
        URI endpoint = URI.create(LocalRgw.endpoint());
        String hostPort = endpoint.getHost() + ":" + endpoint.getPort();
        s3cfg = dir.resolve("s3cfg");
        Files.writeString(s3cfg, String.join("\n",
                "[default]",
                "access_key = " + LocalRgw.accessKey(),
                "secret_key = " + LocalRgw.secretKey(),
                "host_base = " + hostPort,
                "host_bucket = " + hostPort,
                "use_https = False",
                "signature_v2 = False",
                "bucket_location = us-east-1",
                ""));
        Files.setPosixFilePermissions(s3cfg, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterAll
    static void tearDown() {
        LocalRgw.deleteBucket(bucket);
    }

    private static String run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(LocalRgw.childEnv());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }

    private static String s3cmd(String... args) throws Exception {
        List<String> c = new ArrayList<>(List.of("s3cmd", "-c", s3cfg.toString()));
        c.addAll(List.of(args));
        return run(c.toArray(String[]::new));
    }

    private static String aws(String... args) throws Exception {
        List<String> c = new ArrayList<>(List.of("aws", "--endpoint-url", LocalRgw.endpoint(), "--region", "us-east-1"));
        c.addAll(List.of(args));
        return run(c.toArray(String[]::new));
    }

    private static String url(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Test
    void s3shWritesOthersRead() throws Exception {
        try (ShellHarness shell = ShellHarness.local()) {
            json(shell, "put", data.toString(), url("from-s3sh/data.bin"));
            Files.writeString(dir.resolve("note.txt"), "odd name\n");
            json(shell, "put", dir.resolve("note.txt").toString(), url("from-s3sh/a note + 100%.txt"));
        }
        Path viaS3cmd = dir.resolve("via-s3cmd.bin");
        s3cmd("get", "--force", url("from-s3sh/data.bin"), viaS3cmd.toString());
        assertEquals(md5(data), md5(viaS3cmd));
        Path viaAws = dir.resolve("via-aws.bin");
        aws("s3", "cp", "--only-show-errors", url("from-s3sh/data.bin"), viaAws.toString());
        assertEquals(md5(data), md5(viaAws));
        Path note = dir.resolve("note-aws.txt");
        aws("s3", "cp", "--only-show-errors", url("from-s3sh/a note + 100%.txt"), note.toString());
        assertEquals("odd name\n", Files.readString(note));
        assertTrue(s3cmd("ls", url("from-s3sh/")).contains("a note + 100%.txt"));
    }

    @Test
    void othersWriteS3shReads() throws Exception {
        aws("s3", "cp", "--only-show-errors", data.toString(), url("from-aws/data.bin"));
        s3cmd("put", data.toString(), url("from-s3cmd/data.bin"));
        s3cmd("put", dir.resolve("data.bin").toString(), url("from-s3cmd/sp ace & ü.bin"));
        try (ShellHarness shell = ShellHarness.local()) {
            Path a = dir.resolve("a.bin"), s = dir.resolve("s.bin"), odd = dir.resolve("odd.bin");
            JsonNode fromAws = json(shell, "get", url("from-aws/data.bin"), a.toString()).get("transfers").get(0);
            assertTrue(fromAws.get("verified").asText().contains("(8 MiB) matches"), "aws cli uses 8 MiB parts: " + fromAws);
            JsonNode fromS3cmd = json(shell, "get", url("from-s3cmd/data.bin"), s.toString()).get("transfers").get(0);
            assertTrue(fromS3cmd.get("verified").asText().contains("(15 MiB) matches"), "s3cmd uses 15 MiB parts: " + fromS3cmd);
            json(shell, "get", url("from-s3cmd/sp ace & ü.bin"), odd.toString());
            assertEquals(md5(data), md5(a));
            assertEquals(md5(data), md5(s));
            assertEquals(md5(data), md5(odd));
            String listing = shell.run("ls", "-r", "s3://" + bucket + "/").out();
            assertTrue(listing.contains("from-s3cmd/sp ace & ü.bin"), listing);
        }
    }
}
