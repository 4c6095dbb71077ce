package dev.s3sh.shell.commands;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;

import java.util.LinkedHashMap;
import java.util.Map;

public final class PwdCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("pwd")
                .summary("print the current location and endpoint")
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        String location = ctx.session().cwd().toString();
        String endpoint = ctx.session().profile() == null ? "(none)" : ctx.session().profile().endpointLabel();
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("location", location);
            doc.put("endpoint", endpoint);
            ctx.printJson(doc);
        } else {
            ctx.out().println(dev.s3sh.session.S3Path.visible(location));
            ctx.out().flush();
        }
        return ExitCode.OK;
    }
}
