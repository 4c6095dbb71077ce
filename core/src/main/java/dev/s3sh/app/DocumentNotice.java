package dev.s3sh.app;

import dev.s3sh.policy.PolicyDiff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link DocumentService} tells the user while it works ({@link FrontEndPorts#tell}).
 * {@link #lines()} is the one wording; a front end decides only where the lines go and escapes
 * each through {@code TerminalText.visible}.
 */
public sealed interface DocumentNotice<D> {
    /** The notice in plain words, one line each. */
    default List<String> lines() {
        List<String> out = new ArrayList<>();
        if (this instanceof Change<D> c) {
            out.addAll(c.warnings());
            String where = "s3://" + c.bucket();
            c.diff().render(where + " (server)", where + " (new)").lines().filter(l -> !l.isEmpty()).forEach(out::add);
        } else if (this instanceof Restoring<D> r) {
            out.add((r.undo() ? "undo: " : "restore: ") + "putting back " + r.entry().summary() + " (saved " + r.entry().time() + ")");
        } else if (this instanceof HistorySkipped<D> s) {
            out.add("warning: skipped " + s.skipped().file() + ": " + s.skipped().reason());
        } else if (this instanceof Reopening<D> r) {
            int n = r.problems().size();
            out.add(n + (n == 1 ? " problem" : " problems") + ": reopening the editor");
            for (String line : r.problems()) out.add("  " + line);
        } else if (this instanceof EditKept<D> k) {
            out.add("your edit is kept in " + k.file());
        }
        return out;
    }

    /** A push about to happen: the document's warnings and the diff against the server. */
    record Change<D>(String bucket, List<String> warnings, PolicyDiff diff) implements DocumentNotice<D> {
    }

    /** {@code undo} / {@code restore}: which saved document is being put back. */
    record Restoring<D>(boolean undo, DocumentHistory.Entry<D> entry) implements DocumentNotice<D> {
    }

    /** A file in the history folder that is not an entry: passed over. */
    record HistorySkipped<D>(CorsHistory.Skipped skipped) implements DocumentNotice<D> {
    }

    /** {@code edit}: the saved file has these problems (lines as counted in the reopened file); the editor reopens. */
    record Reopening<D>(List<String> problems) implements DocumentNotice<D> {
    }

    /** {@code edit} stopped by a failure: the user's edit is still in {@code file}. */
    record EditKept<D>(Path file) implements DocumentNotice<D> {
    }
}
