package dev.s3sh.shell.commands;

import dev.s3sh.command.CommandContext;
import dev.s3sh.app.CorsPush;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How the commands that push report a {@link CorsPush.Outcome}: one line, or one JSON document. */
final class CorsOutcomes {
    private CorsOutcomes() {
    }

    /** Prints the outcome; exit status 0 when the server now holds the rules asked for, else 1. */
    static int finish(CommandContext ctx, ParsedArgs args, String bucket, CorsPush.Outcome outcome) {
        boolean ok = outcome.status() == CorsPush.Status.PUSHED || outcome.status() == CorsPush.Status.NO_CHANGES;
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("bucket", bucket);
            doc.put("status", outcome.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            doc.put("changes", outcome.diff() == null ? java.util.List.of() : outcome.diff().summary());
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
}
