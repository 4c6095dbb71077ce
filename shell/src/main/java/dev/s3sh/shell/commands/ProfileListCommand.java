package dev.s3sh.shell.commands;

import dev.s3sh.config.ProfileCatalog;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code profile list}: the profiles this session can switch to, the current one marked. */
public final class ProfileListCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("profile list")
                .summary("list the profiles of s3sh's, the AWS CLI's and s3cmd's files, and this session's")
                .help("""
                        The current profile is marked with '*'. Profiles come from s3sh's own file
                        ($XDG_CONFIG_HOME/s3sh/config), ~/.aws/config and ~/.aws/credentials, and the s3cmd file
                        (listed as 's3cfg'); the ones made in this session (the start-up profile, 'connect') too.""")
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        String current = ctx.session().cacheKey();
        List<ProfileCatalog.Entry> entries = ctx.session().catalog().list();
        if (args.json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (ProfileCatalog.Entry e : entries) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", e.name());
                m.put("current", e.name().equals(current));
                m.put("endpoint", e.endpoint());
                m.put("from", e.from());
                list.add(m);
            }
            ctx.printJson(Map.of("profiles", list));
            return ExitCode.OK;
        }
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(4) + 2;
        int endpointWidth = entries.stream().mapToInt(e -> e.endpoint().length()).filter(n -> n < 60).max().orElse(20) + 2;
        for (ProfileCatalog.Entry e : entries) {
            ctx.out().printf("%s %-" + width + "s%-" + endpointWidth + "s%s%n", e.name().equals(current) ? "*" : " ",
                    e.name(), e.endpoint(), e.from());
        }
        ctx.out().flush();
        return ExitCode.OK;
    }
}
