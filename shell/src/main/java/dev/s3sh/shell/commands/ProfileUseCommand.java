package dev.s3sh.shell.commands;

import dev.s3sh.config.ResolvedProfile;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code profile use NAME}: switches endpoint and credentials without leaving the session. */
public final class ProfileUseCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("profile use")
                .synopsis("profile use NAME")
                .summary("switch to another profile (endpoint and credentials) in this session")
                .help("""
                        NAME is one of 'profile list'. The files are read again, so edits made meanwhile count.
                        The location goes back to the root; listings cached for completion are kept per profile.
                        Options and environment variables given at start-up applied to the start-up profile only.""")
                .positional(ValueKind.PROFILE)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        String name = args.positional(0, null);
        if (name == null) throw new UsageException("profile use needs a NAME: 'profile list' shows them");
        ResolvedProfile p = ctx.session().catalog().load(name);
        ctx.session().switchTo(p.profile());
        ProfileShowCommand.warn(ctx, p);
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("profile", p.name());
            doc.put("endpoint", p.profile().endpointLabel());
            doc.put("warnings", p.warnings());
            ctx.printJson(doc);
        } else {
            ctx.out().println("now using profile " + p.name() + " (" + p.profile().endpointLabel() + ")");
            ctx.out().flush();
        }
        return ExitCode.OK;
    }
}
