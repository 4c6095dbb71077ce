package dev.s3sh.shell.commands;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

/**
 * {@code cors edit [s3://BUCKET]}, as {@code kubectl edit}: the live configuration (or a starter) in
 * a private temp file, the user's editor, then validate → reopen with the errors on top, or diff →
 * confirm → check the server did not change meanwhile → push → verify. The file is removed after a
 * push and kept, with its path printed, on every other way out.
 */
public final class CorsEditCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors edit")
                .synopsis("cors edit [s3://BUCKET] [--format xml|json] [--yes]")
                .summary("edit a bucket's CORS configuration in $VISUAL/$EDITOR, then validate, diff, push and verify")
                .help("""
                        Opens the live configuration (or a commented starter when there is none) in $VISUAL, else
                        $EDITOR, else a built-in nano. When the editor exits:
                          unchanged file          'no changes', nothing pushed
                          emptied file            'aborted', nothing pushed, the file kept
                          invalid document        the editor reopens with the errors in a comment at the top
                                                  (quit without saving to stop; the file is kept)
                          valid document          the diff, a confirmation (--yes skips it), then a check that
                                                  the server's configuration did not change meanwhile (if it
                                                  did, nothing is overwritten: you may reopen on top of it),
                                                  the push, a read-back check, and a one-line report.
                        The previous configuration is saved first: 'cors undo' puts it back.
                        --format json opens it as AWS CLI JSON ({"CORSRules": [...]}) instead of XML; either
                        form may be saved whatever the file opened with.
                        BUCKET defaults to the current bucket.""")
                .option(OptionSpec.value("format", ValueKind.choice("xml", "json"), "the form the file opens in: xml (the default) or json"))
                .positional(ValueKind.BUCKET)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws Exception {
        if (args.positionals().size() > 1) throw new UsageException("cors edit takes at most one s3://BUCKET");
        String bucket = CorsSource.bucket(ctx, args.positional(0, null), "cors edit");
        boolean json = "json".equals(args.value("format", "xml"));
        return CorsOutcomes.finish(ctx, args, CorsOutcomes.service(ctx, args).edit(bucket, json, args.has("yes")));
    }
}
