package dev.s3sh.tui;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.Tmux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full-screen mode over {@code ssh -tt} to an sshd on loopback (key authentication, started
 * here on a free port, 127.0.0.1 only), so the remote pty and TERM path is the one under test:
 * the REPL on the far side opens the mode, browses, shows CORS and a tester verdict, leaves, and
 * Ctrl-C still works at the remote prompt.
 */
class TuiSshIT {
    static String bucket;

    @BeforeAll
    static void seed() {
        bucket = LocalRgw.newBucket("tuissh");
        LocalRgw.store().putObject(bucket, "app/main.js", "console.log(1)".getBytes(), "text/javascript");
        LocalRgw.store().putCors(bucket, new CorsConfiguration(List.of(new CorsRule(null, List.of("GET", "PUT"),
                List.of("https://app.example.org"), List.of("content-type"), List.of(), null))));
    }

    @AfterAll
    static void clean() {
        LocalRgw.deleteBucket(bucket);
    }

    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void fullScreenModeOverSsh(@TempDir Path dir) throws Exception {
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("user_key").toString());
        Files.copy(dir.resolve("user_key.pub"), dir.resolve("authorized_keys"));
        Files.createDirectories(Path.of("/run/sshd"));   // sshd's privilege separation directory
        int port = freePort();
        String user = System.getProperty("user.name");
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "AllowUsers " + user,
                "") );
        // the remote side's environment comes from a 0600 file, not from a command line
        Path envFile = dir.resolve("remote.env");
        StringBuilder env = new StringBuilder();
        for (String k : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION")) {
            env.append(k).append("='").append(LocalRgw.childEnv().get(k)).append("'\n");
        }
        env.append("LANG=C.UTF-8\nXDG_STATE_HOME='").append(dir.resolve("state")).append("'\nXDG_CACHE_HOME='")
                .append(dir.resolve("cache")).append("'\n")
                .append("S3SH_NO_ARCHIVE=1\n"); // no background training writing into the temp folder after the test
        Files.writeString(envFile, env.toString());
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-------"));

        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        try {
            waitForPort(port, sshd, dir);
            String remote = "set -a; . " + envFile + "; set +a; cd " + LocalRgw.projectDir() + " && exec ./s3sh --endpoint "
                    + LocalRgw.endpoint();
            String ssh = "ssh -tt -p " + port + " -i " + dir.resolve("user_key") + " -o BatchMode=yes -o StrictHostKeyChecking=no"
                    + " -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR " + user + "@127.0.0.1 \"" + remote + "\"";
            Map<String, String> local = new HashMap<>(System.getenv());
            local.put("TERM", "xterm-256color");
            local.remove("TMUX");
            try (Tmux t = Tmux.start("ssh", 80, 24, local, ssh)) {
                t.waitFor("s3:// >");
                t.type("cd " + bucket + "/app").keys("Enter");
                t.waitFor("s3://" + bucket + "/app/ >");
                t.type("tui").keys("Enter");
                String s = t.waitFor("main.js");
                assertTrue(s.contains("F3 CORS") && s.contains("s3://" + bucket + "/app/"), s);
                assertTrue(s.contains("\u2502") || s.contains("|"), "boxes are drawn\n" + s);
                t.keys("Left");                                   // up to the bucket root
                t.waitFor("app/");
                t.keys("F3");
                t.waitFor("https://app.example.org");
                s = t.waitFor("GET,PUT");
                t.keys("Enter");                                  // test the selected rule in the tester
                t.waitFor("Preflight tester: s3://" + bucket);
                t.keys("Enter");
                s = t.waitFor("Evaluator: ALLOWED by rule 1, HTTP 200");
                t.keys("F5");                                     // and live, side by side
                s = t.waitFor("Live probe: ALLOWED, HTTP 200");
                assertTrue(s.contains("agrees with the evaluator"), s);
                t.keys("C-c");                                    // trapped: the mode stays
                t.waitFor("Ctrl-C does not leave");
                t.keys("F10");
                t.waitUntil("the remote prompt again", x -> !x.contains("F3 CORS") && x.split("s3://" + bucket + "/app/ >", -1).length >= 3);
                t.type("half typed");
                t.waitFor("> half typed");
                t.keys("C-c");                                    // Ctrl-C at the remote prompt clears the line
                String prompt = "s3://" + bucket + "/app/ >";
                t.waitUntil("a fresh prompt after Ctrl-C", x -> x.contains("> half typed")
                        && x.substring(x.indexOf("> half typed")).contains(prompt));
                t.type("pwd").keys("Enter");
                s = t.waitFor("s3://" + bucket + "/app/\n");
                assertTrue(!s.contains("half typedpwd"), s);
                t.type("exit").keys("Enter");
                t.waitFor("[pane command exited]");
            }
        } finally {
            sshd.destroy();
            if (!sshd.waitFor(10, TimeUnit.SECONDS)) sshd.destroyForcibly();
        }
    }

    private static void waitForPort(int port, Process sshd, Path dir) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (!sshd.isAlive()) throw new IllegalStateException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (Exception e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("sshd did not listen on 127.0.0.1:" + port + ": " + Files.readString(dir.resolve("sshd.log")));
    }
}
