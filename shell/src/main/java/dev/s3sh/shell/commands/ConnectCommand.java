package dev.s3sh.shell.commands;

import dev.s3sh.config.ProfileCatalog;
import dev.s3sh.config.ProfileResolver;
import dev.s3sh.config.ResolvedProfile;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.util.Map;

/** {@code connect URL|CLUSTER}: an ad-hoc endpoint for this session, with the keys of a profile. */
public final class ConnectCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("connect")
                .synopsis("connect URL|CLUSTER [--profile NAME] [--region R] [--path-style] [--dialect rgw|rgw-2026|aws]")
                .summary("switch to an ad-hoc endpoint (a URL or a Linode cluster id) for this session")
                .help("""
                        The keys are the current profile's, or those of --profile NAME. The new profile is named
                        after the host (or cluster) and stays in 'profile list' until the session ends.
                        Examples: connect us-iad-1      connect http://127.0.0.1:7480 --profile local""")
                .positional(ValueKind.TEXT)
                .option(OptionSpec.value("profile", ValueKind.PROFILE, "take the keys from this profile"))
                .option(OptionSpec.value("region", ValueKind.TEXT, "signing region"))
                .option(OptionSpec.flag("path-style", null, "path-style addressing (default for IP and localhost)"))
                .option(OptionSpec.value("dialect", ValueKind.DIALECT, "CORS semantics: rgw, rgw-2026 or aws"))
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        String target = args.positional(0, null);
        if (target == null) throw new UsageException("connect needs a URL or a Linode cluster id, e.g. 'connect us-southeast-1'");
        ProfileCatalog catalog = ctx.session().catalog();
        ResolvedProfile keys = args.has("profile") ? catalog.load(args.value("profile", null))
                : catalog.details(ctx.session().profile());
        ProfileResolver resolver = catalog.resolver() != null ? catalog.resolver() : new ProfileResolver(Map.of());
        ResolvedProfile p = resolver.connect(target, keys, args.value("region", null),
                args.has("path-style") ? Boolean.TRUE : null, args.value("dialect", null), catalog.options());
        catalog.remember(p);
        ctx.session().switchTo(p.profile());
        ProfileShowCommand.warn(ctx, p);
        if (args.json()) {
            ctx.printJson(Map.of("profile", p.name(), "endpoint", p.profile().endpointLabel()));
        } else {
            ctx.out().println("now using " + p.name() + " (" + p.profile().endpointLabel() + ") with the keys of profile " + keys.name());
            ctx.out().flush();
        }
        return ExitCode.OK;
    }
}
