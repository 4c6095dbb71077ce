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

    @Test
    void marksInTheAuditViewGetATemplateThroughOnePlanAndOneConfirmationAndTheBatchUndoes() throws Exception {
        CorsConfiguration own = new CorsConfiguration(List.of(rule(List.of("GET"), "https://own.example.com")));
        store.bucket("a-one", "x").bucket("b-two", "x").bucket("c-left", "x");
        store.cors.put("b-two", own);
        open().key(KeyType.F6);
        ui.until(t -> !ui.app.audit.running()).settle();
        ui.type(" ").type(" ");                       // marks a-one, then b-two
        assertEquals(java.util.Set.of("a-one", "b-two"), ui.app.audit.marked());
        assertTrue(ui.text().contains("2 marked"), ui.text());
        ui.type("a").settle();
        assertTrue(ui.text().contains("Put on 2 buckets"), ui.text());
        ui.key(KeyType.ArrowDown).key(KeyType.Enter).settle(); // the first template: public-read
        String plan = ui.until(t -> t.contains("y yes")).text();
        assertTrue(plan.contains("+ s3://a-one") && plan.contains("~ s3://b-two"), "the plan is the confirmation's detail\n" + plan);
        assertFalse(plan.contains("s3://c-left"), "an unmarked bucket is not in the plan\n" + plan);
        assertTrue(store.cors.get("b-two").equals(own) && !store.cors.containsKey("a-one"), "nothing pushed before the answer");
        ui.type("y").settle();
        String report = ui.until(t -> t.contains("applied 2")).text();
        assertTrue(report.contains("applied   s3://a-one") && report.contains("applied   s3://b-two"), report);
        assertTrue(store.cors.containsKey("a-one") && !store.cors.get("b-two").equals(own));
        assertFalse(store.cors.containsKey("c-left"), "an unmarked bucket is left alone");

        ui.key(KeyType.Escape).settle().type("u").settle(); // the batch just made is offered first
        ui.key(KeyType.Enter).settle();
        ui.until(t -> t.contains("y yes")).type("y").settle();
        ui.until(t -> t.contains("applied   s3://a-one"));  // the undo's own report: the status line still names the apply
        assertEquals(own, store.cors.get("b-two"), "put back\n" + ui.text());
        assertFalse(store.cors.containsKey("a-one"), "put back to none\n" + ui.text());
    }

    @Test
    void aFileThatIsNotThereIsOneSentenceAndNothingIsPushed() throws Exception {
        store.bucket("a-one", "x");
        open().key(KeyType.F6);
        ui.until(t -> !ui.app.audit.running()).settle();
        ui.type("a").settle().key(KeyType.Enter).settle(); // a CORS file...
        ui.type("/nonexistent/cors.xml").key(KeyType.Enter).settle();
        String s = ui.until(t -> t.contains("no such file")).text();
        assertTrue(s.contains("nothing was pushed"), s);
        assertFalse(store.cors.containsKey("a-one"));
    }

    @Test
    void pAuditsOtherProfilesTooAndApplyStaysOnTheSessionsProfile() throws Exception {
        store.bucket("a-one", "x");
        session.catalog().remember(dev.s3sh.config.ResolvedProfile.of(new Profile("other", URI.create("http://127.0.0.1:7481"),
                "us-east-1", "AK2", "SK2", null, true, "rgw"), "this test"));
        open().key(KeyType.F6);
        ui.until(t -> !ui.app.audit.running()).settle();
        ui.type("p").settle();
        ui.key(KeyType.End).type("local,other").key(KeyType.Enter).settle();
        ui.until(t -> !ui.app.audit.running() && ui.app.audit.shown().size() == 2).settle();
        assertEquals(List.of("local", "other"), ui.app.audit.shown().stream().map(r -> r.profile()).toList());
        assertTrue(ui.text().contains("[other] a-one") && ui.text().contains("profiles local,other"), ui.text());
        ui.key(KeyType.ArrowDown).type(" ").type("a").settle();
        assertTrue(ui.text().contains("the session's profile (local) only"), ui.text());
        assertFalse(store.cors.containsKey("a-one"), "nothing pushed");
    }
}
