package dev.s3sh.shell.commands;

import dev.s3sh.config.LinodeClusters;
import dev.s3sh.config.ProfileCatalog;
import dev.s3sh.config.ProfileResolver;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code profile add NAME}: writes a profile into s3sh's own file (owner-only, 0600). The secret
 * key is asked for without echo (or read from an environment variable named with
 * {@code --secret-env}); it is never an argument, so it never reaches history or process lists.
 */
public final class ProfileAddCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("profile add")
                .synopsis("profile add NAME [--cluster ID | --endpoint URL] [--region R] [--access-key KEY] [--aws-profile P | --s3cfg FILE]")
                .summary("save a profile in s3sh's own file (asks for the secret key without showing it)")
                .help("""
                        Writes [profile NAME] to $XDG_CONFIG_HOME/s3sh/config (created readable by you only, 0600).
                        With --aws-profile or --s3cfg the keys come from that file and none are asked for.
                        Otherwise the access key is asked for (or given with --access-key) and the secret key is
                        asked for without echo; in scripts, --secret-env VAR reads it from that environment variable.
                        Example: profile add atlanta --cluster us-southeast-1""")
                .positional(ValueKind.TEXT)
                .option(OptionSpec.value("cluster", ValueKind.suggested("cluster", LinodeClusters.KNOWN.toArray(String[]::new)), // completes known ids, accepts newer ones
                        "a Linode cluster id, e.g. us-southeast-1"))
                .option(OptionSpec.value("endpoint", ValueKind.TEXT, "endpoint URL, e.g. https://s3.example.com"))
                .option(OptionSpec.value("region", ValueKind.TEXT, "signing region"))
                .option(OptionSpec.value("access-key", ValueKind.TEXT, "access key id (asked for when missing)"))
                .option(OptionSpec.value("secret-env", ValueKind.TEXT, "read the secret key from this environment variable"))
                .option(OptionSpec.value("aws-profile", ValueKind.PROFILE, "take keys and settings from this AWS CLI profile"))
                .option(OptionSpec.value("s3cfg", ValueKind.LOCAL_FILE, "take keys and settings from this s3cmd file"))
                .option(OptionSpec.flag("path-style", null, "path-style addressing"))
                .option(OptionSpec.value("dialect", ValueKind.DIALECT, "CORS semantics: rgw, rgw-2026 or aws"))
                .option(OptionSpec.flag("use", null, "switch to the new profile at once"))
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        String name = args.positional(0, null);
        if (name == null) throw new UsageException("profile add needs a NAME, e.g. 'profile add atlanta --cluster us-southeast-1'");
        if (args.has("cluster") && args.has("endpoint")) {
            throw new UsageException("give --cluster or --endpoint, not both");
        }
        ProfileCatalog catalog = ctx.session().catalog();
        ProfileResolver resolver = catalog.resolver();
        if (resolver == null) throw new UsageException("this session has no configuration file to add profiles to");
        Map<String, String> values = new LinkedHashMap<>();
        if (args.has("cluster")) values.put("cluster", LinodeClusters.check(args.value("cluster", null)));
        if (args.has("endpoint")) values.put("endpoint", ProfileResolver.parseEndpoint(args.value("endpoint", null)).toString());
        values.put("region", args.value("region", null));
        if (args.has("path-style")) values.put("path_style", "true");
        values.put("dialect", args.value("dialect", null));
        values.put("aws_profile", args.value("aws-profile", null));
        values.put("s3cfg", args.value("s3cfg", null));
        boolean keysElsewhere = args.has("aws-profile") || args.has("s3cfg");
        if (!keysElsewhere || args.has("access-key") || args.has("secret-env")) {
            String access = args.value("access-key", null);
            if (access == null) access = ask(ctx, "Access key: ", false);
            String secret;
            if (args.has("secret-env")) {
                String var = args.value("secret-env", null);
                secret = resolver.environment(var);
                if (secret == null) throw new UsageException("--secret-env " + var + ": that environment variable is not set");
            } else {
                secret = ask(ctx, "Secret key (not shown): ", true);
            }
            values.put("access_key", access.strip());
            values.put("secret_key", secret.strip());
        }
        Path file = catalog.add(name, values);
        ctx.out().println("saved profile " + name + " in " + file + " (readable by you only)");
        if (args.has("use")) {
            ctx.session().switchTo(catalog.load(name).profile());
            ctx.out().println("now using profile " + name);
        } else {
            ctx.out().println("'profile use " + name + "' switches to it");
        }
        ctx.out().flush();
        return ExitCode.OK;
    }

    private static String ask(CommandContext ctx, String prompt, boolean secret) {
        if (!ctx.prompter().interactive()) {
            throw new UsageException("profile add needs the " + (secret ? "secret" : "access") + " key and nobody can be asked: "
                    + (secret ? "give --secret-env VAR" : "give --access-key KEY") + " or run it in the interactive shell");
        }
        String value = secret ? ctx.prompter().readSecret(prompt) : ctx.prompter().readLine(prompt);
        if (value == null || value.isBlank()) throw new UsageException("no " + (secret ? "secret" : "access") + " key given: nothing saved");
        return value;
    }
}
