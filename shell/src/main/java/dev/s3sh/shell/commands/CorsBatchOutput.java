package dev.s3sh.shell.commands;

import dev.s3sh.app.CorsBatch;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.cors.CorsWarning;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code cors apply} and {@code cors undo --batch} show a {@link CorsBatch}: the plan (on stdout,
 * on stderr under {@code --output json} so that stdout holds one document), the one question, then a
 * line per bucket and the batch id, or one JSON document. Everything goes through the context's
 * writers, which escape what a server or a file put in a name.
 */
final class CorsBatchOutput {
    private CorsBatchOutput() {
    }

    static int planAndRun(CommandContext ctx, ParsedArgs args, CorsBatch batch, CorsBatch.Plan plan, boolean showProfiles) throws Exception {
        PrintWriter talk = args.json() ? ctx.err() : ctx.out();
        printPlan(talk, plan, args.has("diff"), showProfiles);
        CorsBatch.Outcome outcome = batch.run(plan, args.has("yes"), CorsOutcomes.ports(ctx, talk));
        if (outcome instanceof CorsBatch.Unconfirmed u) throw new UsageException(u.message());
        if (args.json()) {
            ctx.printJson(json(outcome));
        } else {
            printOutcome(ctx, outcome, showProfiles);
        }
        ctx.out().flush();
        ctx.err().flush();
        return outcome.succeeded() ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static String where(CorsBatch.Planned p, boolean showProfiles) {
        String bucket = "*".equals(p.bucket()) ? "(every bucket)" : "s3://" + p.bucket();
        return showProfiles ? "[" + p.profile() + "] " + bucket : bucket;
    }

    static void printPlan(PrintWriter out, CorsBatch.Plan plan, boolean fullDiff, boolean showProfiles) {
        out.println("plan: " + plan.purpose() + " (" + count(plan.buckets().size(), "bucket") + ")");
        Map<String, List<CorsWarning>> warnings = new LinkedHashMap<>();
        Map<String, Integer> warned = new LinkedHashMap<>();
        for (CorsBatch.Planned p : plan.buckets()) {
            out.println("  " + p.kind().mark() + " " + where(p, showProfiles) + "  " + p.summary());
            if (fullDiff && p.kind().pushes()) {
                String name = where(p, showProfiles);
                for (String line : p.diff().render(name + " (server)", name + " (new)").split("\n")) out.println("      " + line);
            }
            if (!p.warnings().isEmpty()) {
                String dialect = p.target().session().dialect();
                warnings.putIfAbsent(dialect, p.warnings());
                warned.merge(dialect, 1, Integer::sum);
            }
        }
        // the linter judges the rules per dialect: one list per dialect, not one per bucket
        for (Map.Entry<String, List<CorsWarning>> e : warnings.entrySet()) {
            out.println("warnings for " + e.getKey() + " (" + count(warned.get(e.getKey()), "bucket") + "):");
            for (CorsWarning w : e.getValue()) out.println("  warning: rule " + w.rule() + ": " + w.message());
        }
        List<String> counts = new ArrayList<>();
        long change = plan.count(CorsBatch.Kind.CHANGED);
        long add = plan.count(CorsBatch.Kind.NEW);
        long same = plan.count(CorsBatch.Kind.UNCHANGED);
        long since = plan.count(CorsBatch.Kind.CHANGED_SINCE);
        long unreadable = plan.count(CorsBatch.Kind.UNREADABLE);
        counts.add(change + " to change");
        counts.add(add + " new");
        counts.add(same + " unchanged");
        if (since > 0) counts.add(since + " changed since (left alone)");
        if (unreadable > 0) counts.add(unreadable + " not read");
        out.println("plan: " + String.join(", ", counts));
        out.flush();
    }

    private static void printOutcome(CommandContext ctx, CorsBatch.Outcome outcome, boolean showProfiles) {
        if (outcome instanceof CorsBatch.NothingToDo n) {
            List<String> why = new ArrayList<>();
            long unreadable = n.plan().count(CorsBatch.Kind.UNREADABLE);
            long since = n.plan().count(CorsBatch.Kind.CHANGED_SINCE);
            if (unreadable > 0) why.add(count(unreadable, "bucket") + " could not be read");
            if (since > 0) why.add(count(since, "bucket") + " changed since the batch, left alone");
            (n.succeeded() ? ctx.out() : ctx.err()).println("nothing to push" + (why.isEmpty() ? "" : ": " + String.join("; ", why)));
            return;
        }
        if (outcome instanceof CorsBatch.Declined) {
            ctx.err().println("not pushed: nothing changed");
            return;
        }
        CorsBatch.Ran ran = (CorsBatch.Ran) outcome;
        for (CorsBatch.Done d : ran.results()) {
            PrintWriter w = d.result().ok() ? ctx.out() : ctx.err();
            w.println(String.format("  %-9s %s: %s%s", label(d.result()), where(d.planned(), showProfiles), d.message(), after(d)));
        }
        ctx.err().flush();
        List<String> counts = new ArrayList<>();
        for (CorsBatch.Result r : CorsBatch.Result.values()) {
            long n = ran.count(r);
            if (n > 0 || r == CorsBatch.Result.APPLIED) counts.add(label(r) + " " + n);
        }
        ctx.out().println(String.join(", ", counts));
        String id = ran.plan().id();
        long undoable = ran.undoable();
        ctx.out().println("batch " + id + (undoable == 0 ? ": no bucket was changed"
                : ": 'cors undo --batch " + id + "' puts back the " + count(undoable, "bucket") + " it changed"));
    }

    /** For a failed bucket: what it holds now, and whether the batch can put it back. */
    private static String after(CorsBatch.Done d) {
        if (d.result() != CorsBatch.Result.FAILED || d.server() == null) return "";
        return switch (d.server()) {
            case AS_BEFORE -> " [the bucket holds its previous rules]";
            case NEW_RULES -> " [the bucket holds the new rules]";
            case OTHER -> " [the bucket holds other rules" + (d.undoable() ? "; 'cors undo --batch' can put back the previous ones]" : "]");
            case UNKNOWN -> " [what the bucket holds could not be read" + (d.undoable() ? "; 'cors undo --batch' can put back the previous rules]" : "]");
        };
    }

    private static String label(CorsBatch.Result r) {
        return switch (r) {
            case APPLIED -> "applied";
            case UNCHANGED -> "unchanged";
            case SKIPPED -> "skipped";
            case FAILED -> "failed";
            case NOT_RUN -> "not run";
        };
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static Map<String, Object> json(CorsBatch.Outcome outcome) {
        Map<String, Object> doc = new LinkedHashMap<>();
        CorsBatch.Plan plan = outcome.plan();
        String status = outcome instanceof CorsBatch.Ran ? "ran" : outcome instanceof CorsBatch.Declined ? "declined" : "nothing-to-do";
        doc.put("status", status);
        doc.put("batch", outcome instanceof CorsBatch.Ran ? plan.id() : null);
        doc.put("purpose", plan.purpose());
        Map<CorsBatch.Planned, CorsBatch.Done> done = new LinkedHashMap<>();
        if (outcome instanceof CorsBatch.Ran ran) for (CorsBatch.Done d : ran.results()) done.put(d.planned(), d);
        List<Map<String, Object>> buckets = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CorsBatch.Planned p : plan.buckets()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("profile", p.profile());
            b.put("bucket", p.bucket());
            b.put("plan", p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.put("changes", p.diff() == null ? List.of() : p.diff().summary());
            b.put("warnings", p.warnings().stream().map(w -> "rule " + w.rule() + ": " + w.message()).toList());
            CorsBatch.Done d = done.get(p);
            String result = d == null ? (outcome instanceof CorsBatch.Declined && p.kind().pushes() ? "declined" : null)
                    : d.result().name().toLowerCase(Locale.ROOT).replace('_', '-');
            b.put("result", result);
            b.put("message", d != null ? d.message() : p.kind() == CorsBatch.Kind.UNREADABLE ? p.failure() : null);
            b.put("server", d == null || d.server() == null ? null : d.server().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.put("undoable", d != null && d.undoable());
            buckets.add(b);
            if (result != null) counts.merge(result, 1, Integer::sum);
        }
        doc.put("buckets", buckets);
        doc.put("counts", counts);
        return doc;
    }
}
