package dev.s3sh.shell.commands;

import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.ValueKind;

import java.util.Map;

/** {@code cd}: moves the current location; a bucket must exist, a prefix need not (S3 has no directories). */
public final class CdCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cd")
                .synopsis("cd [PATH]")
                .summary("change the current bucket and prefix")
                .help("""
                        Without PATH, goes back to the root (the bucket list). PATH may be s3://bucket/prefix/,
                        /bucket/prefix, a relative prefix, .. or . . Entering a bucket checks that it exists.""")
                .positional(ValueKind.S3_DIR)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        S3Path target = ctx.session().resolve(args.positional(0, "/")).asDirectory();
        if (!target.isRoot() && !target.bucket().equals(ctx.session().cwd().bucket())) {
            ctx.session().store().checkBucket(target.bucket());
        }
        ctx.session().cd(target);
        if (args.json()) ctx.printJson(Map.of("location", ctx.session().cwd().toString()));
        return ExitCode.OK;
    }
}
