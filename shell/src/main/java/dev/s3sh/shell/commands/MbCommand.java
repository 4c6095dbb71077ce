package dev.s3sh.shell.commands;

import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.util.Map;

/** {@code mb s3://BUCKET}: creates a bucket. */
public final class MbCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("mb")
                .synopsis("mb s3://BUCKET")
                .summary("make a bucket")
                .positional(ValueKind.BUCKET)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        S3Path path = bucketArgument(ctx, args, "mb");
        ctx.session().store().createBucket(path.bucket());
        ctx.session().invalidateListings(null, "");
        if (args.json()) ctx.printJson(Map.of("created", path.bucket()));
        else ctx.out().println("created bucket s3://" + path.bucket() + "/");
        return ExitCode.OK;
    }

    /** The one bucket a command names (s3://b, /b or b): anything after the bucket is refused. */
    static S3Path bucketArgument(CommandContext ctx, ParsedArgs args, String command) {
        String text = args.positional(0, null);
        if (text == null || args.positionals().size() > 1) throw new UsageException(command + " needs one bucket: " + command + " s3://BUCKET");
        S3Path path = text.startsWith("s3://") || text.startsWith("/") ? S3Path.ROOT.resolve(text) : S3Path.ROOT.resolve("/" + text);
        if (path.isRoot() || !path.key().isEmpty()) {
            throw new UsageException(command + " takes a bucket, not a key: " + command + " s3://BUCKET");
        }
        return path;
    }
}
