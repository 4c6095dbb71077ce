package dev.s3sh.tui;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsNormalizer;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.Tmux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cors apply} from the full-screen mode in a real terminal (tmux) against a real RGW of its
 * own (so the audit view lists only this test's buckets): F6, buckets marked by a glob, a CORS file
 * typed in, the plan in the one confirmation, the per-bucket report; then the batch undone from the
 * same view. Each bucket is read directly from the server after each step.
 */
class TuiAuditApplyIT {
    static final CorsConfiguration OWN = new CorsConfiguration(List.of(new CorsRule("own", List.of("GET"),
            List.of("https://own.example.com"), List.of(), List.of(), null)));
    static final CorsConfiguration FILE_RULES = new CorsConfiguration(List.of(new CorsRule("screen", List.of("GET", "HEAD"),
            List.of("https://screen.example.com"), List.of(), List.of("ETag"), 120)));

    static Optional<CorsConfiguration> held(S3ObjectStore store, String bucket) {
        return store.getCors(bucket).map(CorsNormalizer::rgwStoredForm);
    }

    @Test
    void markByGlobApplyAFileThroughThePlanDialogThenUndoTheBatch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("screen.xml");
        Files.writeString(file, CorsXml.write(FILE_RULES));
        try (LocalRgw.Instance rgw = LocalRgw.Instance.start("tuiapply");
             S3ObjectStore store = new S3ObjectStore(rgw.profile("direct"))) {
            for (String b : List.of("web-one", "web-two", "other")) store.createBucket(b);
            store.putCors("web-two", OWN);
            store.putCors("other", OWN);
            Map<String, String> env = TuiTerminalIT.env(dir);
            String launcher = LocalRgw.projectDir().resolve("s3sh").toString();
            try (Tmux t = Tmux.start("tuiapply", 120, 36, env, launcher + " --endpoint " + rgw.endpoint() + " --tui")) {
                t.waitFor("F6 Audit");
                t.keys("F6");
                t.waitFor("(3 buckets)");
                t.type("g");
                t.waitFor("Mark the buckets whose names match");
                t.keys("BSpace").type("web-*").keys("Enter");
                t.waitFor("2 marked");
                t.type("a");
                t.waitFor("Put on 2 buckets");
                t.keys("Enter");                                        // a CORS file...
                t.waitFor("The CORS file");
                t.type(file.toString()).keys("Enter");
                String plan = t.waitFor("y yes");
                assertTrue(plan.contains("+ s3://web-one") && plan.contains("~ s3://web-two"), "the plan, before anything is sent\n" + plan);
                assertFalse(plan.contains("s3://other"), plan);
                assertEquals(Optional.empty(), held(store, "web-one"), "nothing pushed before the answer");
                t.type("y");
                String report = t.waitFor("applied 2");
                assertTrue(report.contains("applied   s3://web-one") && report.contains("applied   s3://web-two"), report);
                CorsConfiguration expected = CorsNormalizer.rgwStoredForm(CorsNormalizer.trimmed(FILE_RULES));
                assertEquals(Optional.of(expected), held(store, "web-one"));
                assertEquals(Optional.of(expected), held(store, "web-two"));
                assertEquals(Optional.of(CorsNormalizer.rgwStoredForm(OWN)), held(store, "other"), "an unmarked bucket is left alone");

                t.keys("Escape");
                t.waitUntil("the report to close", x -> !x.contains("applied   s3://web-one"));
                t.type("u");
                t.waitFor("Undo which batch?");
                t.keys("Enter");
                String undoPlan = t.waitFor("y yes");
                assertTrue(undoPlan.contains("~ s3://web-one") && undoPlan.contains("~ s3://web-two"), undoPlan);
                t.type("y");
                t.waitFor("applied   s3://web-one");                // the undo's own report (the status line still names the apply)
                assertEquals(Optional.empty(), held(store, "web-one"), "put back to no CORS");
                assertEquals(Optional.of(CorsNormalizer.rgwStoredForm(OWN)), held(store, "web-two"), "put back to its own rules");
                t.keys("Escape");                                       // a key right after Esc would read as Alt+key
                t.waitUntil("the report to close", x -> !x.contains("applied   s3://web-one"));
                t.type("q");
                t.waitFor("[pane command exited]");
            }
        }
    }
}
