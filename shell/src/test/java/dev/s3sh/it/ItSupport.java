package dev.s3sh.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.testing.ShellHarness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Helpers the object integration tests share: random files, digests, JSON from a command. */
final class ItSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItSupport() {
    }

    /** A file of {@code size} pseudo-random bytes, written in chunks (never held whole in memory). */
    static Path randomFile(Path dir, String name, long size, long seed) throws IOException {
        Path file = dir.resolve(name);
        Random random = new Random(seed);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                random.nextBytes(buf);
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                left -= n;
            }
        }
        return file;
    }

    static String md5(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md5.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** Runs a command with {@code --output json}, requires status 0 and returns the document. */
    static JsonNode json(ShellHarness shell, String... words) throws IOException {
        String[] all = new String[words.length + 2];
        System.arraycopy(words, 0, all, 0, words.length);
        all[words.length] = "--output";
        all[words.length + 1] = "json";
        ShellHarness.Result r = shell.run(all);
        assertEquals(0, r.status(), r.toString());
        return JSON.readTree(r.out());
    }

    static ShellHarness.Result ok(ShellHarness shell, String... words) {
        ShellHarness.Result r = shell.run(words);
        assertEquals(0, r.status(), r.toString());
        return r;
    }
}
