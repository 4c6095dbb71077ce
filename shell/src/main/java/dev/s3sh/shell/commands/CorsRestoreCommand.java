package dev.s3sh.shell.commands;

import dev.s3sh.app.CorsBatch;
import dev.s3sh.command.Command;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.session.Session;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.app.CorsOutcome;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.io.IOException;
import java.util.ArrayList;
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
                ? CommandSpec.builder("cors undo").synopsis("cors undo [s3://BUCKET] [--yes] | cors undo --batch ID [--yes] [--jobs N]")
                .summary("put back the CORS configuration the bucket held before the last push, or before a 'cors apply'")
                .help("Restores entry 1 of 'cors history' through the same diff, confirmation and read-back check as\n"
                        + "'cors set'. The undo is itself saved, so a second undo returns to where you were.\n"
                        + "--batch ID (printed by 'cors apply') puts back, on every bucket that apply changed, the rules it\n"
                        + "held before, with a plan and one confirmation like 'cors apply'; a bucket changed since the apply\n"
                        + "is left alone and reported. The undo is a batch of its own: its id is printed too.\n"
                        + "Exit status: 0 every bucket put back (or already as before), 1 otherwise, 2 usage.")
                .option(OptionSpec.value("batch", ValueKind.TEXT, "the id 'cors apply' printed: undo that whole apply"))
                .option(OptionSpec.value("jobs", ValueKind.TEXT, "with --batch: pushes at a time per endpoint (default "
                        + CorsBatch.DEFAULT_JOBS + ")"))
                .option(OptionSpec.flag("diff", null, "with --batch: show the full diff of each bucket in the plan"))
                : CommandSpec.builder("cors restore").synopsis("cors restore N [s3://BUCKET] [--yes]")
                .summary("put back the CORS configuration numbered N in 'cors history'")
                .help("Restores entry N of 'cors history' through the same diff, confirmation and read-back check as\n"
                        + "'cors set'.")
                .positional(ValueKind.TEXT);
        return b.positional(ValueKind.BUCKET).build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws Exception {
        List<String> pos = args.positionals();
        int number = 1;
        String bucketArg;
        if (undo && args.has("batch")) return undoBatch(ctx, args);
        if (args.has("jobs") || args.has("diff")) throw new UsageException("--jobs and --diff go with 'cors undo --batch ID'");
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

    /** {@code cors undo --batch ID}: a plan of putting back what the apply changed, one question, the pushes. */
    private int undoBatch(CommandContext ctx, ParsedArgs args) throws Exception {
        if (!args.positionals().isEmpty()) throw new UsageException("cors undo --batch ID takes no bucket: it undoes every bucket of the batch");
        String id = args.value("batch", "").trim();
        if (!CorsBatch.isBatchId(id)) {
            throw new UsageException("'" + id + "' is not a batch id: 'cors apply' prints one like 20261207-101500-3fa2");
        }
        CorsBatch batch = new CorsBatch(ctx.stateDir(), CorsApplyCommand.jobs(args), false);
        List<Session> opened = new ArrayList<>();
        try {
            CorsBatch.Plan plan;
            try {
                plan = batch.planUndo(id, name -> {
                    CorsBatch.Target t = CorsApplyCommand.target(ctx, name);
                    if (t.session() != ctx.session()) opened.add(t.session());
                    return t;
                });
            } catch (CorsBatch.NoSuchBatchException e) {
                throw new UsageException(e.getMessage());
            }
            boolean profiles = plan.buckets().stream().map(CorsBatch.Planned::profile).distinct().count() > 1;
            return CorsBatchOutput.planAndRun(ctx, args, batch, plan, profiles);
        } finally {
            opened.forEach(Session::close);
        }
    }
}
