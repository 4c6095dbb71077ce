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
            if (args.json()) {
                ctx.printJson(java.util.Map.of("commands", ctx.registry().commands().stream().map(c -> summary(c.spec())).toList()));
                return ExitCode.OK;
            }
            ctx.registry().printOverview(ctx.out());
            return ExitCode.OK;
        }
        var match = ctx.registry().match(words);
        if (match.isEmpty()) {
            String first = words.get(0);
            if (ctx.registry().isGroup(first) && args.json()) {
                ctx.printJson(java.util.Map.of("group", first, "commands", ctx.registry().subcommands(first)));
                return ExitCode.OK;
            }
            if (ctx.registry().isGroup(first)) {
                ctx.out().println("'" + first + "' commands: " + String.join(", ", ctx.registry().subcommands(first))
                        + " (help " + first + " SUBCOMMAND for details)");
                ctx.out().flush();
                return ExitCode.OK;
            }
            throw new UsageException("no command named '" + String.join(" ", words) + "': type 'help' for the list");
        }
        if (args.json()) {
            ctx.printJson(detail(match.get().command().spec()));
            return ExitCode.OK;
        }
        ctx.registry().printHelp(ctx.out(), match.get().command().spec());
        return ExitCode.OK;
    }

    private static java.util.Map<String, Object> summary(dev.s3sh.command.CommandSpec spec) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("summary", spec.summary());
        return m;
    }

    /** help's words as data: the same spec the text is made from. */
    private static java.util.Map<String, Object> detail(dev.s3sh.command.CommandSpec spec) {
        java.util.Map<String, Object> m = summary(spec);
        m.put("synopsis", spec.synopsis());
        m.put("aliases", spec.aliases());
        m.put("help", spec.help());
        m.put("options", spec.allOptions().stream().map(o -> {
            java.util.Map<String, Object> option = new java.util.LinkedHashMap<>();
            option.put("name", "--" + o.name());
            option.put("short", o.shortName() == null ? null : "-" + o.shortName());
            option.put("value", o.takesValue() ? o.value().name() : null);
            option.put("help", o.help());
            return option;
        }).toList());
        return m;
    }
}
