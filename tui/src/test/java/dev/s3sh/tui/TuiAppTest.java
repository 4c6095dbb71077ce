package dev.s3sh.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDecision;
import dev.s3sh.cors.CorsEvaluator;
import dev.s3sh.cors.CorsLinter;
import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsWarning;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.S3Path;
import dev.s3sh.session.Session;
import dev.s3sh.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The full-screen mode on Lanterna's virtual terminal, typed at and read back as screen text. */
class TuiAppTest {
    static final CorsConfiguration DEMO_CORS = new CorsConfiguration(List.of(
            new CorsRule("site", List.of("GET", "HEAD"), List.of("https://example.com"), List.of("*"), List.of(), 3000),
            new CorsRule(null, List.of("PUT", "POST", "DELETE"), List.of("*"), List.of("*"), List.of("ETag"), null)));

    FakeStore store;
    Session session;
    TuiDriver ui;

    @BeforeEach
    void setUp() {
        store = new FakeStore()
                .bucket("demo", "index.html", "docs/guide.txt", "docs/api/ref.txt", "images/logo.png")
                .bucket("logs", "2026/a.log")
                .bucket("photos", "cat.jpg");
        store.cors.put("demo", DEMO_CORS);
        session = new Session(new Profile("local", URI.create("http://127.0.0.1:7480"), "us-east-1", "AK", "SK", null, true, "rgw"),
                p -> store);
    }

    @AfterEach
    void tearDown() {
        if (ui != null) ui.close();
        session.close();
    }

    TuiDriver open(int columns, int rows) throws Exception {
        return open(columns, rows, true, 200, file -> {
            throw new IllegalStateException("no editor in this test");
        });
    }

    TuiDriver open(int columns, int rows, boolean colour, int pageSize, TuiApp.ExternalEditor editor) throws Exception {
        ui = new TuiDriver(session, columns, rows, colour, pageSize, editor, new DefaultCorsActions(session, Dialect.RGW));
        return ui;
    }

    @Test
    void browsesBucketsFoldersAndObjectsAt80x24() throws Exception {
        open(80, 24);
        String s = ui.text();
        assertTrue(s.contains("Buckets"), s);
        for (String b : List.of("demo", "logs", "photos")) assertTrue(s.contains(b), b + "\n" + s);
        List<String> lines = ui.lines();
        assertTrue(lines.get(22).contains("local | http://127.0.0.1:7480 | s3://"), "status bar\n" + s);
        assertTrue(lines.get(23).contains("q back"), "key hints\n" + s);
        assertTrue(lines.get(0).contains("F3 CORS"), "tabs\n" + s);

        ui.key(KeyType.Enter);                      // opens demo (first bucket)
        s = ui.text();
        assertTrue(s.contains("s3://demo/"), s);
        assertTrue(s.contains("docs/") && s.contains("images/") && s.contains("index.html"), s);
        assertTrue(s.contains("DIR"), "folders are marked\n" + s);
        assertTrue(s.contains("folder s3://demo/doc"), "details of the selected folder\n" + s);

        ui.key(KeyType.End);                        // index.html: object metadata in the details pane
        s = ui.text();
        assertTrue(s.contains("s3://demo/index.html"), s);
        assertTrue(s.contains("Size: " + "content of index.html".length()), s);
        assertTrue(s.contains("2026-11-28T11:01:00Z"), s);

        ui.key(KeyType.Home).key(KeyType.Enter);     // into docs/
        s = ui.text();
        assertTrue(s.contains("s3://demo/docs/"), s);
        assertTrue(s.contains("../") && s.contains("api/") && s.contains("guide.txt"), s);
        assertTrue(ui.lines().get(22).contains("s3://demo/docs/"), "status bar follows the location\n" + s);

        ui.key(KeyType.ArrowLeft);                  // back up
        assertTrue(ui.lines().get(22).contains("s3://demo/ |"), ui.text());
        ui.key(KeyType.ArrowLeft);                  // and back to the bucket list: details of the bucket, as info shows them
        s = ui.text();
        assertTrue(s.contains("Location: default"), s);
        assertTrue(s.contains("CORS:     2 rules"), s);
        assertTrue(s.contains("ACL:      owner:"), s);
        ui.key(KeyType.ArrowDown).key(KeyType.Enter);
        assertTrue(ui.text().contains("s3://logs/"), ui.text());
        assertTrue(ui.text().contains("2026/"), ui.text());
    }

    @Test
    void opensAtTheSessionsLocation() throws Exception {
        session.cd(S3Path.ROOT.resolve("s3://demo/docs/"));
        open(80, 24);
        String s = ui.text();
        assertTrue(s.contains("s3://demo/docs/"), s);
        assertTrue(s.contains("guide.txt"), s);
    }

    @Test
    void typeToFilterNarrowsTheListAndEscClearsIt() throws Exception {
        open(80, 24).key(KeyType.Enter);
        ui.type("ind");
        String s = ui.text();
        assertTrue(s.contains("/ind_"), s);
        assertTrue(s.contains("index.html"), s);
        assertFalse(s.contains("images/"), s);
        assertFalse(s.contains("docs/ "), s);
        ui.type("zzz");
        assertTrue(ui.text().contains("nothing matches 'indzzz'"), ui.text());
        ui.key(KeyType.Escape);
        s = ui.text();
        assertFalse(s.contains("/ind"), s);
        assertTrue(s.contains("images/") && s.contains("index.html"), s);
        // '/' first lets a filter start with q, which otherwise leaves
        ui.type("/q");
        assertTrue(ui.app.running());
        assertTrue(ui.text().contains("/q_"), ui.text());
    }

    @Test
    void largeFolderLoadsPageByPageThroughMore() throws Exception {
        String[] keys = new String[250];
        for (int i = 0; i < keys.length; i++) keys[i] = String.format("big/k%03d", i);
        store.bucket("big", keys);
        ui = new TuiDriver(session, 80, 24, true, 100, f -> { }, new DefaultCorsActions(session, Dialect.RGW));
        ui.type("big").key(KeyType.Enter);
        ui.key(KeyType.Enter);                       // into big/
        assertEquals(2, store.listCalls.get(), "one page for s3://big/, one for s3://big/big/");
        ui.key(KeyType.End);
        String s = ui.text();
        assertTrue(s.contains("more" + "\u2026" + " (100 loaded"), s);
        assertTrue(s.contains("server has more"), s);
        int calls = store.listCalls.get();
        ui.key(KeyType.Enter);
        assertEquals(calls + 1, store.listCalls.get());
        assertTrue(ui.lines().get(22).contains("200 entries loaded, more on the server"), ui.text());
        assertTrue(ui.text().contains("k100"), "the selection moves to the first new key\n" + ui.text());
        ui.key(KeyType.End).key(KeyType.Enter);
        assertFalse(ui.text().contains("more" + "\u2026"), "all 250 loaded, no more entry\n" + ui.text());
    }

    @Test
    void corsPaneShowsRulesWithLintMarks() throws Exception {
        open(80, 24).key(KeyType.Enter).key(KeyType.F3);
        String s = ui.text();
        assertTrue(s.contains("CORS of s3://demo"), s);
        assertTrue(s.contains("Methods") && s.contains("Origins") && s.contains("MaxAge"), s);
        assertTrue(s.contains("GET,HEAD") && s.contains("https://example.com"), s);
        assertTrue(s.contains("PUT,POST,DELETE"), s);
        List<CorsWarning> warnings = CorsLinter.lint(DEMO_CORS, Dialect.RGW);
        assertFalse(warnings.isEmpty(), "the demo rules give the linter something to say");
        for (CorsWarning w : warnings) {
            String mark = w.severity() == CorsWarning.Severity.WARNING ? "!" : "i";
            boolean shown = ui.lines().stream().anyMatch(l -> l.matches(".*\\s" + w.rule() + "\\s+[!i].*"));
            assertTrue(shown, "rule " + w.rule() + " carries a lint mark (" + mark + ")\n" + s);
            String start = w.message().substring(0, Math.min(30, w.message().length()));
            assertTrue(s.replace("\n", " ").contains(start.substring(0, Math.min(start.length(), 20))), "lint text shown\n" + s);
        }
        ui.key(KeyType.ArrowDown);
        assertTrue(ui.text().contains("Rule 2:"), ui.text());
    }

    @Test
    void testerShowsTheEvaluatorsVerdictAndTheLiveProbeSideBySide() throws Exception {
        AtomicReference<CorsRequest> probed = new AtomicReference<>();
        CorsActions actions = new DefaultCorsActions(session, Dialect.RGW) {
            @Override
            public ProbeResult probe(String bucket, CorsRequest request) {
                probed.set(request);
                return new ProbeResult("http://127.0.0.1:7480/" + bucket + "/", 200,
                        Map.of("access-control-allow-origin", "https://example.com", "access-control-allow-methods", "GET"));
            }
        };
        ui = new TuiDriver(session, 80, 24, true, 200, f -> { }, actions);
        ui.key(KeyType.Enter).key(KeyType.F4);
        assertTrue(ui.text().contains("Preflight tester: s3://demo"), ui.text());
        // Origin field: replace the example value
        for (int i = 0; i < 40; i++) ui.key(KeyType.Backspace);
        ui.type("https://example.com").key(KeyType.Enter);
        CorsDecision expected = CorsEvaluator.evaluate(DEMO_CORS, Dialect.RGW, CorsRequest.preflight("https://example.com", "GET", List.of()));
        assertTrue(expected.allowed());
        String s = ui.text();
        assertTrue(s.contains("Evaluator: ALLOWED by rule " + expected.rule() + ", HTTP " + expected.status()), s);
        assertTrue(s.contains("access-control-allow-origin: https://example.com"), s);

        ui.key(KeyType.ArrowDown);                 // Method
        ui.key(KeyType.Backspace).key(KeyType.Backspace).key(KeyType.Backspace).type("PUT").key(KeyType.Enter);
        CorsDecision denied = CorsEvaluator.evaluate(DEMO_CORS, Dialect.RGW, CorsRequest.preflight("https://example.com", "PUT", List.of()));
        assertFalse(denied.allowed(), "RGW stops at the first origin match");
        s = ui.text();
        assertTrue(s.contains("Evaluator: DENIED, HTTP " + denied.status()), s);
        assertTrue(s.replace("\n", " ").contains(denied.reason().substring(0, 20)), s);

        ui.key(KeyType.F5);
        s = ui.text();
        assertEquals("PUT", probed.get().requestMethod());
        assertTrue(s.contains("Live probe: ALLOWED, HTTP 200"), s);
        assertTrue(s.contains("DIFFERS from the evaluator"), s);
        int evaluatorColumn = s.lines().filter(l -> l.contains("Evaluator: DENIED")).findFirst().orElseThrow().indexOf("Evaluator");
        int probeColumn = s.lines().filter(l -> l.contains("Live probe:")).findFirst().orElseThrow().indexOf("Live probe");
        assertTrue(probeColumn > evaluatorColumn + 30, "side by side\n" + s);
    }

    @Test
    void deleteAsksWithTheBucketsNameAndUndoRestores() throws Exception {
        open(80, 24).key(KeyType.Enter).key(KeyType.F3);
        ui.type("d");
        String s = ui.text();
        assertTrue(s.contains("Delete the CORS configuration of s3://demo (2 rules)?"), s);
        assertTrue(s.contains("y yes"), s);
        ui.type("n");
        assertNotNull(store.cors.get("demo"), "no keeps the configuration");
        assertTrue(ui.text().contains("not changed"), ui.text());

        ui.type("d").type("y");
        assertNull(store.cors.get("demo"));
        s = ui.text();
        assertTrue(ui.lines().get(22).contains("s3://demo/ | CORS deleted, read back OK"), s);
        assertTrue(s.contains("no CORS configuration"), s);

        ui.type("u");
        assertTrue(ui.text().contains("Undo the last CORS change on s3://demo?"), ui.text());
        ui.type("y");
        assertEquals(DefaultCorsActions.normalized(DEMO_CORS), DefaultCorsActions.normalized(store.cors.get("demo")));
        assertTrue(ui.lines().get(22).contains("undone: CORS set: 2 rules, read back OK"), ui.text());
        assertTrue(ui.text().contains("GET,HEAD"), ui.text());
        ui.type("u");
        assertTrue(ui.text().contains("nothing to undo on s3://demo"), ui.text());
    }

    @Test
    void editRunsTheEditorShowsTheDiffAndPutsAfterYes() throws Exception {
        AtomicReference<Set<PosixFilePermission>> mode = new AtomicReference<>();
        TuiApp.ExternalEditor editor = file -> {
            mode.set(Files.getPosixFilePermissions(file));
            String xml = Files.readString(file);
            Files.writeString(file, xml.replace("<AllowedOrigin>https://example.com</AllowedOrigin>",
                    "<AllowedOrigin>https://example.com</AllowedOrigin>\n    <AllowedOrigin>https://new.example.org</AllowedOrigin>"));
        };
        open(80, 24, true, 200, editor).key(KeyType.Enter).key(KeyType.F3).type("e");
        String s = ui.text();
        assertTrue(s.contains("Apply this CORS configuration to s3://demo?"), s);
        assertTrue(s.contains("+     <AllowedOrigin>https://new.example.org</AllowedOrigin>"), s);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), mode.get(), "temp file is 0600");
        ui.type("y");
        assertTrue(store.cors.get("demo").rules().get(0).allowedOrigins().contains("https://new.example.org"));
        assertTrue(ui.lines().get(22).contains("s3://demo/ | CORS set: 2 rules, read back OK"), ui.text());
        assertTrue(ui.text().contains("https://new.example.org"), "the table shows the new rules\n" + ui.text());
    }

    @Test
    void anInvalidEditIsReportedAndCanBeAbandoned() throws Exception {
        open(80, 24, true, 200, file -> Files.writeString(file, "<CORSConfiguration><CORSRule>")).key(KeyType.Enter)
                .key(KeyType.F3).type("e");
        assertTrue(ui.text().contains("The document is not valid. Edit it again?"), ui.text());
        ui.type("n");
        assertTrue(ui.text().contains("edit abandoned"), ui.text());
        assertEquals(DEMO_CORS, store.cors.get("demo"));
    }

    @Test
    void templateIsChosenFromAListThenConfirmed() throws Exception {
        open(80, 24).key(KeyType.Enter).key(KeyType.F3).type("t");
        String s = ui.text();
        assertTrue(s.contains("Template for s3://demo"), s);
        assertTrue(s.contains("> public-read") && s.contains("app-upload"), s);
        ui.key(KeyType.ArrowDown).key(KeyType.Enter);
        assertTrue(ui.text().contains("Replace the CORS configuration of s3://demo with the"), ui.text());
        assertTrue(ui.text().contains("template app-upload?"), ui.text());
        ui.type("y");
        assertEquals(DefaultCorsActions.TEMPLATES.get("app-upload"), store.cors.get("demo"));
    }

    @Test
    void helpOverlayOpensWithQuestionMarkAndF1() throws Exception {
        open(80, 24).type("?");
        assertTrue(ui.text().contains("Tab / Shift-Tab"), ui.text());
        ui.key(KeyType.Escape);
        assertFalse(ui.text().contains("Tab / Shift-Tab"), ui.text());
        ui.key(KeyType.F1);
        assertTrue(ui.text().contains("e edit in $EDITOR"), ui.text());
    }

    @Test
    void resizeRedrawsAt200x60AndBackAt80x24() throws Exception {
        open(80, 24).key(KeyType.Enter);
        ui.resize(200, 60);
        List<String> lines = ui.lines();
        assertEquals(60, lines.size());
        assertTrue(lines.get(58).contains("local | http://127.0.0.1:7480 | s3://demo/"), String.join("\n", lines));
        assertTrue(lines.get(59).contains("q back"), String.join("\n", lines));
        String s = ui.text();
        assertTrue(s.contains("2026-11-28 11:01"), "a wide window shows full dates\n" + s);
        assertTrue(lines.get(0).contains("? help") && lines.get(0).indexOf("? help") > 180, "right-aligned at 200 columns");
        ui.resize(80, 24);
        lines = ui.lines();
        assertTrue(lines.get(22).contains("s3://demo/"), String.join("\n", lines));
        assertTrue(lines.get(23).contains("q back"), String.join("\n", lines));
        assertFalse(ui.text().contains("2026-11-28 11:01"), "narrow window: short dates\n" + ui.text());
        assertTrue(ui.text().contains("11-28 11:01"), ui.text());
    }

    @Test
    void aLongOperationShowsProgressAndEscCancelsIt() throws Exception {
        open(80, 24);
        store.blockListing = true;
        ui.terminal.addInput(new com.googlecode.lanterna.input.KeyStroke('r', true, false));   // Ctrl-R reloads the list
        ui.until(t -> t.contains("listing buckets"));
        assertTrue(store.blocked.await(20, TimeUnit.SECONDS));
        assertTrue(ui.text().contains("Esc or Ctrl-C cancels"), ui.text());
        ui.key(KeyType.Escape);
        assertTrue(ui.text().contains("cancelled: listing buckets"), ui.text());
        assertTrue(ui.app.running());
        store.blockListing = false;
        ui.ctrl('r');
        assertTrue(ui.text().contains("3 buckets") || ui.text().contains("photos"), ui.text());
    }

    @Test
    void ctrlCNeverLeavesAndQDoes() throws Exception {
        open(80, 24).ctrl('c');
        assertTrue(ui.app.running());
        assertTrue(ui.text().contains("Ctrl-C does not leave"), ui.text());
        ui.type("q");
        assertFalse(ui.app.running());
    }

    @Test
    void storeErrorsGoToTheStatusBarNotACrash() throws Exception {
        store.failCors = new StoreException("AccessDenied", 403, "access to s3://demo's CORS configuration was denied: check the key's permissions");
        open(80, 24).key(KeyType.Enter).key(KeyType.F3);
        assertTrue(ui.lines().get(22).contains("access to s3://demo's CORS configuration was denied"), ui.text());
        assertTrue(ui.text().contains("CORS of s3://demo"), ui.text());
        assertTrue(ui.app.running());
        ui.type("d");
        assertTrue(ui.lines().get(22).contains("was denied"), ui.text());
    }

    @Test
    void withoutColourOnlyReverseAndBoldMarkTheScreen() throws Exception {
        open(80, 24, false, 200, f -> { }).key(KeyType.Enter);
        boolean reverse = false;
        for (int r = 0; r < 24; r++) {
            for (int c = 0; c < 80; c++) {
                TextCharacter ch = ui.at(c, r);
                assertEquals(TextColor.ANSI.DEFAULT, ch.getForegroundColor(), "no colour at " + c + "," + r);
                assertEquals(TextColor.ANSI.DEFAULT, ch.getBackgroundColor(), "no colour at " + c + "," + r);
                reverse |= ch.getModifiers().contains(SGR.REVERSE);
            }
        }
        assertTrue(reverse, "the selection is still visible in reverse video");
    }

    @Test
    void keysPressedDuringALoadAreReplayedAfterIt() throws Exception {
        open(80, 24);
        ui.terminal.addInput(new com.googlecode.lanterna.input.KeyStroke(KeyType.Enter));   // starts listing demo
        ui.terminal.addInput(new com.googlecode.lanterna.input.KeyStroke(KeyType.F3));      // arrives while it runs
        ui.settle();
        assertTrue(ui.text().contains("CORS of s3://demo"), ui.text());
        assertTrue(ui.text().contains("GET,HEAD"), ui.text());
    }

    @Test
    void tabWalksThePanes() throws Exception {
        open(80, 24);
        ui.key(KeyType.Tab);   // objects (no bucket yet)
        ui.key(KeyType.Tab);   // CORS of the selected bucket
        assertTrue(ui.text().contains("CORS of s3://demo"), ui.text());
        ui.key(KeyType.Tab);
        assertTrue(ui.text().contains("Preflight tester"), ui.text());
        ui.key(KeyType.Tab);
        assertTrue(ui.text().contains("Buckets"), ui.text());
    }

    // ---------------------------------------------------------------- object metadata in the details pane

    /** Steps the loop (no waiting for idle) until {@code condition} holds; bounded. */
    void stepUntil(java.util.function.BooleanSupplier condition) throws Exception {
        for (int i = 0; i < 4000 && !condition.getAsBoolean(); i++) {
            if (!ui.app.step()) Thread.sleep(2);
        }
        assertTrue(condition.getAsBoolean(), "condition not reached\n" + ui.text());
    }

    @Test
    void detailsShowTheObjectsMetadataAsStatDoes() throws Exception {
        store.contentTypes.put("demo/index.html", "text/html");
        store.metadata.put("demo/index.html", Map.of("owner", "ops", "purpose", "landing"));
        open(80, 24).key(KeyType.Enter).key(KeyType.End);
        String s = ui.text();
        assertTrue(s.contains("s3://demo/index.html"), s);
        assertTrue(s.contains("Content type: text/html"), s);
        assertTrue(s.contains("Storage class:") && s.contains("STANDARD"), s);
        assertTrue(s.contains("ETag: etag-index.html"), s);
        assertTrue(s.contains("x-amz-meta-owner: ops"), s);
        assertTrue(s.contains("x-amz-meta-purpose:"), s);
        assertEquals(List.of("demo/index.html"), store.statCalls);

        ui.resize(160, 40);                          // wide enough for stat's own lines, unchanged
        s = ui.text();
        for (String line : store.stat("demo", "index.html").describe()) assertTrue(s.contains(line), line + "\n" + s);
        assertEquals(2, store.statCalls.size(), "a resize redraws from the cache (the extra call is this test's own)");
    }

    @Test
    void statLinesKeepTheirPaddingWhenTheyFitAndNeverCutAValue() {
        List<String> lines = List.of("Size:          21", "ETag:          9d07f5f087582d1d485ccca59a4c0820");
        assertEquals(lines, DetailsPane.fitStatLines(lines, 47));
        assertEquals(List.of("Size: 21", "ETag: 9d07f5f087582d1d485ccca59a4c0820"), DetailsPane.fitStatLines(lines, 46));
        assertEquals(List.of("Size: 21", "ETag:", "  9d07f5f087582d1d485ccca59a4c0820"), DetailsPane.fitStatLines(lines, 24));
    }

    @Test
    void quickArrowMovesSendOneHeadForWhereTheSelectionRests() throws Exception {
        String[] keys = new String[30];
        for (int i = 0; i < keys.length; i++) keys[i] = String.format("k%02d", i);
        store.bucket("many", keys);
        open(80, 24).type("many").key(KeyType.Enter);
        assertEquals(List.of("many/k00"), store.statCalls, "the first object, once it is selected and settled");

        AtomicLong now = new AtomicLong();           // a clock that stands still while the keys arrive
        ui.app.settleClock(now::get);
        for (int i = 1; i < keys.length; i++) {
            ui.terminal.addInput(new com.googlecode.lanterna.input.KeyStroke(KeyType.ArrowDown));
            ui.app.step();
        }
        assertTrue(ui.text().contains("s3://many/k29"), ui.text());
        assertTrue(ui.text().contains("metadata loading"), ui.text());
        assertEquals(1, store.statCalls.size(), "no HEAD for the 29 objects passed over");
        now.addAndGet(ObjectDetails.SETTLE_NANOS);    // the selection rests on k29
        ui.settle();
        assertEquals(List.of("many/k00", "many/k29"), store.statCalls);
        assertTrue(ui.text().contains("ETag: etag-k29"), ui.text());

        // keys that arrive together are taken together: one HEAD for where they end, whatever the clock
        ui.app.settleClock(System::nanoTime);
        for (int i = 0; i < 20; i++) ui.terminal.addInput(new com.googlecode.lanterna.input.KeyStroke(KeyType.ArrowUp));
        ui.settle();
        assertEquals(List.of("many/k00", "many/k29", "many/k09"), store.statCalls);
        assertTrue(ui.text().contains("ETag: etag-k09"), ui.text());
    }

    @Test
    void reselectingACachedObjectSendsNoHeadAndCtrlRFetchesAgain() throws Exception {
        open(80, 24).key(KeyType.Enter).key(KeyType.End);
        assertEquals(1, store.statCalls.size());
        ui.key(KeyType.Home);                        // docs/: a folder, no HEAD
        assertTrue(ui.text().contains("folder s3://demo/doc"), ui.text());
        ui.key(KeyType.End);
        assertTrue(ui.text().contains("ETag: etag-index.html"), ui.text());
        assertEquals(1, store.statCalls.size(), "the second visit comes from the cache");

        store.contentTypes.put("demo/index.html", "text/html");
        ui.ctrl('r').key(KeyType.End);               // reload forgets the bucket's metadata
        assertEquals(2, store.statCalls.size());
        assertTrue(ui.text().contains("Content type: text/html"), ui.text());
    }

    @Test
    void aFailingHeadIsOneLineInTheDetailsPaneAndMovingBackRetries() throws Exception {
        store.failStat = new StoreException("AccessDenied", 403, "access to s3://demo/index.html was denied: check the key's permissions");
        open(80, 24).key(KeyType.Enter).key(KeyType.End);
        String s = ui.text();
        assertTrue(s.contains("metadata: access to"), s);
        assertTrue(s.replace("\n", " ").replaceAll("[│ ]+", " ").contains("was denied: check the key's permissions"), s);
        assertFalse(s.contains("Exception") || s.contains("at dev.s3sh"), "no stack trace\n" + s);
        assertTrue(s.contains("Size:  21 bytes"), "the listing's facts stay\n" + s);
        assertTrue(ui.app.running());
        assertEquals(1, store.statCalls.size(), "a failure is not retried while the selection stays");

        store.failStat = null;
        ui.key(KeyType.ArrowUp).key(KeyType.ArrowDown);
        assertEquals(2, store.statCalls.size(), "coming back asks again: a failure is not cached");
        assertTrue(ui.text().contains("ETag: etag-index.html"), ui.text());
    }

    @Test
    void aLateAnswerNeverLandsOnAnotherObjectsPane() throws Exception {
        store.bucket("two", "a.txt", "b.txt");
        open(80, 24).type("two");
        CountDownLatch gate = new CountDownLatch(1);
        store.statGate = gate;
        ui.terminal.addInput(new com.googlecode.lanterna.input.KeyStroke(KeyType.Enter));
        stepUntil(() -> store.statCalls.size() == 1);  // a.txt's HEAD is on the wire
        ui.terminal.addInput(new com.googlecode.lanterna.input.KeyStroke(KeyType.ArrowDown));
        stepUntil(() -> ui.text().contains("s3://two/b.txt"));
        assertTrue(ui.text().contains("metadata loading"), ui.text());
        assertFalse(ui.app.running() && ui.text().contains("Working"), "no progress box: the screen is free\n" + ui.text());
        store.statGate = null;
        gate.countDown();
        ui.settle();
        assertEquals(List.of("two/a.txt", "two/b.txt"), store.statCalls);
        String s = ui.text();
        assertTrue(s.contains("ETag: etag-b.txt"), s);
        assertFalse(s.contains("etag-a.txt"), s);
        ui.key(KeyType.ArrowUp);                     // a.txt's late answer was kept for a.txt
        assertTrue(ui.text().contains("ETag: etag-a.txt"), ui.text());
        assertEquals(2, store.statCalls.size());
    }
}
