package dev.s3sh.shell;

import dev.s3sh.app.CorsEditFile;
import dev.s3sh.app.CorsHistory;
import dev.s3sh.command.Prompter;
import dev.s3sh.cors.CorsTemplates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsNormalizer;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CORS journey against the real RGW: show, set, setcors/delcors verbatim, edit with EDITOR set
 * to small shell scripts (valid, invalid then fixed, aborted, unchanged, changed meanwhile by s3cmd),
 * undo and restore.
 */
class CorsWorkflowIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The Linode tutorial's cors_policies.xml, as the tutorial writes it. */
    private static final String TUTORIAL = """
            <CORSConfiguration>
              <CORSRule>
                <AllowedOrigin>http://example.com</AllowedOrigin>
                <AllowedOrigin>http://*.example.com</AllowedOrigin>
                <AllowedOrigin>https://example.com</AllowedOrigin>
                <AllowedOrigin>https://*.example.com</AllowedOrigin>
                <AllowedMethod>GET</AllowedMethod>
                <AllowedMethod>HEAD</AllowedMethod>
                <AllowedHeader>Authorization</AllowedHeader>
                <ExposeHeader>Access-Control-Allow-Origin</ExposeHeader>
                <MaxAgeSeconds>3000</MaxAgeSeconds>
              </CORSRule>
              <CORSRule>
                <AllowedOrigin>http://example.com</AllowedOrigin>
                <AllowedOrigin>http://*.example.com</AllowedOrigin>
                <AllowedOrigin>https://example.com</AllowedOrigin>
                <AllowedOrigin>https://*.example.com</AllowedOrigin>
                <AllowedMethod>PUT</AllowedMethod>
                <AllowedMethod>POST</AllowedMethod>
                <AllowedMethod>DELETE</AllowedMethod>
                <AllowedHeader>Authorization</AllowedHeader>
                <AllowedHeader>Origin</AllowedHeader>
                <AllowedHeader>Content-*</AllowedHeader>
                <ExposeHeader>ETag</ExposeHeader>
                <MaxAgeSeconds>3000</MaxAgeSeconds>
              </CORSRule>
            </CORSConfiguration>
            """;
    private static final String OTHER = "<CORSConfiguration><CORSRule><AllowedOrigin>https://other.example</AllowedOrigin>"
            + "<AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>\n";

    @TempDir
    Path dir;
    private String bucket;
    private ShellHarness sh;
    private Path tutorial;

    @BeforeEach
    void setUp() throws Exception {
        bucket = LocalRgw.newBucket("workflow");
        sh = ShellHarness.local().stateDir(dir.resolve("state"));
        tutorial = dir.resolve("cors_policies.xml");
        Files.writeString(tutorial, TUTORIAL);
    }

    @AfterEach
    void tearDown() {
        sh.close();
        LocalRgw.deleteBucket(bucket);
    }

    private CorsConfiguration server() {
        return LocalRgw.store().getCors(bucket).orElse(null);
    }

    private List<Path> editFiles() throws Exception {
        Path edit = dir.resolve("state/edit");
        if (!Files.isDirectory(edit)) return List.of();
        try (Stream<Path> s = Files.list(edit)) {
            return s.toList();
        }
    }

    private int historySize() {
        return new CorsHistory(dir.resolve("state"), LocalRgw.endpoint(), bucket).dir().toFile().list() == null ? 0
                : new CorsHistory(dir.resolve("state"), LocalRgw.endpoint(), bucket).dir().toFile().list().length;
    }

    /** EDITOR is a shell script; $N counts the openings (1, 2, ...), $D is the test's directory. */
    private void editor(String body) throws Exception {
        Path script = dir.resolve("editor.sh");
        Files.writeString(script, "#!/bin/sh\nset -e\nD='" + dir + "'\nN=$(cat \"$D/count\" 2>/dev/null || echo 0); N=$((N+1)); echo $N > \"$D/count\"\n"
                + "cp \"$1\" \"$D/open$N\"\n" + body + "\ncp \"$1\" \"$D/saved$N\"\n");
        script.toFile().setExecutable(true);
        sh.editor(file -> TerminalEditorProcess.run(Map.of("EDITOR", script.toString()), file));
    }

    private int openings() throws Exception {
        Path count = dir.resolve("count");
        return Files.exists(count) ? Integer.parseInt(Files.readString(count).strip()) : 0;
    }

    private static Path keptFile(ShellHarness.Result r) {
        String marker = "is kept in ";
        int at = r.err().indexOf(marker);
        assertTrue(at >= 0, r.toString());
        return Path.of(r.err().substring(at + marker.length()).lines().findFirst().orElseThrow().strip());
    }

    @Test
    void showSaysNoneThenShowsWhatSetPushedInEachFormat() throws Exception {
        ShellHarness.Result none = sh.run("cors", "show", "s3://" + bucket);
        assertEquals(0, none.status(), none.toString());
        assertTrue(none.out().contains("has no CORS configuration"), none.toString());
        assertFalse(JSON.readTree(sh.run("cors", "show", "s3://" + bucket, "--output", "json").out()).get("configured").asBoolean());

        ShellHarness.Result set = sh.run("cors", "set", tutorial.toString(), "s3://" + bucket, "--yes");
        assertEquals(0, set.status(), set.toString());
        assertTrue(set.out().contains("CORS updated") && set.out().contains("verified"), set.toString());
        assertTrue(CorsNormalizer.sameRules(CorsParser.parse(TUTORIAL, "t"), server()));

        sh.run("cd", "s3://" + bucket);
        ShellHarness.Result xml = sh.run("cors", "show");
        assertEquals(CorsXml.write(server()), xml.out());
        JsonNode json = JSON.readTree(sh.run("cors", "show", "--output", "json").out());
        assertEquals(2, json.get("CORSRules").size());
        assertEquals("ETag", json.get("CORSRules").get(1).get("ExposeHeaders").get(0).asText());
        List<String> table = sh.run("cors", "show", "--output", "table").out().lines().toList();
        assertTrue(table.get(0).startsWith("#  ORIGINS"), table.toString());
        long rule2Warnings = dev.s3sh.cors.CorsLinter.lint(server(), dev.s3sh.cors.Dialect.RGW).stream().filter(w -> w.rule() == 2).count();
        String marks = table.get(2).substring(table.get(2).lastIndexOf(' ') + 1);
        assertTrue(table.get(2).startsWith("2  ") && table.get(2).contains("PUT,DELETE,POST"), table.toString());
        assertEquals(rule2Warnings, marks.length(), table.get(2));
        assertTrue(marks.matches("[!i]+"), marks);
        assertTrue(table.stream().anyMatch(l -> l.startsWith("! rule 2: is never used on RGW")), table.toString());

        ShellHarness.Result lint = sh.run("cors", "lint");
        assertEquals(0, lint.status(), lint.toString());
        assertTrue(lint.out().contains("s3://" + bucket + ": rule 2:"), "cors lint defaults to the current bucket: " + lint);
    }

    @Test
    void theTutorialsCommandsWorkVerbatimWithoutQuestions() throws Exception {
        // Prompter.NONE: nobody to ask, no --yes, as in a script
        ShellHarness.Result set = sh.run("setcors", tutorial.toString(), "s3://" + bucket);
        assertEquals(0, set.status(), set.toString());
        assertTrue(CorsNormalizer.sameRules(CorsParser.parse(TUTORIAL, "t"), server()));
        ShellHarness.Result info = sh.run("info", "s3://" + bucket);
        assertTrue(info.out().contains("<AllowedOrigin>https://*.example.com</AllowedOrigin>"), info.toString());
        ShellHarness.Result del = sh.run("delcors", "s3://" + bucket);
        assertEquals(0, del.status(), del.toString());
        assertNull(server());
        assertEquals(2, historySize(), "both pushes saved what they replaced");
        assertEquals(2, sh.run("setcors", tutorial.toString()).status(), "setcors needs the bucket, as in s3cmd");
    }

    @Test
    void theTutorialsLinesRunAsPastedWithTheWordS3cmdInFront() throws Exception {
        ShellHarness.Result set = sh.run("s3cmd", "setcors", tutorial.toString(), "s3://" + bucket);
        assertEquals(0, set.status(), set.toString());
        assertTrue(CorsNormalizer.sameRules(CorsParser.parse(TUTORIAL, "t"), server()));
        ShellHarness.Result info = sh.run("s3cmd", "info", "s3://" + bucket);
        assertTrue(info.out().contains("<AllowedOrigin>https://*.example.com</AllowedOrigin>"), info.toString());
        ShellHarness.Result url = sh.run("s3cmd", "signurl", "s3://" + bucket + "/example.txt", "+300");
        assertEquals(0, url.status(), url.toString());
        assertTrue(url.out().contains("X-Amz-Expires=300"), url.toString());
        ShellHarness.Result sync = sh.run("s3cmd", "sync", ".", "s3://" + bucket);
        assertEquals(2, sync.status(), sync.toString());
        ShellHarness.Result bare = sh.run("s3cmd");
        assertEquals(2, bare.status(), bare.toString());
        assertTrue(bare.err().contains("setcors") && bare.err().contains("run s3cmd itself"), bare.toString());
        assertEquals(0, sh.run("s3cmd", "delcors", "s3://" + bucket).status());
        assertNull(server());
    }

    @Test
    void setRefusesAnInvalidFileOrAMissingYesAndTheServerKeepsItsRules() throws Exception {
        sh.run("cors", "set", tutorial.toString(), "s3://" + bucket, "--yes");
        CorsConfiguration before = server();
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, TUTORIAL.replace("<AllowedMethod>HEAD</AllowedMethod>", "<AllowedMethod>PATCH</AllowedMethod>"));
        ShellHarness.Result r = sh.run("cors", "set", bad.toString(), "s3://" + bucket, "--yes");
        assertEquals(3, r.status(), r.toString());
        assertTrue(r.err().contains("bad.xml:8:") && r.err().contains("PATCH"), r.toString());
        Path other = dir.resolve("other.xml");
        Files.writeString(other, OTHER);
        assertEquals(2, sh.run("cors", "set", other.toString(), "s3://" + bucket).status());
        assertEquals(CorsXml.write(before), CorsXml.write(server()));
        assertEquals(1, historySize());
    }

    @Test
    void aValidEditIsPushedVerifiedAndItsFileRemoved() throws Exception {
        sh.run("setcors", tutorial.toString(), "s3://" + bucket);
        editor("sed -i 's#<AllowedOrigin>http://example.com</AllowedOrigin>#<AllowedOrigin>https://www.example.org</AllowedOrigin>#' \"$1\"");
        ShellHarness.Result r = sh.run("cors", "edit", "s3://" + bucket, "--yes");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("verified"), r.toString());
        String opened = Files.readString(dir.resolve("open1"));
        assertTrue(opened.startsWith("<!-- s3sh cors edit: s3://" + bucket + " at " + LocalRgw.endpoint() + ", dialect rgw."), opened);
        assertTrue(server().rules().get(0).allowedOrigins().contains("https://www.example.org"));
        assertFalse(server().rules().get(0).allowedOrigins().contains("http://example.com"));
        assertEquals(List.of(), editFiles(), "the edit file goes once pushed");
        assertEquals(2, historySize());
    }

    @Test
    void anInvalidEditReopensWithTheErrorsAboveTheUntouchedTextThenTheFixIsPushed() throws Exception {
        sh.run("setcors", tutorial.toString(), "s3://" + bucket);
        editor("""
                if [ $N = 1 ]; then sed -i 's#<AllowedMethod>HEAD</AllowedMethod>#<AllowedMethod>PATCH</AllowedMethod>#' "$1"; fi
                if [ $N = 2 ]; then sed -i 's#PATCH#DELETE#' "$1"; fi
                """);
        ShellHarness.Result r = sh.run("cors", "edit", "s3://" + bucket, "--yes");
        assertEquals(0, r.status(), r.toString());
        assertEquals(2, openings());
        String saved1 = Files.readString(dir.resolve("saved1"));
        String open2 = Files.readString(dir.resolve("open2"));
        assertTrue(open2.startsWith("<!-- s3sh: NOT PUSHED:"), open2);
        assertTrue(open2.contains("PATCH' is not one of"), open2);
        assertTrue(open2.endsWith(saved1), "the user's text is kept exactly, below the errors");
        assertEquals(saved1, CorsEditFile.withoutNotice(open2));
        // the error names the line where PATCH is in the reopened file
        String problem = open2.lines().filter(l -> l.contains("PATCH' is not one of")).findFirst().orElseThrow();
        int line = Integer.parseInt(problem.strip().split(":")[1]);
        assertTrue(open2.lines().toList().get(line - 1).contains("<AllowedMethod>PATCH</AllowedMethod>"), problem);
        assertEquals(List.of("GET", "DELETE"), server().rules().get(0).allowedMethods());
        assertEquals(List.of(), editFiles());
    }

    @Test
    void aJsonEditOpensAsAwsCliJsonReopensWithErrorsAndIsPushed() throws Exception {
        sh.run("setcors", tutorial.toString(), "s3://" + bucket);
        editor("""
                if [ $N = 1 ]; then sed -i 's#"HEAD"#"PATCH"#' "$1"; fi
                if [ $N = 2 ]; then sed -i 's#"PATCH"#"DELETE"#' "$1"; fi
                """);
        ShellHarness.Result r = sh.run("cors", "edit", "s3://" + bucket, "--format", "json", "--yes");
        assertEquals(0, r.status(), r.toString());
        assertEquals(2, openings());
        String open1 = Files.readString(dir.resolve("open1"));
        assertTrue(open1.startsWith("<!-- s3sh cors edit: s3://" + bucket), open1);
        assertTrue(open1.contains("\"CORSRules\""), open1);
        assertTrue(open1.contains("\"HEAD\""), "the live rules, as JSON\n" + open1);
        assertFalse(open1.contains("<CORSRule>"), open1);
        // the JSON error points into the reopened file, at the line holding PATCH
        String open2 = Files.readString(dir.resolve("open2"));
        String problem = open2.lines().filter(l -> l.contains("PATCH' is not one of")).findFirst().orElseThrow(() -> new AssertionError(open2));
        int line = Integer.parseInt(problem.strip().split(":")[1]);
        assertTrue(open2.lines().toList().get(line - 1).contains("\"PATCH\""), problem + "\n" + open2);
        assertEquals(List.of("GET", "DELETE"), server().rules().get(0).allowedMethods());
        assertEquals(List.of(), editFiles(), "the edit file goes once pushed");
    }

    @Test
    void aJsonEditOfABucketWithoutCorsOpensTheStarterAsJson() throws Exception {
        editor("true");
        ShellHarness.Result r = sh.run("cors", "edit", "s3://" + bucket, "--format", "json", "--yes");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("no changes"), r.toString());
        String opened = Files.readString(dir.resolve("open1"));
        String json = CorsEditFile.forParsing(opened).strip();
        assertTrue(json.startsWith("{"), opened);
        assertEquals(CorsParser.parse(CorsTemplates.named("public-read").xml(), "t"), CorsParser.parse(json, "opened"));
        assertNull(server(), "nothing pushed");
        ShellHarness.Result bad = sh.run("cors", "edit", "s3://" + bucket, "--format", "yaml");
        assertEquals(2, bad.status(), bad.toString());
    }

    @Test
    void quittingFromTheReopenedFileKeepsItAndPushesNothing() throws Exception {
        sh.run("setcors", tutorial.toString(), "s3://" + bucket);
        CorsConfiguration before = server();
        editor("if [ $N = 1 ]; then sed -i 's#<AllowedMethod>HEAD</AllowedMethod>#<AllowedMethod>PATCH</AllowedMethod>#' \"$1\"; fi");
        ShellHarness.Result r = sh.run("cors", "edit", "s3://" + bucket, "--yes");
        assertEquals(3, r.status(), r.toString());
        Path kept = keptFile(r);
        assertTrue(Files.readString(kept).contains("<AllowedMethod>PATCH</AllowedMethod>"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
        assertEquals(CorsXml.write(before), CorsXml.write(server()));
        assertEquals(1, historySize());
    }

    @Test
    void anEmptiedFileAbortsPushesNothingAndIsKept() throws Exception {
        sh.run("setcors", tutorial.toString(), "s3://" + bucket);
        CorsConfiguration before = server();
        editor(": > \"$1\"");
        ShellHarness.Result r = sh.run("cors", "edit", "s3://" + bucket, "--yes");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.err().contains("aborted"), r.toString());
        assertTrue(Files.exists(keptFile(r)));
        assertEquals(CorsXml.write(before), CorsXml.write(server()));
        assertEquals(1, historySize());
    }

    @Test
    void anUnchangedFileIsNoChangesAndAFailingEditorPushesNothing() throws Exception {
        editor("true");
        ShellHarness.Result r = sh.run("cors", "edit", "s3://" + bucket);
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("no changes"), r.toString());
        assertTrue(Files.readString(dir.resolve("open1")).contains("no CORS configuration yet"), "a starter when there is none");
        assertEquals(List.of(), editFiles());
        editor("sed -i 's#GET#PUT#' \"$1\"; exit 1");
        ShellHarness.Result failed = sh.run("cors", "edit", "s3://" + bucket, "--yes");
        assertEquals(1, failed.status(), failed.toString());
        assertTrue(Files.exists(keptFile(failed)));
        assertNull(server());
    }

    /** An editor script line that changes the bucket's CORS through s3cmd, another client, to {@link #OTHER}. */
    private String s3cmdSetsOther() throws Exception {
        Path cfg = dir.resolve("s3cfg");
        URI endpoint = URI.create(LocalRgw.endpoint());
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        Files.createFile(cfg, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(cfg, "[default]\naccess_key = " + LocalRgw.accessKey() + "\nsecret_key = " + LocalRgw.secretKey()
                + "\nhost_base = " + host + "\nhost_bucket = " + host + "\nuse_https = False\n");
        Files.writeString(dir.resolve("other.xml"), OTHER);
        return "s3cmd -q -c \"$D/s3cfg\" setcors \"$D/other.xml\" s3://" + bucket + " >/dev/null\n";
    }

    @Test
    void aChangeMadeByAnotherClientDuringTheEditIsNotOverwritten() throws Exception {
        sh.run("setcors", tutorial.toString(), "s3://" + bucket);
        editor(s3cmdSetsOther() + "sed -i 's#<MaxAgeSeconds>3000</MaxAgeSeconds>#<MaxAgeSeconds>60</MaxAgeSeconds>#' \"$1\"");
        ShellHarness.Result r = sh.run("cors", "edit", "s3://" + bucket, "--yes");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("changed on the server meanwhile"), r.toString());
        assertTrue(r.err().contains("https://other.example"), "says what changed: " + r);
        assertTrue(CorsNormalizer.sameRules(CorsParser.parse(OTHER, "o"), server()), "s3cmd's rules stay");
        assertTrue(Files.readString(keptFile(r)).contains("<MaxAgeSeconds>60</MaxAgeSeconds>"), "the user's edit is kept");
        assertEquals(1, historySize(), "nothing was pushed, nothing saved");
    }

    @Test
    void afterAConflictTheUserMayReopenAndPushOverTheNewVersion() throws Exception {
        sh.run("setcors", tutorial.toString(), "s3://" + bucket);
        List<String> questions = new java.util.ArrayList<>();
        sh.prompter(new Prompter() {
            public boolean interactive() {
                return true;
            }

            public boolean confirm(String question) {
                questions.add(question);
                return true;
            }

            public String readSecret(String prompt) {
                return null;
            }

            public String readLine(String prompt) {
                return null;
            }
        });
        editor("if [ $N = 1 ]; then " + s3cmdSetsOther().strip()
                + "; sed -i 's#<MaxAgeSeconds>3000</MaxAgeSeconds>#<MaxAgeSeconds>60</MaxAgeSeconds>#' \"$1\"; fi\n"
                + "if [ $N = 2 ]; then sed -i '1,/^-->$/d' \"$1\"; fi");
        ShellHarness.Result r = sh.run("cors", "edit", "s3://" + bucket);
        assertEquals(0, r.status(), r.toString());
        assertEquals(2, openings());
        String open2 = Files.readString(dir.resolve("open2"));
        assertTrue(open2.startsWith("<!-- s3sh: NOT PUSHED: s3://" + bucket + " changed on the server"), open2);
        assertTrue(open2.contains("https://other.example"), open2);
        assertEquals(Files.readString(dir.resolve("saved1")), CorsEditFile.withoutNotice(open2), "the user's text is carried over");
        assertTrue(questions.get(0).startsWith("Reopen the editor"), questions.toString());
        assertTrue(questions.get(1).startsWith("Push these changes"), questions.toString());
        assertEquals(60, server().rules().get(0).maxAgeSeconds());
        assertEquals(2, server().rules().size());
        CorsHistory.Entry saved = new CorsHistory(dir.resolve("state"), LocalRgw.endpoint(), bucket).entries().get(0);
        assertTrue(CorsNormalizer.sameRules(CorsParser.parse(OTHER, "o"), saved.configuration()), "s3cmd's version is what undo brings back");
    }

    @Test
    void anInterruptDuringTheEditKeepsTheFileAndSaysWhere() throws Exception {
        sh.editor(file -> {
            Files.writeString(file, "<CORSConfiguration><!-- half done -->", java.nio.file.StandardOpenOption.APPEND);
            throw new InterruptedException(); // what Ctrl-C in the REPL does to the command's thread
        });
        ShellHarness.Result r = sh.run("cors", "edit", "s3://" + bucket, "--yes");
        assertTrue(Thread.interrupted(), "the runner keeps the interrupt for the REPL's worker; cleared for this test");
        assertEquals(dev.s3sh.command.ExitCode.INTERRUPTED, r.status(), "Ctrl-C's exit status, 130: " + r);
        assertTrue(r.err().contains("interrupted"), r.toString());
        assertTrue(Files.readString(keptFile(r)).endsWith("<!-- half done -->"));
        assertNull(server());
    }

    @Test
    void undoRestoresThePreviousRulesExactlyAndRestorePicksOne() throws Exception {
        sh.run("setcors", tutorial.toString(), "s3://" + bucket);
        String first = CorsXml.write(server());
        Path other = dir.resolve("other.xml");
        Files.writeString(other, OTHER);
        assertEquals(0, sh.run("cors", "set", other.toString(), "s3://" + bucket, "--yes").status());
        String second = CorsXml.write(server());

        ShellHarness.Result history = sh.run("cors", "history", "s3://" + bucket);
        assertTrue(history.out().lines().anyMatch(l -> l.matches("\\s+1 .* 2 rules: GET,HEAD from http://\\*\\.example\\.com \\+3; PUT,DELETE,POST .*")), history.toString());
        assertTrue(history.out().lines().anyMatch(l -> l.matches("\\s+2 .* no CORS configuration")), history.toString());

        ShellHarness.Result undo = sh.run("cors", "undo", "s3://" + bucket, "--yes");
        assertEquals(0, undo.status(), undo.toString());
        assertEquals(first, CorsXml.write(server()), "undo restores the previous rules exactly");
        assertEquals(0, sh.run("cors", "undo", "s3://" + bucket, "--yes").status());
        assertEquals(second, CorsXml.write(server()), "a second undo returns to where it was");

        JsonNode entries = JSON.readTree(sh.run("cors", "history", "s3://" + bucket, "--output", "json").out()).get("entries");
        assertEquals(4, entries.size());
        assertTrue(entries.get(3).get("CORSRules").isNull());
        assertEquals(0, sh.run("cors", "restore", "4", "s3://" + bucket, "--yes").status());
        assertNull(server(), "entry 4 is the bucket before any push: no configuration");
        assertEquals(2, sh.run("cors", "restore", "9", "s3://" + bucket, "--yes").status());
    }

    @Test
    void rmAsksRemovesAndUndoBringsItBack() throws Exception {
        sh.run("setcors", tutorial.toString(), "s3://" + bucket);
        String before = CorsXml.write(server());
        assertEquals(2, sh.run("cors", "rm", "s3://" + bucket).status(), "no terminal, no --yes: refused");
        assertEquals(before, CorsXml.write(server()));
        ShellHarness.Result rm = sh.run("cors", "rm", "s3://" + bucket, "--yes", "--output", "json");
        assertEquals(0, rm.status(), rm.toString());
        assertEquals("pushed", JSON.readTree(rm.out()).get("status").asText());
        assertNull(server());
        assertTrue(sh.run("cors", "rm", "s3://" + bucket, "--yes").out().contains("nothing to remove"));
        assertEquals(0, sh.run("cors", "undo", "s3://" + bucket, "--yes").status());
        assertEquals(before, CorsXml.write(server()));
    }

    @Test
    void everyTemplateIsAcceptedByTheServerAsIs() throws Exception {
        for (CorsTemplates.Template t : CorsTemplates.all()) {
            Path f = dir.resolve(t.name() + ".xml");
            Files.writeString(f, sh.run("cors", "template", t.name()).out());
            ShellHarness.Result r = sh.run("cors", "set", f.toString(), "s3://" + bucket, "--yes");
            assertEquals(0, r.status(), t.name() + ": " + r);
            assertTrue(CorsNormalizer.sameRules(t.configuration(), server()), t.name());
        }
        assertTrue(BuiltinCommands.registry().find("cors template").isPresent());
    }
}
