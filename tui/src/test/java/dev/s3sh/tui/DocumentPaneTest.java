package dev.s3sh.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.s3sh.app.BucketPolicy;
import dev.s3sh.app.DocumentOutcome;
import dev.s3sh.config.Profile;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Policy pane (F7) on the virtual screen, over a recording port: what the server says is drawn escaped; the keys reach the port. */
class DocumentPaneTest {
    FakeStore store;
    Session session;
    TuiDriver ui;
    final List<String> calls = new ArrayList<>();
    String document = "{\n  \"Sid\" : \"title-\u001b]0;OWNED\u0007\"\n}\n";

    /** Records each call and answers with the document the test holds; every change ends as "declined". */
    final DocumentActions actions = new DocumentActions() {
        @Override
        public String title() {
            return "Policy";
        }

        @Override
        public String noun() {
            return "policy";
        }

        @Override
        public Optional<String> show(String bucket) {
            calls.add("show " + bucket);
            return Optional.ofNullable(document);
        }

        private DocumentOutcome<?> change(String what, String bucket) {
            calls.add(what + " " + bucket);
            return new DocumentOutcome.Declined<>(BucketPolicy.KIND, bucket, null);
        }

        @Override
        public DocumentOutcome<?> edit(String bucket, CorsUi ui) {
            return change("edit", bucket);
        }

        @Override
        public DocumentOutcome<?> delete(String bucket, CorsUi ui) {
            return change("delete", bucket);
        }

        @Override
        public DocumentOutcome<?> undo(String bucket, CorsUi ui) {
            return change("undo", bucket);
        }

        @Override
        public List<String> templates() {
            return List.of("public-read");
        }

        @Override
        public DocumentOutcome<?> applyTemplate(String bucket, String template, CorsUi ui) {
            return change("template " + template, bucket);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        store = new FakeStore().bucket("site", "index.html");
        session = new Session(new Profile("local", URI.create("http://127.0.0.1:7480"), "us-east-1", "AK", "SK", null, true, "rgw"),
                p -> store);
        ui = new TuiDriver(session, 80, 24, false, 200, f -> { }, new DefaultCorsActions(session, Dialect.RGW), List.of(actions));
    }

    @AfterEach
    void tearDown() {
        ui.close();
        session.close();
    }

    @Test
    void showsTheServersTextEscapedAndSendsTheCorsPanesKeysToItsPort() throws Exception {
        String s = ui.key(KeyType.F7).until(t -> t.contains("title-")).text();
        assertTrue(s.contains("F7 Policy") && s.contains("Policy of s3://site"), s);
        assertTrue(s.contains("title-\\x1b]0;OWNED\\x07"), "the Sid, escaped\n" + s);
        for (int r = 0; r < 24; r++) {
            for (int c = 0; c < 80; c++) {
                for (char ch : ui.at(c, r).getCharacterString().toCharArray()) assertFalse(ch < 0x20 || ch == 0x7f, s);
            }
        }
        ui.type("e").type("d").type("u").type("t").key(KeyType.Enter);
        assertEquals(List.of("show site", "edit site", "show site", "delete site", "show site", "undo site", "show site",
                "template public-read site", "show site"), calls);
        assertTrue(ui.text().contains("s3://site: not pushed"), ui.text());

        document = null;
        s = ui.ctrl('r').until(t -> t.contains("has no policy")).text();
        assertTrue(s.contains("s3://site has no policy."), s);
    }
}
