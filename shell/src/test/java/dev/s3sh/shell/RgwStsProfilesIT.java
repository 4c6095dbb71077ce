package dev.s3sh.shell;

import dev.s3sh.cors.CorsTemplates;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AWS profiles whose keys expire, against a private RGW with its STS on ({@code rgw_s3_auth_use_sts},
 * {@code rgw_sts_key}): {@code role_arn} + {@code source_profile} through RGW's own AssumeRole, and keys
 * from {@code credential_process} refreshed inside one running session.
 */
class RgwStsProfilesIT {
    private static LocalRgw.Instance rgw;
    private static ObjectStore admin;
    private static final String ALLOWED = "sts-allowed", OTHER = "sts-other";

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        rgw = LocalRgw.Instance.start("sts", List.of("rgw_s3_auth_use_sts = true", "rgw_sts_key = s3shlocalstskey1"));
        // the role the instance's user may assume; it may list and read the CORS of one bucket only
        rgw.admin("role", "create", "--role-name=Reader", "--path=/", "--assume-role-policy-doc="
                + "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "[\"arn:aws:iam:::user/s3sh\"]},\"Action\":[\"sts:AssumeRole\"]}]}");
        rgw.admin("role-policy", "put", "--role-name=Reader", "--policy-name=one-bucket", "--policy-doc="
                + "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\","
                + "\"s3:GetBucketCORS\"],\"Resource\":\"arn:aws:s3:::" + ALLOWED + "\"}]}");
        admin = new S3ObjectStore(rgw.profile("admin"));
        for (String bucket : List.of(ALLOWED, OTHER)) {
            admin.createBucket(bucket);
            admin.putObject(bucket, "hello.txt", "hi".getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        admin.putCors(ALLOWED, CorsTemplates.tutorialExample());
    }

    @AfterAll
    static void stop() throws Exception {
        if (admin != null) admin.close();
        if (rgw != null) rgw.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("AWS_CONFIG_FILE", home.resolve("aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("aws-credentials").toString());
        return env;
    }

    @Test
    void roleArnWithSourceProfileAssumesTheRoleThroughRgwsOwnSts() throws Exception {
        Files.writeString(home.resolve("aws-credentials"), "[base]\naws_access_key_id = " + rgw.accessKey()
                + "\naws_secret_access_key = " + rgw.secretKey() + "\n");
        Files.writeString(home.resolve("aws-config"), "[profile base]\nendpoint_url = " + rgw.endpoint()
                + "\n\n[profile reader]\nendpoint_url = " + rgw.endpoint()
                + "\nrole_arn = arn:aws:iam:::role/Reader\nsource_profile = base\nrole_session_name = it\n");

        ProfilesIT.Run ls = ProfilesIT.s3sh(env(), "", "--profile", "reader", "ls", "s3://" + ALLOWED + "/");
        assertEquals(0, ls.status(), ls.toString());
        assertTrue(ls.out().contains("hello.txt"), ls.toString());
        ProfilesIT.Run cors = ProfilesIT.s3sh(env(), "", "--profile", "reader", "--output", "json", "cors", "show", "s3://" + ALLOWED);
        assertEquals(0, cors.status(), cors.toString());
        assertTrue(cors.out().contains("\"allowedOrigins\"") || cors.out().contains("AllowedOrigin"), cors.toString());

        // the role's policy, not the user's ownership, decides: the keys really are the role's
        ProfilesIT.Run denied = ProfilesIT.s3sh(env(), "", "--profile", "reader", "ls", "s3://" + OTHER + "/");
        assertEquals(1, denied.status(), denied.toString());
        assertTrue(denied.err().contains("AccessDenied") || denied.err().toLowerCase().contains("access denied"), denied.toString());
        ProfilesIT.Run owner = ProfilesIT.s3sh(env(), "", "--profile", "base", "ls", "s3://" + OTHER + "/");
        assertEquals(0, owner.status(), owner.toString());
        for (ProfilesIT.Run r : List.of(ls, cors, denied)) assertFalse(r.toString().contains(rgw.secretKey()), r.toString());
    }

    @Test
    void keysThatExpireAreFetchedAgainInsideOneSession() throws Exception {
        // a user of its own with two keys; the process hands out the first once, then the second
        String first = "REFRESHKEY0000000001", second = "REFRESHKEY0000000002";
        String firstSecret = "refresh-secret-one-" + Long.toHexString(System.nanoTime());
        String secondSecret = "refresh-secret-two-" + Long.toHexString(System.nanoTime());
        rgw.admin("user", "create", "--uid=refresher", "--display-name=refresher", "--access-key=" + first, "--secret-key=" + firstSecret);
        rgw.admin("key", "create", "--uid=refresher", "--key-type=s3", "--access-key=" + second, "--secret-key=" + secondSecret);
        String bucket = "refresh-bucket";
        try (S3ObjectStore owner = new S3ObjectStore(new dev.s3sh.config.Profile("refresher", java.net.URI.create(rgw.endpoint()),
                "us-east-1", first, firstSecret, null, true, "rgw"))) {
            owner.createBucket(bucket);
            owner.putObject(bucket, "hello.txt", "hi".getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        Path runs = home.resolve("runs"), expires = home.resolve("expires");
        Path script = home.resolve("keys.sh");
        // keys valid 20 s: the SDK takes keys within 15 s of their expiry as stale and fetches new ones
        Files.writeString(script, "#!/bin/sh\necho run >> '" + runs + "'\n"
                + "if [ \"$(wc -l < '" + runs + "')\" -eq 1 ]; then id=" + first + "; secret=" + firstSecret
                + "; else id=" + second + "; secret=" + secondSecret + "; fi\n"
                + "at=$(( $(date +%s) + 20 ))\necho $at > '" + expires + "'\n"
                + "printf '{\"Version\": 1, \"AccessKeyId\": \"%s\", \"SecretAccessKey\": \"%s\", \"Expiration\": \"%s\"}\\n' "
                + "$id $secret $(date -u -d @$at +%Y-%m-%dT%H:%M:%SZ)\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(home.resolve("aws-config"), "[profile rotating]\nendpoint_url = " + rgw.endpoint()
                + "\ncredential_process = " + script + "\n");

        System.setProperty("s3sh.stdin.tty", "false");
        System.setProperty("s3sh.stdout.tty", "false");
        PipedOutputStream typed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        AtomicInteger status = new AtomicInteger(-1);
        Thread session = new Thread(() -> {
            try {
                status.set(Main.run(new String[]{"--profile", "rotating"}, env(), stdin,
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
            } catch (Exception e) {
                status.set(99);
            }
        }, "script-session");
        session.start();
        typed.write(("ls s3://" + bucket + "/\n").getBytes(StandardCharsets.UTF_8));
        typed.flush();
        awaitListings(out, err, 1);
        long runsBefore = Files.readAllLines(runs).size();

        // the first key is gone: from now on only keys fetched again can work
        rgw.admin("key", "rm", "--uid=refresher", "--key-type=s3", "--access-key=" + first);
        long expiry = Long.parseLong(Files.readString(expires).strip());
        while (Instant.now().getEpochSecond() <= expiry) Thread.sleep(250);

        typed.write(("ls s3://" + bucket + "/\n").getBytes(StandardCharsets.UTF_8));
        typed.close();
        session.join(120_000);
        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, status.get(), all);
        assertEquals(2, occurrences(out.toString(StandardCharsets.UTF_8), "hello.txt"), all);
        assertTrue(Files.readAllLines(runs).size() > runsBefore, "the process ran again for the command after the expiry");
        assertFalse(all.contains(firstSecret) || all.contains(secondSecret), all);
    }

    private static void awaitListings(ByteArrayOutputStream out, ByteArrayOutputStream err, int count) throws InterruptedException {
        for (int i = 0; i < 1200 && occurrences(out.toString(StandardCharsets.UTF_8), "hello.txt") < count; i++) {
            if (!err.toString(StandardCharsets.UTF_8).isEmpty()) break;
            Thread.sleep(50);
        }
        assertEquals(count, occurrences(out.toString(StandardCharsets.UTF_8), "hello.txt"),
                out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    private static int occurrences(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) n++;
        return n;
    }
}
