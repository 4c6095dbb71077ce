package dev.s3sh.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTest {
    private static final Path PROJECT = Path.of(System.getProperty("s3sh.project.dir", ".."));

    @Test
    void versionFlagNamesVersionCommitJavaAndSdk(@TempDir Path home) throws Exception {
        // a broken configuration does not stop --version: it is answered before anything is read
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[default]\nregion\n");
        String[] r = run(Map.of("HOME", home.toString()), "--version");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].split("\n");
        assertTrue(lines[0].matches("s3sh \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), lines[0]);
        assertEquals("commit:  " + expectedCommit(), lines[1]);
        assertTrue(lines[2].startsWith("java:    " + Runtime.version() + " ("), lines[2]);
        assertTrue(lines[3].matches("aws sdk: 2\\.\\d+\\.\\d+"), lines[3]);
        assertEquals("", r[2]);
    }

    @Test
    void versionCommandSaysTheSameAndHasJson(@TempDir Path home) throws Exception {
        Map<String, String> env = Map.of("HOME", home.toString());
        String flag = run(env, "--version")[1];
        String[] text = run(env, "version");
        assertEquals("0", text[0], text[2]);
        assertEquals(flag, text[1]);
        String json = run(env, "version", "--output", "json")[1];
        assertTrue(json.matches("\\{\"version\":\"[^\"]+\",\"commit\":\"" + expectedCommit()
                + "\",\"java\":\"[^\"]+\",\"javaVendor\":.*,\"awsSdk\":\"2\\.[0-9.]+\"}\\s*"), json);
    }

    /** What git says of the checkout the tests run in, or "unknown" when it is none. */
    private static String expectedCommit() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").directory(PROJECT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(git.waitFor(30, TimeUnit.SECONDS));
        return git.exitValue() == 0 ? out : "unknown";
    }

    private static String[] run(Map<String, String> env, String... args) throws Exception {
        System.setProperty("s3sh.stdin.tty", "false");
        System.setProperty("s3sh.stdout.tty", "false");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.run(args, env, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[]{Integer.toString(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }
}
