package dev.s3sh.shell;

import dev.s3sh.testing.FaultProxy;
import dev.s3sh.testing.FaultProxy.Fault;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C as a shell delivers it (SIGINT to the process) while a one-shot command or a script waits on
 * a server whose answer is held back: s3sh exits 130, as a shell reports a command that INT stopped.
 */
class InterruptExitStatusIT {
    private static String bucket;
    private static FaultProxy proxy;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        bucket = LocalRgw.newBucket("sigint");
        LocalRgw.store().putObject(bucket, "key.txt", new byte[]{1}, "text/plain");
        proxy = FaultProxy.to(URI.create(LocalRgw.endpoint()));
        proxy.faultOn("GET", Fault.delay(60_000)); // far longer than the test waits
    }

    @AfterAll
    static void stop() {
        proxy.close();
        LocalRgw.deleteBucket(bucket);
    }

    @Test
    void ctrlCOnAOneShotCommandExits130() throws Exception {
        assertEquals(130, interruptedStatus("", "ls", "s3://" + bucket + "/"));
    }

    @Test
    void ctrlCInAScriptExits130WithoutRunningTheRest() throws Exception {
        int before = proxy.seen().size();
        assertEquals(130, interruptedStatus("ls s3://" + bucket + "/\nls s3://" + bucket + "/\n"));
        assertEquals(1, proxy.seen().stream().skip(before).filter(s -> s.method().equals("GET")).count(),
                "the second line did not run: " + proxy.seen());
    }

    /** Starts s3sh against the stalled proxy, sends SIGINT once its request is held, and returns its status. */
    private int interruptedStatus(String script, String... command) throws Exception {
        int before = proxy.seen().size();
        // a process started in the background (as Maven may be) inherits SIGINT ignored, and the JVM then keeps
        // it ignored; a shell's foreground command, which Ctrl-C reaches, has it at its default: start s3sh so
        List<String> line = new ArrayList<>(List.of("python3", "-c", "import os, signal, sys; "
                + "signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", LocalRgw.projectDir().resolve("shell/target/s3sh.jar").toString(), "--endpoint", proxy.uri().toString()));
        line.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(line);
        Map<String, String> env = pb.environment();
        env.putAll(LocalRgw.childEnv());
        env.remove("AWS_ENDPOINT_URL");
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        Process p = pb.redirectOutput(home.resolve("out").toFile()).redirectError(home.resolve("err").toFile()).start();
        p.getOutputStream().write(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        for (int i = 0; i < 2400 && proxy.seen().stream().skip(before).noneMatch(s -> s.method().equals("GET")); i++) {
            assertTrue(p.isAlive(), "s3sh ended before its request: " + Files.readString(home.resolve("err")));
            Thread.sleep(50);
        }
        assertTrue(proxy.seen().stream().skip(before).anyMatch(s -> s.method().equals("GET")), "the listing request was held");
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "s3sh did not end after SIGINT");
        String err = Files.readString(home.resolve("err"));
        assertTrue(err.contains("interrupted"), err);
        return p.exitValue();
    }
}
