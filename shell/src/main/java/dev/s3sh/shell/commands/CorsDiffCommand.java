package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsDiff;
import dev.s3sh.cors.CorsNormalizer;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cors diff}: what would change, rule by rule and field by field, between two configurations:
 * a file and a bucket (what {@code cors set} would do), two buckets, or two files.
 */
public final class CorsDiffCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors diff")
                .synopsis("cors diff FILE|s3://BUCKET [FILE|s3://BUCKET]")
                .summary("compare two CORS configurations by rule and field")
                .help("""
                        Compares what the second names against the first; with one argument, a file or bucket is
                        compared with the current bucket's live configuration, which comes first (so the output
                        reads as what 'cors set FILE' would change). Prints the changes, then a unified diff of the
                        canonical XML. A bucket without CORS counts as an empty configuration.""")
                .positional(ValueKind.S3_PATH)
                .positional(ValueKind.S3_PATH)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        List<String> sides = args.positionals();
        if (sides.isEmpty() || sides.size() > 2) throw new UsageException("cors diff takes one or two of FILE and s3://BUCKET: see 'help cors diff'");
        CorsSource before;
        CorsSource after;
        if (sides.size() == 1) {
            String bucket = CorsSource.bucket(ctx, null, "cors diff");
            before = CorsSource.fromBucket(ctx, "s3://" + bucket, false);
            after = load(ctx, sides.get(0));
        } else {
            before = load(ctx, sides.get(0));
            after = load(ctx, sides.get(1));
        }
        CorsDiff diff = CorsDiff.diff(before.config(), after.config());
        // the server stores values sorted and deduplicated: an order-only change is no change to it
        boolean same = diff.isEmpty() || before.config() != null && after.config() != null
                && CorsNormalizer.sameRules(before.config(), after.config());
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("before", before.label());
            doc.put("after", after.label());
            doc.put("same", same);
            doc.put("changes", diff.summary());
            ctx.printJson(doc);
            return ExitCode.OK;
        }
        if (diff.isEmpty()) {
            ctx.out().println("no differences: " + before.label() + " and " + after.label() + " hold the same rules");
        } else if (same) {
            ctx.out().println("no differences: " + before.label() + " and " + after.label()
                    + " hold the same rules; only the order of values differs, which the server does not keep");
        } else {
            ctx.out().print(diff.render(before.label(), after.label()));
        }
        ctx.out().flush();
        return ExitCode.OK;
    }

    private static CorsSource load(CommandContext ctx, String arg) {
        return CorsSource.isBucket(arg) ? CorsSource.fromBucket(ctx, arg, false) : CorsSource.fromFile(arg);
    }
}
