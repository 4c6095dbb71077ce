package dev.s3sh.shell.commands;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.util.List;

public final class HelpCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("help")
                .synopsis("help [COMMAND]")
                .summary("list commands, or explain one")
                .positional(ValueKind.COMMAND)
                .variadic()
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        List<String> words = args.positionals();
        if (words.isEmpty()) {
            ctx.registry().printOverview(ctx.out());
            return ExitCode.OK;
        }
        var match = ctx.registry().match(words);
        if (match.isEmpty()) {
            String first = words.get(0);
            if (ctx.registry().isGroup(first)) {
                ctx.out().println("'" + first + "' commands: " + String.join(", ", ctx.registry().subcommands(first))
                        + " (help " + first + " SUBCOMMAND for details)");
                ctx.out().flush();
                return ExitCode.OK;
            }
            throw new UsageException("no command named '" + String.join(" ", words) + "': type 'help' for the list");
        }
        ctx.registry().printHelp(ctx.out(), match.get().command().spec());
        return ExitCode.OK;
    }
}
