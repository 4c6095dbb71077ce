package dev.s3sh.shell;

import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AWS profiles that obtain their keys, used for real against the local RGW. */
class AwsCredentialProvidersIT {
    private static String bucket;

    @TempDir
    Path home;

    @BeforeAll
    static void bucket() {
        bucket = LocalRgw.newBucket("credproc");
        LocalRgw.store().putObject(bucket, "hello.txt", "hi".getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    @AfterAll
    static void cleanup() {
        LocalRgw.deleteBucket(bucket);
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("AWS_CONFIG_FILE", home.resolve("aws-config").toString());
        return env;
    }

    @Test
    void credentialProcessGivesTheKeysOfAOneShotLs() throws Exception {
        Path script = home.resolve("keys.sh");
        // the JSON document the AWS CLI defines for credential_process, with the local RGW's keys
        Files.writeString(script, "#!/bin/sh\necho run >> '" + home.resolve("runs") + "'\ncat <<'JSON'\n{\"Version\": 1, "
                + "\"AccessKeyId\": \"" + LocalRgw.accessKey() + "\", \"SecretAccessKey\": \"" + LocalRgw.secretKey() + "\", "
                + "\"Expiration\": \"" + Instant.now().plusSeconds(3600).toString() + "\"}\nJSON\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(home.resolve("aws-config"), "[profile ci]\nendpoint_url = " + LocalRgw.endpoint()
                + "\ns3.addressing_style = path\ncredential_process = " + script + "\n");

        ProfilesIT.Run r = ProfilesIT.s3sh(env(), "", "--profile", "ci", "ls", "s3://" + bucket + "/");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("hello.txt"), r.toString());
        assertEquals(1, Files.readAllLines(home.resolve("runs")).size(), "the process runs once for keys valid an hour");
        assertFalse(r.out().contains(LocalRgw.secretKey()) || r.err().contains(LocalRgw.secretKey()));
    }

    @Test
    void aProcessThatFailsIsOneSentenceAndExitOne() throws Exception {
        Files.writeString(home.resolve("aws-config"), "[profile ci]\nendpoint_url = " + LocalRgw.endpoint()
                + "\ncredential_process = /bin/false\n");
        ProfilesIT.Run r = ProfilesIT.s3sh(env(), "", "--profile", "ci", "ls", "s3://" + bucket + "/");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("could not obtain keys through credential_process of AWS profile 'ci' (" ), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
    }
}
