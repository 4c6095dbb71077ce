package dev.s3sh.shell.commands;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.app.CorsOutcome;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.io.IOException;
import java.util.List;

/**
 * {@code cors undo [s3://BUCKET]} puts back the configuration saved before the last push;
 * {@code cors restore N [s3://BUCKET]} the one numbered N in {@code cors history}. Both push through
 * the same diff, confirm and verify path as {@code cors set}, and so are themselves undoable.
 */
public final class CorsRestoreCommand implements Command {
    private final boolean undo;

    private CorsRestoreCommand(boolean undo) {
        this.undo = undo;
    }

    public static CorsRestoreCommand undo() {
        return new CorsRestoreCommand(true);
    }

    public static CorsRestoreCommand restore() {
        return new CorsRestoreCommand(false);
    }

    @Override
    public CommandSpec spec() {
        CommandSpec.Builder b = undo
                ? CommandSpec.builder("cors undo").synopsis("cors undo [s3://BUCKET] [--yes]")
                .summary("put back the CORS configuration the bucket held before the last push")
                .help("Restores entry 1 of 'cors history' through the same diff, confirmation and read-back check as\n"
                        + "'cors set'. The undo is itself saved, so a second undo returns to where you were.")
                : CommandSpec.builder("cors restore").synopsis("cors restore N [s3://BUCKET] [--yes]")
                .summary("put back the CORS configuration numbered N in 'cors history'")
                .help("Restores entry N of 'cors history' through the same diff, confirmation and read-back check as\n"
                        + "'cors set'.")
                .positional(ValueKind.TEXT);
        return b.positional(ValueKind.BUCKET).build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        List<String> pos = args.positionals();
        int number = 1;
        String bucketArg;
        if (undo) {
            if (pos.size() > 1) throw new UsageException("cors undo takes at most one s3://BUCKET");
            bucketArg = args.positional(0, null);
        } else {
            if (pos.isEmpty() || pos.size() > 2) throw new UsageException("cors restore needs N: " + spec().synopsis());
            try {
                number = Integer.parseInt(pos.get(0));
            } catch (NumberFormatException e) {
                throw new UsageException("cors restore needs a number from 'cors history', not '" + pos.get(0) + "'");
            }
            bucketArg = args.positional(1, null);
        }
        String bucket = CorsSource.bucket(ctx, bucketArg, spec().name());
        CorsOutcome outcome;
        try {
            outcome = CorsOutcomes.service(ctx, args).restore(bucket, number, undo, args.has("yes"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CORS history of s3://" + bucket + ": " + e.getMessage());
        }
        return CorsOutcomes.finish(ctx, args, outcome);
    }
}
