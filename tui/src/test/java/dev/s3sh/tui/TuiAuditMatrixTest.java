package dev.s3sh.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grid (m from the CORS pane) and the audit view (F6): what they show, sorting, and Enter to a bucket's CORS pane. */
class TuiAuditMatrixTest {
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
        ui = new TuiDriver(session, 100, 30, true, 200, f -> { }, new DefaultCorsActions(session, Dialect.RGW));
        return ui;
    }

    static CorsRule rule(List<String> methods, String... origins) {
        return new CorsRule(null, methods, List.of(origins), List.of(), List.of(), null);
    }

    @Test
    void mInTheCorsPaneShowsTheGridAndEscapedOrigins() throws Exception {
        store.bucket("site", "index.html");
        store.cors.put("site", new CorsConfiguration(List.of(rule(List.of("GET"), "https://app.example.com"),
                rule(List.of("PUT"), "https://\u001b]0;T\u0007.example"))));
        open().key(KeyType.Enter).key(KeyType.F3);
        ui.type("m");
        assertTrue(ui.app.focused(ui.app.matrix));
        String s = ui.text();
        assertTrue(s.contains("Grid of s3://site"), s);
        assertTrue(s.contains("https://\\x1b]0;T\\x07.example"), s);
        assertTrue(s.contains("https://foreign.invalid"), s);
        assertTrue(ui.app.matrix.matrix().cell(0, 0).allowed());
        assertFalse(ui.app.matrix.matrix().cell(2, 0).allowed(), "the foreign origin gets nothing");
        ui.type("r");
        assertTrue(ui.text().contains("+ r1"), ui.text());
        ui.key(KeyType.Escape);
        assertTrue(ui.app.focused(ui.app.cors));
    }

    @Test
    void f6AuditsEveryBucketSortsBySeverityAndEnterOpensTheCorsPane() throws Exception {
        store.bucket("a-clean", "x").bucket("b-write", "x").bucket("c-none", "x");
        store.cors.put("a-clean", new CorsConfiguration(List.of(rule(List.of("GET"), "https://app.example.com"))));
        store.cors.put("b-write", new CorsConfiguration(List.of(rule(List.of("PUT"), "*"))));
        open().key(KeyType.F6);
        ui.until(t -> !ui.app.audit.running()).settle();
        assertEquals(List.of("a-clean", "b-write", "c-none"), ui.app.audit.shown().stream().map(r -> r.bucket()).toList());
        ui.type("s");
        assertEquals("b-write", ui.app.audit.shown().get(0).bucket(), "the error-level bucket first\n" + ui.text());
        assertTrue(ui.text().contains("sorted by severity"), ui.text());
        ui.key(KeyType.Enter);                       // the selection stayed on its bucket through the sort
        assertTrue(ui.app.focused(ui.app.cors));
        assertEquals("a-clean", ui.app.cors.bucket());
        ui.key(KeyType.F6).key(KeyType.Home).key(KeyType.Enter);
        assertEquals("b-write", ui.app.cors.bucket());
    }
}
