package dev.s3sh.shell.commands;

import dev.s3sh.app.CorsHistory;
import dev.s3sh.app.CorsNotice;
import dev.s3sh.app.CorsOutcome;
import dev.s3sh.app.CorsPorts;
import dev.s3sh.app.CorsService;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.InvalidInputException;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the CORS commands talk to {@link CorsService} and render what it returns: notices are printed
 * as they come (to stderr under {@code --output json}), questions go to the command's prompter, the
 * outcome becomes one line or one JSON document and an exit status.
 */
final class CorsOutcomes {
    private CorsOutcomes() {
    }

    /** The service for a command: {@code --output json} sends what it tells to stderr. */
    static CorsService service(CommandContext ctx, ParsedArgs args) {
        return new CorsService(ctx.session(), ctx.stateDir(), new Ports(ctx, args.json() ? ctx.err() : ctx.out()));
    }

    /** The command's ports, telling through {@code talk} (stderr under {@code --output json}). */
    static CorsPorts ports(CommandContext ctx, PrintWriter talk) {
        return new Ports(ctx, talk);
    }

    /** Prints the outcome; exit status 0 when the server now holds the rules asked for (or nothing was to be done). */
    static int finish(CommandContext ctx, ParsedArgs args, CorsOutcome outcome) {
        if (outcome instanceof CorsOutcome.Invalid invalid) {
            throw new InvalidInputException(invalid.message(), invalid.problems());
        }
        if (outcome instanceof CorsOutcome.Unconfirmed || outcome instanceof CorsOutcome.NotInHistory) {
            throw new UsageException(outcome.message());
        }
        if (outcome instanceof CorsOutcome.Kept kept) return finishKept(ctx, args, kept);
        if (outcome instanceof CorsOutcome.EditUnchanged && args.json()) {
            ctx.printJson(Map.of("bucket", outcome.bucket(), "status", "unchanged", "message", outcome.message()));
            return ExitCode.OK;
        }
        if (outcome instanceof CorsOutcome.EditUnchanged) {
            ctx.out().println(outcome.message());
            ctx.out().flush();
            return ExitCode.OK;
        }
        boolean ok = outcome.succeeded();
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("bucket", outcome.bucket());
            doc.put("status", status(outcome));
            doc.put("changes", changes(outcome));
            doc.put("message", outcome.message());
            ctx.printJson(doc);
        } else if (ok) {
            ctx.out().println(outcome.message());
        } else {
            ctx.err().println(outcome.message());
        }
        ctx.out().flush();
        ctx.err().flush();
        return ok ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static int finishKept(CommandContext ctx, ParsedArgs args, CorsOutcome.Kept kept) {
        CorsOutcome push = kept.push();
        if (push instanceof CorsOutcome.Declined) finish(ctx, args, push);
        ctx.err().println(kept.message());
        ctx.err().flush();
        if (push instanceof CorsOutcome.Invalid || push instanceof CorsOutcome.Unconfirmed) finish(ctx, args, push);
        return switch (kept.because()) {
            case EMPTIED -> ExitCode.OK;
            case STILL_INVALID -> ExitCode.INVALID_INPUT;
            default -> ExitCode.FAILURE;
        };
    }

    private static String status(CorsOutcome outcome) {
        if (outcome instanceof CorsOutcome.Pushed) return "pushed";
        if (outcome instanceof CorsOutcome.Unchanged) return "no-changes";
        if (outcome instanceof CorsOutcome.Declined) return "declined";
        return "conflict";
    }

    private static List<String> changes(CorsOutcome outcome) {
        if (outcome instanceof CorsOutcome.Pushed p) return p.diff().summary();
        if (outcome instanceof CorsOutcome.Declined d) return d.diff().summary();
        if (outcome instanceof CorsOutcome.Conflict c) return c.changed().summary();
        if (outcome instanceof CorsOutcome.Unchanged u) return u.diff().summary();
        return List.of();
    }

    /** The command's side of {@link CorsPorts}. */
    private static final class Ports extends CommandPorts<CorsNotice> implements CorsPorts {
        private final PrintWriter talk;

        Ports(CommandContext ctx, PrintWriter talk) {
            super(ctx);
            this.talk = talk;
        }

        @Override
        public void tell(CorsNotice notice) {
            // the change about to be pushed and what is put back go where the command talks (the output, or the
            // error stream under --output json), the rest (problems, skipped files, kept edits) to the error stream
            PrintWriter to = notice instanceof CorsNotice.Change || notice instanceof CorsNotice.Restoring ? talk : ctx.err();
            for (String line : notice.lines()) to.println(line);
            to.flush();
        }
    }

    /** The warning for a history file that was passed over. */
    static String skipped(CorsHistory.Skipped s) {
        return new CorsNotice.HistorySkipped(s).lines().get(0);
    }
}
