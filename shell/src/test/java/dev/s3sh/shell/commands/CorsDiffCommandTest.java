package dev.s3sh.shell.commands;

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

class CorsDiffCommandTest {
    private static final String A = "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>"
            + "<AllowedOrigin>https://b.example.com</AllowedOrigin><AllowedOrigin>https://a.example.com</AllowedOrigin></CORSRule></CORSConfiguration>";
    private static final String A_REORDERED = "{\"CORSRules\":[{\"AllowedMethods\":[\"PUT\",\"GET\"],"
            + "\"AllowedOrigins\":[\"https://a.example.com\",\"https://b.example.com\"]}]}";
    private static final String B = "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod>"
            + "<AllowedOrigin>https://a.example.com</AllowedOrigin><MaxAgeSeconds>60</MaxAgeSeconds></CORSRule></CORSConfiguration>";

    private final ShellHarness shell = new ShellHarness(new Profile("offline", URI.create("http://127.0.0.1:9"), "us-east-1",
            null, null, null, true, "rgw"));

    @Test
    void fileAgainstFile(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.xml"), A);
        Path reordered = Files.writeString(dir.resolve("a.json"), A_REORDERED);
        Path b = Files.writeString(dir.resolve("b.xml"), B);

        var same = shell.run("cors", "diff", a.toString(), reordered.toString());
        assertEquals(0, same.status(), same.toString());
        assertTrue(same.out().startsWith("no differences"), same.out());

        var changed = shell.run("cors", "diff", a.toString(), b.toString());
        assertEquals(0, changed.status(), changed.toString());
        assertTrue(changed.out().contains("PUT"), changed.out());
        assertTrue(changed.out().contains("https://b.example.com"), changed.out());
        assertTrue(changed.out().contains("--- " + a) && changed.out().contains("+++ " + b), changed.out());

        var json = new ObjectMapper().readTree(shell.run("cors", "diff", a.toString(), b.toString(), "--output", "json").out());
        assertFalse(json.get("same").asBoolean());
        assertTrue(json.get("changes").size() >= 3, json.toString());
    }

    @Test
    void usageAndMissingFiles(@TempDir Path dir) {
        assertEquals(2, shell.run("cors", "diff").status());
        var missing = shell.run("cors", "diff", dir.resolve("nope.xml").toString(), dir.resolve("nope2.xml").toString());
        assertEquals(2, missing.status(), "a file that is not there is a wrong argument");
        assertTrue(missing.err().contains("no such file"), missing.err());
    }
}
