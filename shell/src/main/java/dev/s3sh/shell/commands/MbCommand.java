package dev.s3sh.shell.commands;

import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.text.TerminalText;

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
        checkNewBucketName(path.bucket());
        ctx.session().store().createBucket(path.bucket());
        ctx.session().invalidateListings(null, "");
        if (args.json()) ctx.printJson(Map.of("created", path.bucket()));
        else ctx.report("created bucket s3://" + path.bucket() + "/");
        return ExitCode.OK;
    }

    private static final java.util.regex.Pattern BUCKET_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /**
     * The S3 rules for a new bucket's name, checked before any request: the SDK refuses a name that
     * breaks them with its own exception (which reached the user as "unexpected error"), and a
     * server that accepts more (RGW's relaxed names) would make a bucket other tools cannot address.
     */
    static void checkNewBucketName(String name) {
        boolean ok = BUCKET_NAME.matcher(name).matches() && !name.contains("..") && !name.contains(".-")
                && !name.contains("-.") && !name.matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        if (!ok) {
            throw new UsageException("'" + TerminalText.visible(name) + "' is not a valid bucket name: use 3 to 63 lowercase"
                    + " letters, digits, '-' and '.', starting and ending with a letter or digit (not an IP address)");
        }
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
