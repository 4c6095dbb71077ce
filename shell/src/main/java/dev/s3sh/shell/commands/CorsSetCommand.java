package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsDocument;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.app.CorsPush;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.io.IOException;

/**
 * {@code cors set FILE [s3://BUCKET]}: validate, diff, confirm, push, verify. {@code setcors FILE s3://BUCKET}
 * is the same with s3cmd's manners: it asks nothing (except before letting any origin write).
 */
public final class CorsSetCommand implements Command {
    private final boolean s3cmd;

    public CorsSetCommand() {
        this(false);
    }

    private CorsSetCommand(boolean s3cmd) {
        this.s3cmd = s3cmd;
    }

    /** {@code setcors}, as in the Linode tutorial's {@code s3cmd setcors cors_policies.xml s3://example-cors-bucket}. */
    public static CorsSetCommand setcors() {
        return new CorsSetCommand(true);
    }

    @Override
    public CommandSpec spec() {
        String name = s3cmd ? "setcors" : "cors set";
        return CommandSpec.builder(name)
                .synopsis(name + " FILE " + (s3cmd ? "s3://BUCKET" : "[s3://BUCKET]") + " [--yes]")
                .summary(s3cmd ? "s3cmd's setcors: push a CORS file (as 'cors set', without asking)"
                        : "validate a CORS file (XML or JSON), show the diff, push and verify it")
                .help("Validates FILE for the endpoint's dialect (errors stop it, exit 3; warnings are shown), shows the\n"
                        + "diff against the bucket's live configuration, " + (s3cmd ? "" : "asks (--yes for scripts), ")
                        + "saves the previous\nconfiguration to the local history ('cors history', 'cors undo'), pushes the rules with\n"
                        + "surrounding spaces trimmed, reads them back and checks the server holds the same rules.\n"
                        + "Rules that let any origin write are always confirmed in a terminal.\n"
                        + "BUCKET defaults to the current bucket.")
                .positional(ValueKind.LOCAL_FILE)
                .positional(ValueKind.BUCKET)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        int n = args.positionals().size();
        if (n < 1 || n > 2 || s3cmd && n != 2) throw new UsageException(spec().name() + " needs FILE and " + (s3cmd ? "" : "optionally ") + "s3://BUCKET: " + spec().synopsis());
        String file = args.positional(0, null);
        if (file.startsWith("s3://")) throw new UsageException("the file comes first: " + spec().synopsis());
        String bucket = CorsSource.bucket(ctx, args.positional(1, null), spec().name());
        CorsPush push = CorsOutcomes.service(ctx, args).push(bucket, args.has("yes"));
        if (s3cmd) push.withoutQuestion();
        return CorsOutcomes.finish(ctx, args, push.push(read(file)));
    }

    static CorsDocument read(String file) {
        try {
            return CorsSource.readDocument(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + CorsSource.unreadable(e));
        }
    }
}
