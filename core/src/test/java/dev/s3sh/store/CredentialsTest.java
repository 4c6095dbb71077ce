package dev.s3sh.store;

import dev.s3sh.config.DelegatedCredentials;
import dev.s3sh.config.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** credential_process through the SDK's provider: the AWS CLI's JSON document, caching and refresh, failures. */
class CredentialsTest {
    @TempDir
    Path dir;

    /** A script that counts its runs and prints keys expiring at {@code expiration}. */
    private Profile processProfile(Instant expiration, String extra) throws Exception {
        Path script = dir.resolve("keys.sh");
        Files.writeString(script, "#!/bin/sh\necho run >> '" + dir.resolve("runs") + "'\n" + extra
                + "cat <<'JSON'\n{\"Version\": 1, \"AccessKeyId\": \"PROCESSKEY0000000001\", "
                + "\"SecretAccessKey\": \"process-secret-0000000000000000001\", \"SessionToken\": \"process-token-1\", "
                + "\"Expiration\": \"" + expiration.truncatedTo(ChronoUnit.SECONDS) + "\"}\nJSON\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path config = dir.resolve("config");
        Files.writeString(config, "[profile ci]\ncredential_process = " + script + "\n");
        return new Profile("ci", null, "us-east-1", null, null, null, true, "rgw", null,
                new DelegatedCredentials("ci", "credential_process", "config line 2", config, null));
    }

    private long runs() throws Exception {
        Path runs = dir.resolve("runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    @Test
    void keysThatStayValidAreFetchedOnce() throws Exception {
        AwsCredentialsProvider p = Credentials.provider(processProfile(Instant.now().plus(1, ChronoUnit.HOURS), ""));
        AwsSessionCredentials keys = assertInstanceOf(AwsSessionCredentials.class, p.resolveCredentials());
        assertEquals("PROCESSKEY0000000001", keys.accessKeyId());
        assertEquals("process-token-1", keys.sessionToken());
        p.resolveCredentials();
        p.resolveCredentials();
        assertEquals(1, runs());
    }

    @Test
    void keysThatExpireAreFetchedAgainByTheSameProvider() throws Exception {
        AwsCredentialsProvider soon = Credentials.provider(processProfile(Instant.now().plusSeconds(5), ""));
        soon.resolveCredentials();
        soon.resolveCredentials();
        assertEquals(2, runs(), "keys about to expire are refreshed, not reused");

        Files.delete(dir.resolve("runs"));
        AwsCredentialsProvider expired = Credentials.provider(processProfile(Instant.now().minusSeconds(60), ""));
        expired.resolveCredentials();
        expired.resolveCredentials();
        assertEquals(2, runs(), "expired keys are refreshed");
    }

    @Test
    void aFailingProcessIsOneSentenceNamingTheProfileWithoutItsOutput() throws Exception {
        Path script = dir.resolve("bad.sh");
        Files.writeString(script, "#!/bin/sh\necho '{\"AccessKeyId\": \"LEAKEDKEY\", \"SecretAccessKey\": \"leaked-secret' \n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path config = dir.resolve("config");
        Files.writeString(config, "[profile ci]\ncredential_process = " + script + "\n");
        Profile p = new Profile("ci", null, "us-east-1", null, null, null, true, "rgw", null,
                new DelegatedCredentials("ci", "credential_process", "config line 2", config, null));
        StoreException e = assertThrows(StoreException.class, () -> Credentials.provider(p).resolveCredentials());
        assertTrue(e.getMessage().startsWith("could not obtain keys through credential_process of AWS profile 'ci' (config line 2): "),
                e.getMessage());
        assertFalse(e.getMessage().contains("leaked"), e.getMessage());
        assertFalse(e.getMessage().contains("LEAKEDKEY"), e.getMessage());
    }

    @Test
    void aRoleIsAssumedAtTheProfilesEndpointSignedWithTheSourceProfilesKeys() throws Exception {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer sts = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        sts.createContext("/", exchange -> {
            asked.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            byte[] answer = ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                    + "<Credentials><AccessKeyId>ROLEKEY0000000000001</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>"
                    + "<SessionToken>role-token</SessionToken><Expiration>" + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                    + "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts:::assumed-role/Reader/it</Arn>"
                    + "<AssumedRoleId>reader:it</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        sts.start();
        try {
            java.net.URI endpoint = java.net.URI.create("http://127.0.0.1:" + sts.getAddress().getPort());
            Path config = Files.writeString(dir.resolve("config"), "[profile base]\naws_access_key_id = SOURCEKEY00000000001\n"
                    + "aws_secret_access_key = source-secret\n\n[profile reader]\nrole_arn = arn:aws:iam:::role/Reader\n"
                    + "source_profile = base\nrole_session_name = it\n");
            Profile p = new Profile("reader", endpoint, "us-east-1", null, null, null, true, "rgw", null,
                    new DelegatedCredentials("reader", "role_arn", "config line 5", config, null));
            AwsSessionCredentials keys = assertInstanceOf(AwsSessionCredentials.class, Credentials.provider(p).resolveCredentials());
            assertEquals("ROLEKEY0000000000001", keys.accessKeyId());
            assertEquals(1, asked.size());
            assertTrue(asked.get(0).contains("Credential=SOURCEKEY00000000001/"), asked.get(0));
            assertTrue(asked.get(0).contains("Action=AssumeRole") && asked.get(0).contains("RoleSessionName=it"), asked.get(0));
        } finally {
            sts.stop(0);
        }
    }
}
