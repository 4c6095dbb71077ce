package dev.s3sh.shell;

import dev.s3sh.command.UsageException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainOptionsTest {
    @Test
    void connectionOptions() {
        Main.Invocation inv = Main.parse(new String[]{"--profile", "atl", "--cluster=us-southeast-1", "-c", "~/x.cfg",
                "--ca-bundle", "/etc/ca.pem", "--insecure", "ls", "--profile", "ignored"});
        assertEquals("atl", inv.connection().profile());
        assertEquals("us-southeast-1", inv.connection().cluster());
        assertEquals("~/x.cfg", inv.connection().s3cfgFile());
        assertEquals("/etc/ca.pem", inv.connection().caBundle());
        assertTrue(inv.connection().insecure());
        assertEquals(List.of("ls", "--profile", "ignored"), inv.command(), "options after the command are the command's");
        assertEquals("x", Main.parse(new String[]{"--config=x"}).connection().s3cfgFile());
        assertFalse(Main.parse(new String[]{}).connection().insecure());
    }

    @Test
    void misuse() {
        assertThrows(UsageException.class, () -> Main.parse(new String[]{"--insecure=yes"}));
        assertThrows(UsageException.class, () -> Main.parse(new String[]{"--profile"}));
        assertThrows(UsageException.class, () -> Main.parse(new String[]{"--local", "--profile", "x"}));
    }

    @Test
    void insecureIsWarnedAboutAndBrokenFilesStopTheStart(@TempDir Path home) throws Exception {
        Map<String, String> env = Map.of("HOME", home.toString(), "AWS_ACCESS_KEY_ID", "MAINTESTACCESSKEY001",
                "AWS_SECRET_ACCESS_KEY", "main-test-secret-000000000001");
        String[] r = run(env, "--insecure", "--endpoint", "https://s3.example.com", "profile", "show");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("warning: TLS certificate verification is OFF") && r[2].contains("--insecure"), r[2]);
        assertTrue(r[1].contains("skip TLS verification:  YES"), r[1]);
        assertFalse(r[1].contains("main-test-secret-000000000001"), r[1]);
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[default]\nregion\n");
        r = run(env, "ls");
        assertEquals("3", r[0], "a broken configuration file is invalid input");
        assertEquals("s3sh: ~/.aws/config line 2 is neither a [section] header nor a 'key = value' setting: fix or remove that line\n", r[2]);
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
