package dev.s3sh.shell;

import dev.s3sh.cors.CorsTemplates;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.Prompter;
import dev.s3sh.command.UsageException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ls, cd, pwd, info, one-shot and script mode against the real local RGW. */
class FoundationIT {
    private static String bucket;

    @BeforeAll
    static void seed() {
        bucket = LocalRgw.newBucket("foundation");
        var store = LocalRgw.store();
        for (String key : List.of("top.txt", "images/a.png", "images/b.png", "images/deep/c.png", "docs/readme.md")) {
            store.putObject(bucket, key, ("content of " + key).getBytes(StandardCharsets.UTF_8), "text/plain");
        }
    }

    @AfterAll
    static void clean() {
        LocalRgw.deleteBucket(bucket);
    }

    @Test
    void browseWithCdAndLs() {
        try (ShellHarness sh = ShellHarness.local()) {
            assertTrue(sh.run("ls").out().contains(bucket + "/"), "the bucket list shows our bucket");
            assertEquals(0, sh.run("cd", bucket).status());
            assertEquals("s3://" + bucket + "/\n", sh.run("pwd").out());
            assertEquals(List.of("docs/", "images/", "top.txt"), sh.run("ls").out().lines().toList());
            assertEquals(0, sh.run("cd", "images").status());
            assertEquals(List.of("deep/", "a.png", "b.png"), sh.run("ls").out().lines().toList());
            String longListing = sh.run("ls", "-l").out();
            assertTrue(longListing.matches("(?s).*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+23\\s+STANDARD\\s+a\\.png.*"), longListing);
            assertEquals(List.of("a.png", "b.png", "deep/c.png"), sh.run("ls", "-r").out().lines().toList());
            sh.run("cd", "..");
            assertEquals("s3://" + bucket + "/\n", sh.run("pwd").out());
            assertEquals(List.of("deep/"), sh.run("ls", "/" + bucket + "/images/d").out().lines().toList());
            assertEquals(List.of("c.png"), sh.run("ls", "images/deep").out().lines().toList(), "a prefix named without / lists inside");
        }
    }

    @Test
    void missingBucketIsOneSentence() {
        try (ShellHarness sh = ShellHarness.local()) {
            var r = sh.run("cd", "s3://no-such-bucket-s3sh");
            assertEquals(ExitCode.FAILURE, r.status());
            assertEquals("bucket 'no-such-bucket-s3sh' does not exist on " + LocalRgw.endpoint() + "\n", r.err());
            assertEquals("s3://\n", sh.run("pwd").out(), "the location did not change");
            var ls = sh.run("ls", "s3://no-such-bucket-s3sh/");
            assertEquals(ExitCode.FAILURE, ls.status());
            assertFalse(ls.err().contains("Exception"), ls.err());
        }
    }

    @Test
    void infoShowsWhatS3cmdShows() {
        LocalRgw.store().putCors(bucket, CorsTemplates.tutorialExample());
        try (ShellHarness sh = ShellHarness.local()) {
            var r = sh.run("info", "s3://" + bucket);
            assertEquals(0, r.status(), r.toString());
            for (String item : List.of("Location:", "Payer:     BucketOwner", "Expiration Rule: none", "Policy:    none",
                    "<AllowedOrigin>https://*.example.com</AllowedOrigin>", "ACL:       s3sh local user: FULL_CONTROL")) {
                assertTrue(r.out().contains(item), "info shows " + item + "\n" + r.out());
            }
        } finally {
            LocalRgw.store().deleteCors(bucket);
        }
    }

    @Test
    void oneShotWithKeysFromTheEnvironment() throws Exception {
        Run r = main(Map.of(), "", "--endpoint", LocalRgw.endpoint(), "ls", "s3://" + bucket + "/images/");
        assertEquals(0, r.status, r.err);
        assertEquals(List.of("deep/", "a.png", "b.png"), r.out.lines().toList());
        Run bad = main(Map.of(), "", "--endpoint", LocalRgw.endpoint(), "ls", "--bogus");
        assertEquals(ExitCode.USAGE, bad.status);
        assertEquals("unknown option --bogus for 'ls': see 'help ls'\n", bad.err);
        assertEquals(ExitCode.USAGE, main(Map.of(), "", "frobnicate").status);
    }

    @Test
    void scriptModeRunsEachLineAndJsonIsOneDocumentPerCommand() throws Exception {
        Run r = main(Map.of(), "cd " + bucket + "\n# a comment\n\nls\ncd images\npwd\n", "--endpoint", LocalRgw.endpoint());
        assertEquals(0, r.status, r.err);
        assertEquals(List.of("docs/", "images/", "top.txt", "s3://" + bucket + "/images/"), r.out.lines().toList());

        Run json = main(Map.of(), "cd " + bucket + "\nls images\nls s3://nope-nope-s3sh/\n", "--endpoint", LocalRgw.endpoint(), "--output", "json");
        List<String> lines = json.out.lines().toList();
        assertEquals(3, lines.size(), json.out);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode listing = mapper.readTree(lines.get(1));
        assertEquals("images/deep/", listing.get("prefixes").get(0).asText());
        assertEquals(2, listing.get("objects").size());
        assertEquals("NoSuchBucket", mapper.readTree(lines.get(2)).get("error").get("code").asText());
        assertEquals(ExitCode.FAILURE, json.status, "a failed line fails the script");
    }

    @Test
    void changesRefuseWithoutConfirmationInScripts() {
        try (ShellHarness sh = ShellHarness.local()) {
            CommandContext ctx = CommandContext.builder(sh.session(), null).out(new java.io.PrintWriter(new java.io.StringWriter()))
                    .err(new java.io.PrintWriter(new java.io.StringWriter())).prompter(Prompter.NONE).stateDir(sh.stateDir()).build();
            ParsedArgs none = new ParsedArgs(Map.of(), List.of());
            UsageException refused = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                    () -> ctx.confirm(none, "delete the CORS configuration of s3://x"));
            assertEquals("refusing to delete the CORS configuration of s3://x without confirmation: input is not a terminal, add --yes",
                    refused.getMessage());
            assertTrue(ctx.confirm(new ParsedArgs(Map.of("yes", List.of()), List.of()), "do it"));
        }
    }

    /** The line of issue 15: one-shot from bash, and the same line in a script, give the same answer. */
    @Test
    void anEmptyOriginIsAnArgumentInScriptsAsInOneShot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("f.xml");
        java.nio.file.Files.writeString(file, "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>"
                + "<AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>");
        Run oneShot = main(Map.of(), "", "--endpoint", LocalRgw.endpoint(), "cors", "check", "--file", file.toString(),
                "--origin", "", "--method", "GET", "--actual");
        Run script = main(Map.of(), "cors check --file '" + file + "' --origin '' --method GET --actual\n",
                "--endpoint", LocalRgw.endpoint());
        assertTrue(oneShot.status != ExitCode.USAGE, oneShot.err);
        assertEquals(oneShot.status, script.status, script.err);
        assertEquals(oneShot.out, script.out);
        assertEquals(oneShot.err, script.err);
    }

    @Test
    void didYouMeanForCommandsOptionsAndProfiles() throws Exception {
        assertEquals("unknown command 'lss': did you mean 'ls'? (type 'help' for the list)\n",
                main(Map.of(), "", "--endpoint", LocalRgw.endpoint(), "lss").err);
        assertEquals("'cors chek' is not a command (did you mean 'cors check'?); 'cors' has: ",
                main(Map.of(), "", "--endpoint", LocalRgw.endpoint(), "cors", "chek").err.split("show")[0]);
        assertEquals("unknown option --lon for 'ls': did you mean --long? (see 'help ls')\n",
                main(Map.of(), "", "--endpoint", LocalRgw.endpoint(), "ls", "--lon").err);
        assertEquals("s3sh: unknown global option --endpont: did you mean --endpoint? (see 's3sh --help')\n",
                main(Map.of(), "", "--endpont", LocalRgw.endpoint(), "ls").err);
        Run json = main(Map.of(), "", "--endpoint", LocalRgw.endpoint(), "lss", "-o", "json");
        assertTrue(json.out.contains("\"UsageError\""), "an unknown command's --output json is honoured: " + json.out);
    }

    record Run(int status, String out, String err) {
    }

    static Run main(Map<String, String> extraEnv, String stdin, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(LocalRgw.childEnv());
        env.remove("AWS_ENDPOINT_URL");
        env.putAll(extraEnv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setProperty("s3sh.stdin.tty", "0");
        System.setProperty("s3sh.stdout.tty", "0");
        int status = Main.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
