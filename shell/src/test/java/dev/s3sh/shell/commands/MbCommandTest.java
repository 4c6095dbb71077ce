package dev.s3sh.shell.commands;

import dev.s3sh.command.ExitCode;
import dev.s3sh.config.Profile;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mb} with a name S3 refuses: a usage error in one sentence, before any request (nothing listens on port 1). */
class MbCommandTest {
    @Test
    void namesS3RefusesAreUsageErrors() {
        Profile nowhere = new Profile("nowhere", URI.create("http://127.0.0.1:1"), "us-east-1", "AK", "sk", null, true, null);
        try (ShellHarness shell = new ShellHarness(nowhere)) {
            for (String name : List.of("ab", "A_B", "Upper", "-dash", "dot.", "a..b", "a.-b", "192.168.1.1", "x".repeat(64),
                    "esc\u001b[2Jx")) {
                ShellHarness.Result r = shell.run("mb", "s3://" + name);
                assertEquals(ExitCode.USAGE, r.status(), name + ": " + r);
                assertTrue(r.err().contains("is not a valid bucket name"), r.toString());
                assertFalse(r.err().contains("unexpected") || r.err().contains("\u001b"), r.toString());
                assertEquals(1, r.err().strip().lines().count(), "one sentence: " + r);
            }
        }
    }
}
