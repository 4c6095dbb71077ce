package dev.s3sh.command;

import dev.s3sh.config.LinodeClusters;

/**
 * The options of {@code s3sh} itself, before the command word, declared as a spec like any
 * command's: {@code s3sh --help}, the parser of the command line and {@code s3sh __complete} (and so
 * the bash, zsh and fish scripts) all read this one list. {@code --output}, {@code --yes} and
 * {@code --help} are {@link CommandSpec#GLOBAL_OPTIONS}, as for every command.
 */
public final class GlobalOptions {
    public static final ValueKind CLUSTER = new ValueKind(ValueKind.Type.SUGGESTED, "id", LinodeClusters.KNOWN);

    public static final CommandSpec SPEC = CommandSpec.builder("s3sh")
            .synopsis("s3sh [global options] [COMMAND [ARGS...]]")
            .summary("an interactive shell for S3-compatible object storage")
            .option(OptionSpec.value("profile", ValueKind.PROFILE,
                    "profile from s3sh's, the AWS CLI's or s3cmd's files ('s3cfg': the s3cmd file)"))
            .option(OptionSpec.value("cluster", CLUSTER, "a Linode cluster, e.g. us-southeast-1 (https://ID.linodeobjects.com)"))
            .option(new OptionSpec("config", 'c', ValueKind.LOCAL_FILE, false,
                    "s3cmd configuration to use (default: $S3CMD_CONFIG or ~/.s3cfg)"))
            .option(OptionSpec.flag("tui", null, "open the full-screen mode (browse, edit and test CORS); q leaves"))
            .option(OptionSpec.flag("local", null, "start (or reuse) the built-in local Ceph RGW and connect to it"))
            .option(OptionSpec.value("endpoint", new ValueKind(ValueKind.Type.TEXT, "url", java.util.List.of()),
                    "S3 endpoint, e.g. http://127.0.0.1:7480 (default: AWS)"))
            .option(OptionSpec.value("region", new ValueKind(ValueKind.Type.TEXT, "region", java.util.List.of()),
                    "signing region (default: us-east-1)"))
            .option(OptionSpec.flag("path-style", null, "path-style addressing (default for IP and localhost endpoints)"))
            .option(OptionSpec.value("dialect", ValueKind.DIALECT, "CORS semantics: rgw, rgw-2026 or aws (default: from the endpoint)"))
            .option(OptionSpec.value("ca-bundle", ValueKind.LOCAL_FILE,
                    "trust the CA certificates in this PEM file instead of the system's"))
            .option(OptionSpec.flag("insecure", null, "do not verify TLS certificates (a warning says so)"))
            .option(OptionSpec.flag("no-color", null, "no colours (NO_COLOR in the environment does the same)"))
            .option(OptionSpec.flag("quiet", 'q', "no progress lines, notices or lines saying what was done; errors and the data asked for stay"))
            .option(OptionSpec.flag("no-pager", null, "s3sh never pages (PAGER is not read); accepted for scripts written for pagers"))
            .option(OptionSpec.flag("debug", null, "show each HTTP request and response (secrets redacted) and stack traces"))
            .option(OptionSpec.flag("version", null, "s3sh's version, git commit, Java runtime and AWS SDK version"))
            .positional(ValueKind.COMMAND)
            .variadic()
            .build();

    private GlobalOptions() {
    }

    static boolean isGlobal(CommandSpec spec) {
        return spec == SPEC;
    }
}
