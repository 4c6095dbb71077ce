package dev.s3sh.shell.commands;

import dev.s3sh.app.CorsBehaviours;
import dev.s3sh.config.ClientOptions;
import dev.s3sh.config.Field;
import dev.s3sh.config.Profile;
import dev.s3sh.config.ResolvedProfile;
import dev.s3sh.config.Secrets;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.ValueKind;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code profile show [NAME]}: every value of a profile and where it came from; secrets masked. */
public final class ProfileShowCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("profile show")
                .synopsis("profile show [NAME]")
                .summary("show a profile's settings and where each came from (keys masked)")
                .help("""
                        Without NAME, the current profile. Keys and tokens show at most their last four characters.
                        The CORS rule choice is the one 'cors detect' last found for the profile's endpoint.
                        Precedence, first wins: command-line options, environment, s3sh's profile, the AWS CLI's
                        profile, s3cmd's file.""")
                .positional(ValueKind.PROFILE)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        String name = args.positional(0, null);
        Profile current = ctx.session().profile();
        ResolvedProfile r = name == null || current != null && name.equals(current.name())
                ? ctx.session().catalog().details(current)
                : ctx.session().catalog().load(name);
        Map<String, String[]> rows = rows(r);
        // remembered per endpoint by 'cors detect', as 'info' shows it
        var ruleChoice = new CorsBehaviours(ctx.stateDir()).get(r.profile().endpointLabel());
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", r.name());
            doc.put("current", current != null && r.profile().equals(current));
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, Object> sources = new LinkedHashMap<>();
            rows.forEach((label, vs) -> {
                values.put(label, vs[0]);
                sources.put(label, vs[1]);
            });
            doc.put("values", values);
            doc.put("sources", sources);
            doc.put("warnings", r.warnings());
            doc.put("corsRuleChoice", ruleChoice.map(c -> c.behaviour().id()).orElse(null));
            ctx.printJson(doc);
            return ExitCode.OK;
        }
        ctx.out().println("profile " + r.name() + (current != null && r.profile().equals(current) ? " (current)" : ""));
        rows.put("CORS rule choice", ruleChoice
                .map(c -> new String[]{c.behaviour().id(), "'cors detect' on " + c.when().toString().substring(0, 10)})
                .orElse(new String[]{"(not known; run 'cors detect')", null}));
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(8) + 2;
        int valueWidth = rows.values().stream().mapToInt(v -> v[0].length()).max().orElse(8) + 2;
        rows.forEach((label, vs) -> ctx.out().printf("  %-" + width + "s%-" + valueWidth + "s%s%n", label + ":", vs[0],
                vs[1] == null ? "" : "from " + vs[1]));
        ctx.out().flush();
        warn(ctx, r);
        return ExitCode.OK;
    }

    /** label → {shown value, origin}; secrets masked. */
    static Map<String, String[]> rows(ResolvedProfile r) {
        Profile p = r.profile();
        ClientOptions c = p.client();
        Map<String, String[]> rows = new LinkedHashMap<>();
        row(rows, r, Field.ENDPOINT, p.endpointLabel());
        row(rows, r, Field.REGION, p.region());
        row(rows, r, Field.ACCESS_KEY, Secrets.mask(p.accessKey()));
        row(rows, r, Field.SECRET_KEY, Secrets.mask(p.secretKey()));
        row(rows, r, Field.SESSION_TOKEN, Secrets.mask(p.sessionToken()));
        row(rows, r, Field.PATH_STYLE, p.pathStyle() ? "yes (path style)" : "no (virtual-host)");
        row(rows, r, Field.DIALECT, p.effectiveDialect());
        row(rows, r, Field.INSECURE, c.insecure() ? "YES: certificates are NOT verified" : "no");
        row(rows, r, Field.CA_BUNDLE, c.caBundle() == null ? "(system CAs)" : c.caBundle().toString());
        row(rows, r, Field.PROXY, c.proxy() == null ? "(none)" : c.proxy().toString());
        row(rows, r, Field.SIGNURL_HTTPS, c.signUrlHttps() == null ? "(like the endpoint)" : c.signUrlHttps() ? "yes" : "no");
        return rows;
    }

    private static void row(Map<String, String[]> rows, ResolvedProfile r, Field f, String value) {
        rows.put(f.label(), new String[]{value, r.sources().get(f.label())});
    }

    static void warn(CommandContext ctx, ResolvedProfile p) {
        for (String w : p.warnings()) ctx.err().println("warning: " + w);
        if (!p.profile().hasCredentials()) {
            ctx.err().println("warning: profile " + p.name() + " has no keys: commands that talk to the endpoint will fail "
                    + "until it has some ('profile show' says where s3sh looked)");
        }
        ctx.err().flush();
    }
}
