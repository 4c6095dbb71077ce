package dev.s3sh.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsLinter;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The panes at 80x24 with what a hostile or unlucky bucket holds: control characters, look-alike names, huge CORS answers. */
class TuiPanesTest {
    static final String CLIPBOARD_KEY = "clip-\u001b]52;c;QUJD\u0007.txt";
    static final String TITLE_KEY = "\u001b]0;TITLE\u0007\u001b[2J";

    FakeStore store;
    Session session;
    TuiDriver ui;

    @BeforeEach
    void setUp() {
        store = new FakeStore();
        session = new Session(new Profile("local", URI.create("http://127.0.0.1:7480"), "us-east-1", "AK", "SK", null, true, "rgw"),
                p -> store);
    }

    @AfterEach
    void tearDown() {
        if (ui != null) ui.close();
        session.close();
    }

    TuiDriver open() throws Exception {
        ui = new TuiDriver(session, 80, 24, true, 200, f -> { }, new DefaultCorsActions(session, Dialect.RGW));
        return ui;
    }

    /** No cell of the virtual screen holds a control character (C0, DEL, C1). */
    void assertNoControlOnScreen() {
        for (int r = 0; r < 24; r++) {
            for (int c = 0; c < 80; c++) {
                for (char ch : ui.at(c, r).getCharacterString().toCharArray()) {
                    assertFalse(ch < 0x20 || ch == 0x7f || ch >= 0x80 && ch < 0xa0,
                            "control character U+" + Integer.toHexString(ch) + " at " + c + "," + r + "\n" + ui.text());
                }
            }
        }
    }

    /** The details pane (the right-most column) with its wrapped lines joined. */
    String joined() {
        StringBuilder b = new StringBuilder();
        for (String line : ui.lines()) {
            int at = line.lastIndexOf("││");
            if (at >= 0) b.append(line.substring(at + 2).replaceAll("^ +|[│ ]+$", ""));
        }
        return b.toString();
    }

    @Test
    void keysWithEscapeSequencesAreShownAsEscapesAndNeverDriveTheScreen() throws Exception {
        store.bucket("hostile", CLIPBOARD_KEY, TITLE_KEY, "plain.txt");
        open().key(KeyType.Enter);
        String s = ui.text();
        assertTrue(ui.app.running(), s);
        assertFalse(s.contains("internal error") || s.contains("TextCharacter"), s);
        assertTrue(s.contains("plain.txt"), s);
        assertTrue(s.contains("\\x1b]0;TITLE\\x07\\x1b[2J"), "the title key, escaped\n" + s);
        assertNoControlOnScreen();
        ui.key(KeyType.Home).key(KeyType.ArrowDown);   // the clipboard key (ESC sorts first): its full name in the details pane
        assertTrue(joined().contains("s3://hostile/clip-\\x1b]52;c;QUJD\\x07.txt"), ui.text());
        assertNoControlOnScreen();
        ui.type("clip");                             // a filter matching it
        assertTrue(ui.text().contains("clip-\\x1b]52"), ui.text());
        assertNoControlOnScreen();
    }

    @Test
    void hostileBucketNamesAreShownAsEscapes() throws Exception {
        store.bucket("evil-\u009b31m-red", "a.txt").bucket("\u009d0;T\u0007b", "b.txt").bucket("z\u001b[2Jz", "c.txt");
        open();
        String s = ui.text();
        assertTrue(s.contains("evil-\\x9b31m-red"), s);
        assertTrue(s.contains("\\x9d0;T\\x07b"), s);
        assertTrue(s.contains("z\\x1b[2Jz"), s);
        assertNoControlOnScreen();
        ui.key(KeyType.Enter).key(KeyType.F3);
        assertTrue(ui.app.running(), ui.text());
        assertNoControlOnScreen();
    }

    @Test
    void corsFieldsWithControlCharactersAreShownAsEscapes() throws Exception {
        store.bucket("site", "index.html");
        store.cors.put("site", new CorsConfiguration(List.of(new CorsRule("id-\u001b]0;OWNED\u0007",
                List.of("GET"), List.of("https://a\u009b2J.example"), List.of("x-\u009d8;;http://evil\u0007"),
                List.of("etag\u001b[31m"), 60))));
        open().key(KeyType.Enter).key(KeyType.F3);
        String s = ui.text();
        assertTrue(s.contains("CORS of s3://site"), s);
        assertTrue(s.contains("https://a\\x9b2J.example"), s);
        assertTrue(s.contains("\"id-\\x1b]0;OWNED\\x07\""), s);
        assertTrue(s.replace("\n", "").contains("x-\\x9d8;;http://evil\\x07"), s);
        assertTrue(s.contains("etag\\x1b[31m"), s);
        assertNoControlOnScreen();
        ui.key(KeyType.Enter);                       // the tester, filled from the rule
        assertTrue(ui.text().contains("https://a\\x9b2J.example"), ui.text());
        assertNoControlOnScreen();
    }

    @Test
    void namesThatShareABeginningStayApartAt80x24() throws Exception {
        String longKey = "reports/2026/quarterly-summary-for-the-board-of-directors-final-v2.pdf";
        store.bucket("prod-assets-eu", "inside-file.txt", longKey).bucket("prod-assets-us", "other.txt");
        open();
        String s = ui.text();
        assertTrue(s.contains("prod-assets-eu") && s.contains("prod-assets-us"), "full names while the list has the focus\n" + s);
        ui.key(KeyType.Enter);
        s = ui.text();
        assertTrue(s.contains(" inside-file.txt "), "the object's whole name\n" + s);
        List<String> bucketColumn = new ArrayList<>();
        for (String line : ui.lines()) bucketColumn.add(line.substring(0, 14));
        String left = String.join("\n", bucketColumn);
        assertTrue(left.matches("(?s).*prod-.*eu.*") && left.matches("(?s).*prod-.*us.*"),
                "narrowed, the two buckets still read differently\n" + s);
        ui.key(KeyType.Home).key(KeyType.Enter).key(KeyType.End).key(KeyType.Enter).key(KeyType.End);   // reports/2026/, the long key
        assertTrue(joined().contains("s3://prod-assets-eu/" + longKey), "the selection's full name\n" + ui.text());
    }

    @Test
    void aCorsPaneWithALintStillRunningAnswersKeysAndEscLeaves() throws Exception {
        List<CorsRule> rules = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) rules.add(new CorsRule("r" + i, List.of("GET"), List.of("https://o" + i + ".example"), List.of(), List.of(), 60));
        store.bucket("many", "a.txt");
        store.cors.put("many", new CorsConfiguration(rules));
        open().key(KeyType.Enter);
        CountDownLatch release = new CountDownLatch(1);
        ui.app.cors.linter(c -> {
            try {
                release.await(30, TimeUnit.SECONDS);   // a lint that takes as long as it likes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CorsLinter.lint(new CorsConfiguration(c.rules().subList(0, 2)), Dialect.RGW);
        });
        ui.terminal.addInput(new KeyStroke(KeyType.F3));
        ui.until(t -> t.contains("lint running"));
        assertTrue(ui.text().contains("https://o0.example"), ui.text());
        for (int i = 0; i < 5; i++) ui.terminal.addInput(new KeyStroke(KeyType.ArrowDown));
        ui.until(t -> t.contains("Rule 6"));
        assertTrue(ui.text().contains("Rule 6 \"r5\""), "keys answered while the lint runs\n" + ui.text());
        ui.terminal.addInput(new KeyStroke(KeyType.End));
        ui.until(t -> t.contains("Rule 10000"));
        ui.terminal.addInput(new KeyStroke(KeyType.Escape));
        ui.until(t -> t.contains("Buckets"));
        assertTrue(ui.text().contains("a.txt"), "Esc went back to the browser\n" + ui.text());
        assertEquals(1, release.getCount(), "all of it while the lint was still running");
        release.countDown();
        ui.settle();
        assertTrue(ui.app.running());
    }

    @Test
    void escCancelsAnEndlessCorsReadWithASentenceNotLoading() throws Exception {
        store.bucket("slow", "a.txt");
        open().key(KeyType.Enter);
        CountDownLatch gate = new CountDownLatch(1);
        store.corsGate = gate;
        ui.terminal.addInput(new KeyStroke(KeyType.F3));
        ui.until(t -> t.contains("reading the CORS configuration of s3://slow"));
        ui.terminal.addInput(new KeyStroke(KeyType.Escape));
        ui.until(t -> t.contains("could not be read"));
        String s = ui.text();
        assertTrue(s.contains("cancelled"), s);
        assertFalse(s.contains("loading"), s);
        store.corsGate = null;
        gate.countDown();
        ui.ctrl('r');
        assertTrue(ui.text().contains("no CORS configuration"), ui.text());
    }
}
