package dev.s3sh.app;

import dev.s3sh.cors.CorsDiff;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsWarning;

import dev.s3sh.text.TerminalText;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the CORS service tells the user while it works ({@link CorsPorts#tell}). {@link #lines()} is the one
 * wording of it; each front end decides only where the lines go (a stream, a dialog).
 */
public sealed interface CorsNotice {
    /** The notice in plain words, one line each (values from outside pass the front end's escaping). */
    default List<String> lines() {
        List<String> out = new ArrayList<>();
        if (this instanceof Change change) {
            String where = "s3://" + change.bucket();
            for (CorsProblem p : change.problems()) out.add(p.render());
            for (CorsWarning w : change.warnings()) out.add("warning: rule " + w.rule() + ": " + w.message());
            out.addAll(change.diff().render(where + " (server)", where + " (new)").lines().toList());
        } else if (this instanceof Restoring r) {
            out.add((r.undo() ? "undo: " : "restore: ") + "putting back " + r.entry().summary() + " (saved " + r.entry().time() + ")");
        } else if (this instanceof HistorySkipped s) {
            out.add("warning: skipped " + TerminalText.visible(s.skipped().file().toString()) + ": " + s.skipped().reason());
        } else if (this instanceof Reopening r) {
            int n = r.problems().size();
            out.add(n + (n == 1 ? " problem" : " problems") + ": reopening the editor");
            for (String line : r.problems()) out.add("  " + line);
        } else if (this instanceof ChangedMeanwhile m) {
            String where = "s3://" + m.conflict().bucket();
            out.add(m.conflict().message());
            out.addAll(m.conflict().changed().render(where + " (when the edit began)", where + " (now)").lines().toList());
        } else if (this instanceof EditKept k) {
            out.add("your edit is kept in " + k.file());
        }
        return out;
    }

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
