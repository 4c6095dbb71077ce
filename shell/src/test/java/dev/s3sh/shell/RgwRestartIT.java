package dev.s3sh.shell;

import dev.s3sh.command.ExitCode;

import dev.s3sh.config.Profile;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server goes away under a live session and comes back: a second, private RGW (its own state
 * folder and ports; the shared one is never touched) is killed, then started again, and the same
 * session's next commands fail in one sentence while it is down and work once it is back.
 */
class RgwRestartIT {
    private static Map<String, String> rgw(Path dir, String port, String action) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("S3SH_RGW_DIR", dir.toString());
        if (port != null) env.put("S3SH_RGW_PORT", port);
        return LocalRgw.script(env, action);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
    void theNextCommandWorksAfterTheServerIsKilledAndStartedAgain() throws Exception {
        Path dir = Files.createTempDirectory("s3sh-private-rgw");
        try {
            Map<String, String> env = rgw(dir, null, "start");
            URI endpoint = URI.create(env.get("S3_ENDPOINT"));
            assertFalse(endpoint.equals(URI.create(LocalRgw.endpoint())), "a server of its own, not the shared one");
            Profile profile = new Profile("private", endpoint, "us-east-1", env.get("AWS_ACCESS_KEY_ID"),
                    env.get("AWS_SECRET_ACCESS_KEY"), null, true, "rgw");
            try (S3ObjectStore direct = new S3ObjectStore(profile);
                 ShellHarness shell = new ShellHarness(profile, p -> new S3ObjectStore(p, null, FaultIT.SHORT))) {
                direct.createBucket("restart");
                direct.putObject("restart", "before.txt", new byte[]{1}, "text/plain");
                ShellHarness.Result r = shell.run("ls", "s3://restart/");
                assertEquals(0, r.status(), r.toString());

                List<String> pids = Files.readAllLines(dir.resolve("run/all.pids"));
                long radosgw = Long.parseLong(pids.get(2).trim());
                ProcessHandle.of(radosgw).ifPresent(ProcessHandle::destroyForcibly);
                for (int i = 0; i < 100 && ProcessHandle.of(radosgw).map(ProcessHandle::isAlive).orElse(false); i++) Thread.sleep(100);

                r = shell.run("ls", "s3://restart/");
                assertEquals(ExitCode.FAILURE, r.status(), r.toString());
                assertTrue(r.err().contains("cannot connect to " + endpoint) && r.err().strip().lines().count() == 1, r.toString());
                r = shell.run("cors", "set", "--yes", "/dev/null", "s3://restart");
                assertTrue(r.status() != 0 && !r.err().contains("Exception"), r.toString());

                rgw(dir, null, "stop");
                Map<String, String> again = rgw(dir, String.valueOf(endpoint.getPort()), "start");
                assertEquals(endpoint.toString(), again.get("S3_ENDPOINT"), "back on the same port");
                direct.createBucket("restart"); // a memstore RGW starts empty
                direct.putObject("restart", "after.txt", new byte[]{1}, "text/plain");

                r = shell.run("ls", "s3://restart/");
                assertEquals(0, r.status(), "the same session works again\n" + r);
                assertTrue(r.out().contains("after.txt"), r.toString());
            }
        } finally {
            rgw(dir, null, "stop");
        }
    }
}
