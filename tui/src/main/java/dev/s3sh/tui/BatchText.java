package dev.s3sh.tui;

import dev.s3sh.app.CorsBatch;
import dev.s3sh.cors.CorsWarning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A batch's plan and its report as lines for a dialog (the canvas escapes them when drawing). */
final class BatchText {
    private BatchText() {
    }

    static List<String> plan(CorsBatch.Plan plan) {
        List<String> lines = new ArrayList<>();
        lines.add(plan.count(CorsBatch.Kind.CHANGED) + " to change, " + plan.count(CorsBatch.Kind.NEW) + " new, "
                + plan.count(CorsBatch.Kind.UNCHANGED) + " unchanged"
                + (plan.count(CorsBatch.Kind.CHANGED_SINCE) > 0 ? ", " + plan.count(CorsBatch.Kind.CHANGED_SINCE) + " changed since (left alone)" : "")
                + (plan.count(CorsBatch.Kind.UNREADABLE) > 0 ? ", " + plan.count(CorsBatch.Kind.UNREADABLE) + " not read" : ""));
        Set<String> warnings = new LinkedHashSet<>();
        for (CorsBatch.Planned p : plan.buckets()) {
            lines.add(p.kind().mark() + " s3://" + p.bucket() + "  " + p.summary());
            for (CorsWarning w : p.warnings()) warnings.add("warning: rule " + w.rule() + ": " + w.message());
        }
        lines.addAll(warnings);
        return lines;
    }

    static String label(CorsBatch.Result r) {
        return r.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** What the status bar says after a batch. */
    static String summary(CorsBatch.Outcome outcome) {
        if (outcome instanceof CorsBatch.Ran ran) {
            List<String> counts = new ArrayList<>();
            for (CorsBatch.Result r : CorsBatch.Result.values()) {
                if (ran.count(r) > 0) counts.add(label(r) + " " + ran.count(r));
            }
            return "batch " + ran.plan().id() + ": " + String.join(", ", counts);
        }
        if (outcome instanceof CorsBatch.Declined) return "not pushed: nothing changed";
        return "nothing to push";
    }

    /** One line per bucket, then how to undo. */
    static List<String> report(CorsBatch.Ran ran) {
        List<String> lines = new ArrayList<>();
        for (CorsBatch.Done d : ran.results()) {
            String server = d.result() != CorsBatch.Result.FAILED || d.server() == null ? ""
                    : " [holds: " + d.server().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "]";
            lines.add(String.format("%-9s s3://%s: %s%s", label(d.result()), d.bucket(), d.message(), server));
        }
        lines.add(ran.undoable() == 0 ? "no bucket was changed"
                : "u in the audit view (or 'cors undo --batch " + ran.plan().id() + "') puts back the " + ran.undoable() + " it changed");
        return lines;
    }
}
