package dev.s3sh.shell.commands;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;

/** {@code exit}: ends the REPL or a script ({@link ExitCode#LEAVE}: the runner's outcome tells the front end). */
public final class ExitCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("exit").aliases("quit").summary("leave s3sh (Ctrl-D works too)").build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        if (args.json()) ctx.printJson(java.util.Map.of("leaving", true));
        return ExitCode.LEAVE;
    }
}
