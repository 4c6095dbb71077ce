package dev.s3sh.shell;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.ValueKind;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code record [--origin O] [--method M] [--actual] ARGS...}: keeps what the parser gave it, for tests of the grammar. */
final class RecordingCommand implements Command {
    /** One entry per run: {@code origin=[..] method=[..] actual=.. args=[..][..]}. */
    final List<String> runs = new CopyOnWriteArrayList<>();

    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("record").summary("record the arguments it gets")
                .option(OptionSpec.value("origin", ValueKind.TEXT, "origin"))
                .option(OptionSpec.value("method", ValueKind.HTTP_METHOD, "method"))
                .option(OptionSpec.flag("actual", null, "actual"))
                .positional(ValueKind.TEXT).variadic()
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        StringBuilder b = new StringBuilder();
        b.append("origin=").append(args.has("origin") ? "[" + args.value("origin", null) + "]" : "none");
        b.append(" method=[").append(args.value("method", "")).append(']');
        b.append(" actual=").append(args.has("actual"));
        b.append(" args=");
        for (String p : args.positionals()) b.append('[').append(p).append(']');
        runs.add(b.toString());
        ctx.out().println("recorded " + runs.size());
        ctx.out().flush();
        return ExitCode.OK;
    }
}
