package dev.s3sh.shell;

import com.sun.net.httpserver.HttpServer;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SSO and web identity without the network. No server here speaks the SSO portal's
 * GetRoleCredentials or AWS's AssumeRoleWithWebIdentity, so a loopback fake answers each with the
 * local RGW's keys (RGW ignores the session token while its STS is off) and records what it was asked;
 * the listing itself is the real RGW's.
 */
class SsoAndWebIdentityIT {
    private static String bucket;
    private HttpServer fake;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @TempDir
    Path home;

    @BeforeAll
    static void bucket() {
        bucket = LocalRgw.newBucket("sso");
        LocalRgw.store().putObject(bucket, "hello.txt", "hi".getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    @AfterAll
    static void cleanup() {
        LocalRgw.deleteBucket(bucket);
    }

    @AfterEach
    void stopFake() {
        if (fake != null) fake.stop(0);
    }

    private String startFake(String contentType, String body) throws Exception {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " token="
                    + exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token") + " " + URLDecoder.decode(form, StandardCharsets.UTF_8));
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        fake.start();
        return "http://127.0.0.1:" + fake.getAddress().getPort();
    }

    @Test
    void ssoSessionWithACachedTokenGetsTheRolesKeysFromThePortal() throws Exception {
        String portal = startFake("application/json", "{\"roleCredentials\": {\"accessKeyId\": \"" + LocalRgw.accessKey()
                + "\", \"secretAccessKey\": \"" + LocalRgw.secretKey() + "\", \"sessionToken\": \"sso-session-token\", "
                + "\"expiration\": " + Instant.now().plus(1, ChronoUnit.HOURS).toEpochMilli() + "}}");
        Files.writeString(home.resolve("aws-config"), "[profile corp]\nendpoint_url = " + LocalRgw.endpoint()
                + "\nsso_session = corp-sso\nsso_account_id = 111122223333\nsso_role_name = Reader\n\n"
                + "[sso-session corp-sso]\nsso_start_url = https://corp.example.test/start\nsso_region = us-east-1\n"
                + "sso_registration_scopes = sso:account:access\n");
        // what 'aws sso login' leaves: the token cached under the SHA-1 of the session's name
        Path cache = Files.createDirectories(home.resolve(".aws/sso/cache"));
        String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest("corp-sso".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(cache.resolve(name + ".json"), "{\"startUrl\": \"https://corp.example.test/start\", \"region\": "
                + "\"us-east-1\", \"accessToken\": \"cached-sso-access-token\", \"expiresAt\": \""
                + Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}");

        Run r = launch(Map.of("AWS_ENDPOINT_URL_SSO", portal), "--profile", "corp", "ls", "s3://" + bucket + "/");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("hello.txt"), r.toString());
        assertEquals(1, asked.size(), asked.toString());
        assertTrue(asked.get(0).startsWith("GET /federation/credentials"), asked.toString());
        assertTrue(asked.get(0).contains("role_name=Reader") && asked.get(0).contains("account_id=111122223333"), asked.toString());
        assertTrue(asked.get(0).contains("token=cached-sso-access-token"), asked.toString());
        assertFalse(r.toString().contains(LocalRgw.secretKey()), r.toString());
    }

    @Test
    void ssoWithoutACachedTokenIsOneSentenceSayingToLogIn() throws Exception {
        Files.writeString(home.resolve("aws-config"), "[profile corp]\nendpoint_url = " + LocalRgw.endpoint()
                + "\nsso_session = corp-sso\nsso_account_id = 111122223333\nsso_role_name = Reader\n\n"
                + "[sso-session corp-sso]\nsso_start_url = https://corp.example.test/start\nsso_region = us-east-1\n");
        Run r = launch(Map.of("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:9"), "--profile", "corp", "ls", "s3://" + bucket + "/");
        assertEquals(1, r.status(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertTrue(r.err().contains("sso_session of AWS profile 'corp'"), r.toString());
        assertTrue(r.err().contains("aws sso login --profile corp"), r.toString());
    }

    @Test
    void webIdentityTokenFileAsksStsWithTheTokenAndListsWithTheKeys() throws Exception {
        String sts = startFake("text/xml", "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>" + LocalRgw.accessKey() + "</AccessKeyId>"
                + "<SecretAccessKey>" + LocalRgw.secretKey() + "</SecretAccessKey><SessionToken>web-session-token</SessionToken>"
                + "<Expiration>" + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "</Expiration></Credentials>"
                + "<SubjectFromWebIdentityToken>ci-job</SubjectFromWebIdentityToken><AssumedRoleUser>"
                + "<Arn>arn:aws:sts:::assumed-role/Deployer/ci</Arn><AssumedRoleId>deployer:ci</AssumedRoleId></AssumedRoleUser>"
                + "</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
                + "</AssumeRoleWithWebIdentityResponse>");
        Path token = Files.writeString(home.resolve("token.jwt"), "header.payload-of-ci-job.signature");
        // the S3 endpoint is the RGW; STS is named apart, as the AWS CLI reads it
        Files.writeString(home.resolve("aws-config"), "[profile ci]\nendpoint_url = " + LocalRgw.endpoint()
                + "\nrole_arn = arn:aws:iam:::role/Deployer\nweb_identity_token_file = " + token
                + "\nrole_session_name = ci\nservices = fake-sts\n\n[services fake-sts]\nsts =\n  endpoint_url = " + sts + "\n");

        Run r = launch(Map.of(), "--profile", "ci", "ls", "s3://" + bucket + "/");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("hello.txt"), r.toString());
        assertEquals(1, asked.size(), asked.toString());
        assertTrue(asked.get(0).contains("Action=AssumeRoleWithWebIdentity"), asked.toString());
        assertTrue(asked.get(0).contains("RoleArn=arn:aws:iam:::role/Deployer"), asked.toString());
        assertTrue(asked.get(0).contains("WebIdentityToken=header.payload-of-ci-job.signature"), asked.toString());
    }

    record Run(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /**
     * s3sh as its own process, so that the SDK reads this environment (AWS_ENDPOINT_URL_SSO, HOME for
     * ~/.aws/sso/cache) and nothing of the test's.
     */
    private Run launch(Map<String, String> extra, String... args) throws Exception {
        Path root = LocalRgw.projectDir();
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", root.resolve("shell/target/s3sh.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("S3SH_") || k.equals("S3CMD_CONFIG"));
        env.putAll(new HashMap<>(Map.of("HOME", home.toString(), "XDG_STATE_HOME", home.resolve("state").toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString(), "AWS_CONFIG_FILE", home.resolve("aws-config").toString())));
        env.putAll(extra);
        Path out = home.resolve("out"), err = home.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "s3sh did not finish");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
