package dev.s3sh.shell.commands;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

/**
 * {@code s3cmd VERB ARGS}: a line copied from an s3cmd tutorial runs as it is. The registry sends
 * a known verb straight to s3sh's command of that name; this command is reached only without one,
 * and says which verbs work. It is registered so that help and completion know the word.
 */
public final class S3cmdCommand implements Command {
    private static final String VERBS = String.join(", ", CommandRegistry.S3CMD_VERBS);

    @Override
    public CommandSpec spec() {
        return CommandSpec.builder(CommandRegistry.S3CMD)
                .synopsis("s3cmd VERB [ARGS]")
                .summary("run an s3cmd line as a tutorial writes it (s3cmd info, setcors, ls, ...)")
                .help("""
                        Runs the s3sh command of the same name with the same arguments, in this session, so
                        a line copied from s3cmd documentation works as it is:
                          s3cmd setcors cors_policies.xml s3://example-cors-bucket
                          s3cmd info s3://example-cors-bucket
                        VERB is one of: %s.
                        s3cmd's own options (-c FILE, --recursive, ...) are not read: use s3sh's.""".formatted(VERBS))
                .positional(ValueKind.choice(CommandRegistry.S3CMD_VERBS.toArray(String[]::new)))
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        throw new UsageException("s3sh runs these s3cmd commands as written: " + VERBS
                + "; for any other, run s3cmd itself");
    }
}
