package dev.s3sh.app;

import dev.s3sh.cors.CorsDiff;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsWarning;

import java.nio.file.Path;
import java.util.List;

/** What the CORS service tells the user while it works ({@link CorsPorts#tell}); each front end renders it. */
public sealed interface CorsNotice {
    /** A push about to happen: the document's own problems (warnings only), the linter's warnings, and the diff. */
    record Change(String bucket, List<CorsProblem> problems, List<CorsWarning> warnings, CorsDiff diff) implements CorsNotice {
    }

    /** {@code cors undo} / {@code cors restore}: which saved configuration is being put back. */
    record Restoring(boolean undo, CorsHistory.Entry entry) implements CorsNotice {
    }

    /** A file in the history folder that is not an entry: passed over. */
    record HistorySkipped(CorsHistory.Skipped skipped) implements CorsNotice {
    }

    /** {@code cors edit}: the saved document has these problems (lines as counted in the reopened file); the editor reopens. */
    record Reopening(List<String> problems) implements CorsNotice {
    }

    /** {@code cors edit}: the bucket changed on the server while the user edited. */
    record ChangedMeanwhile(CorsOutcome.Conflict conflict) implements CorsNotice {
    }

    /** {@code cors edit} stopped by a failure: the user's edit is still in {@code file}. */
    record EditKept(Path file) implements CorsNotice {
    }
}
