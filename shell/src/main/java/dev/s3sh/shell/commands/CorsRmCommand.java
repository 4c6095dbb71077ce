package dev.s3sh.shell.commands;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.app.CorsPush;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

/** {@code cors rm [s3://BUCKET]}, and s3cmd's {@code delcors s3://BUCKET}: remove a bucket's CORS configuration. */
public final class CorsRmCommand implements Command {
    private final boolean s3cmd;

    public CorsRmCommand() {
        this(false);
    }

    private CorsRmCommand(boolean s3cmd) {
        this.s3cmd = s3cmd;
    }

    public static CorsRmCommand delcors() {
        return new CorsRmCommand(true);
    }

    @Override
    public CommandSpec spec() {
        String name = s3cmd ? "delcors" : "cors rm";
        return CommandSpec.builder(name)
                .synopsis(name + (s3cmd ? " s3://BUCKET" : " [s3://BUCKET] [--yes]"))
                .summary(s3cmd ? "s3cmd's delcors: remove a bucket's CORS configuration (without asking)"
                        : "remove a bucket's CORS configuration (saved first: 'cors undo' puts it back)")
                .help("Shows what is removed, " + (s3cmd ? "" : "asks (--yes for scripts), ") + "saves it to the local history,\n"
                        + "removes it and checks that the bucket has none. BUCKET defaults to the current bucket.")
                .positional(ValueKind.BUCKET)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        if (args.positionals().size() > 1 || s3cmd && args.positionals().isEmpty()) {
            throw new UsageException(spec().synopsis());
        }
        String bucket = CorsSource.bucket(ctx, args.positional(0, null), spec().name());
        CorsPush push = CorsOutcomes.service(ctx, args).push(bucket, args.has("yes"));
        if (s3cmd) push.withoutQuestion();
        return CorsOutcomes.finish(ctx, args, push.push((dev.s3sh.cors.CorsConfiguration) null));
    }
}
