package dev.s3sh.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.config.Profile;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --credentials: the server allows, the browser still blocks unless Allow-Credentials is true. */
class CorsCheckCredentialsTest {
    private final ShellHarness shell = new ShellHarness(new Profile("offline", URI.create("http://127.0.0.1:9"), "us-east-1",
            null, null, null, true, "rgw"));

    private JsonNode check(Path file, String... extra) throws Exception {
        var words = new java.util.ArrayList<>(java.util.List.of("cors", "check", "--file", file.toString(),
                "--origin", "https://app.example.com", "--method", "GET", "--output", "json"));
        words.addAll(java.util.List.of(extra));
        var r = shell.run(words);
        assertEquals(0, r.status(), r.toString());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void rgwNeverAllowsCredentialsAwsDoesForAnEchoedOrigin(@TempDir Path dir) throws Exception {
        Path exact = Files.writeString(dir.resolve("exact.xml"), "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod>"
                + "<AllowedOrigin>https://app.example.com</AllowedOrigin></CORSRule></CORSConfiguration>");
        Path star = Files.writeString(dir.resolve("star.xml"), "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod>"
                + "<AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>");

        assertTrue(check(exact, "--dialect", "rgw").get("allowed").asBoolean(), "without credentials RGW allows it");
        JsonNode rgw = check(exact, "--dialect", "rgw", "--credentials");
        assertFalse(rgw.get("allowed").asBoolean());
        assertTrue(rgw.get("reason").asText().contains("Access-Control-Allow-Credentials"), rgw.toString());

        assertTrue(check(exact, "--dialect", "aws", "--credentials").get("allowed").asBoolean(), "AWS echoes and sends Allow-Credentials");
        JsonNode awsStar = check(star, "--dialect", "aws", "--credentials", "--actual");
        assertFalse(awsStar.get("allowed").asBoolean(), "Allow-Origin * never works with credentials");
        assertTrue(awsStar.get("reason").asText().contains("*"), awsStar.toString());
    }
}
