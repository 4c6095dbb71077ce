package dev.s3sh.shell;

import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * s3sh run in-process against the local RGW with credentials from one source at a time (HOME is
 * a temporary directory and the environment is a map built here), and switching profiles.
 */
class ProfilesIT {
    private static String bucket;

    @TempDir
    Path home;

    @BeforeAll
    static void bucket() {
        bucket = LocalRgw.newBucket("profiles");
        LocalRgw.store().putObject(bucket, "hello.txt", "hi".getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    @AfterAll
    static void cleanup() {
        LocalRgw.deleteBucket(bucket);
    }

    record Run(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    static Run s3sh(Map<String, String> env, String stdin, String... args) throws Exception {
        System.setProperty("s3sh.stdin.tty", "false");
        System.setProperty("s3sh.stdout.tty", "false");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        return env;
    }

    static String hostPort() {
        URI u = URI.create(LocalRgw.endpoint());
        return u.getHost() + ":" + u.getPort();
    }

    void write(String underHome, String text) throws Exception {
        Path p = home.resolve(underHome);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        // as s3cmd --configure and aws configure leave them: only their owner reads them
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    void writeS3cfg() throws Exception {
        write(".s3cfg", "[default]\naccess_key = " + LocalRgw.accessKey() + "\nsecret_key = " + LocalRgw.secretKey()
                + "\nhost_base = " + hostPort() + "\nhost_bucket = " + hostPort() + "\nuse_https = False\nbucket_location = US\n"
                + "signature_v2 = False\n");
    }

    @Test
    void lsWithOnlyAnS3cfg() throws Exception {
        writeS3cfg();
        Run r = s3sh(env(), "", "ls");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains(bucket + "/"), r.toString());
        assertEquals("", r.err(), r.toString());
        Run show = s3sh(env(), "", "profile", "show");
        assertTrue(show.out().contains("profile s3cfg") && show.out().contains("from ~/.s3cfg line 3"), show.toString());
        assertFalse(show.out().contains(LocalRgw.secretKey()), show.toString());
    }

    @Test
    void lsWithOnlyAwsFiles() throws Exception {
        write(".aws/config", "[default]\nregion = us-east-1\nendpoint_url = " + LocalRgw.endpoint() + "\n");
        write(".aws/credentials", "[default]\naws_access_key_id = " + LocalRgw.accessKey()
                + "\naws_secret_access_key = " + LocalRgw.secretKey() + "\n");
        Run r = s3sh(env(), "", "ls", "s3://" + bucket + "/");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("hello.txt"), r.toString());
    }

    @Test
    void lsWithOnlyEnvironmentVariables() throws Exception {
        Map<String, String> env = env();
        env.put("AWS_ACCESS_KEY_ID", LocalRgw.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", LocalRgw.secretKey());
        env.put("AWS_ENDPOINT_URL_S3", LocalRgw.endpoint());
        Run r = s3sh(env, "", "ls");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains(bucket + "/"), r.toString());
    }

    @Test
    void nothingConfiguredSaysWhereToPutKeys() throws Exception {
        Run r = s3sh(env(), "", "ls");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("has no credentials") && r.err().contains("profile"), r.toString());
    }

    @Test
    void profileUseSwitchesEndpointAndKeysInOneSession() throws Exception {
        String port = Integer.toString(URI.create(LocalRgw.endpoint()).getPort());
        write(".config/s3sh/config", "[profile ip]\nendpoint = http://127.0.0.1:" + port + "\naccess_key = " + LocalRgw.accessKey()
                + "\nsecret_key = " + LocalRgw.secretKey() + "\n\n[profile name]\nendpoint = http://localhost:" + port
                + "\npath_style = true\naccess_key = " + LocalRgw.accessKey() + "\nsecret_key = " + LocalRgw.secretKey()
                + "\n\n[profile wrongkey]\nendpoint = http://127.0.0.1:" + port + "\naccess_key = " + LocalRgw.accessKey()
                + "\nsecret_key = not-the-right-secret-000000000001\n");
        Run r = s3sh(env(), """
                pwd --output json
                ls
                profile use name
                pwd --output json
                ls
                profile use wrongkey
                ls
                profile use ip
                cd s3://%s
                ls
                profile list
                """.formatted(bucket), "--profile", "ip");
        String[] lines = r.out().split("\n");
        assertEquals("{\"location\":\"s3://\",\"endpoint\":\"http://127.0.0.1:" + port + "\"}", lines[0], r.toString());
        assertTrue(r.out().contains("now using profile name (http://localhost:" + port + ")"), r.toString());
        assertTrue(r.out().contains("{\"location\":\"s3://\",\"endpoint\":\"http://localhost:" + port + "\"}"), r.toString());
        assertEquals(2, r.out().split(bucket + "/", -1).length - 1, "ls worked on both endpoints:\n" + r);
        assertTrue(r.err().contains("SignatureDoesNotMatch") || r.err().toLowerCase().contains("signature"),
                "the wrong key was used after 'profile use wrongkey':\n" + r);
        assertTrue(r.out().contains("hello.txt"), "back on 'ip' the session works again:\n" + r);
        assertTrue(r.out().contains("* ip "), r.toString());
        assertEquals(1, r.status(), "a script reports its first failure:\n" + r);
    }
}
