package dev.s3sh.shell.commands;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;

/** {@code version}: the same as {@code s3sh --version}, inside the shell too. */
public final class VersionCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("version")
                .summary("show s3sh's version, git commit, Java runtime and AWS SDK version")
                .help("The same as 's3sh --version'. Quote it in bug reports.")
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        BuildInfo info = BuildInfo.current();
        if (args.json()) {
            ctx.printJson(info.json());
        } else {
            ctx.out().print(info.text());
            ctx.out().flush();
        }
        return ExitCode.OK;
    }
}
