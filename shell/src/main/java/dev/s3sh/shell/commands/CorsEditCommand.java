package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDocument;
import dev.s3sh.cors.CorsJson;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsValidator;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.cors.Dialect;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.app.CorsEditFile;
import dev.s3sh.app.CorsHistory;
import dev.s3sh.app.CorsPush;
import dev.s3sh.cors.CorsTemplates;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
        Dialect dialect = Dialect.of(ctx.session().dialect());
        CorsConfiguration base = ctx.session().store().getCors(bucket).orElse(null);
        String endpoint = ctx.session().profile().endpointLabel();
        boolean json = "json".equals(args.value("format", "xml"));
        Path file = CorsHistory.privateTempFile(ctx.stateDir().resolve("edit"), "cors-" + bucket + "-", json ? ".json" : ".xml");
        String user = CorsEditFile.header(bucket, endpoint, dialect.id()) + (json ? startingJson(base) : base == null ? starter() : CorsXml.write(base));
        byte[] written = user.getBytes(StandardCharsets.UTF_8);
        try {
            CorsEditFile.replace(file, written);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        String stopped = null; // after a reopen: what an unchanged file means
        int stoppedStatus = ExitCode.FAILURE;
        try {
            while (true) {
                try {
                    ctx.editor().edit(file);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    return kept(ctx, file, "the editor did not finish (" + e.getMessage() + "): nothing pushed", ExitCode.FAILURE);
                }
                byte[] now = Files.readAllBytes(file);
                if (Arrays.equals(now, written)) {
                    if (stopped != null) return kept(ctx, file, stopped, stoppedStatus);
                    Files.deleteIfExists(file);
                    ctx.out().println("no changes: nothing pushed");
                    return ExitCode.OK;
                }
                byte[] mine = CorsEditFile.withoutNotice(now);
                // the user's bytes as saved: a file that is not UTF-8 gets the sentence 'cors validate' gives
                CorsDocument doc = CorsEditFile.isUtf8(mine) ? null : CorsParser.read(mine, file.toString());
                if (doc == null) {
                    String text = CorsEditFile.forParsing(new String(mine, StandardCharsets.UTF_8));
                    if (text.isBlank() || isOnlyComments(text)) return kept(ctx, file, "aborted: the file is empty, nothing pushed", ExitCode.OK);
                    doc = CorsParser.read(text, file.toString());
                }
                List<CorsProblem> errors = CorsValidator.errors(CorsValidator.validate(doc, dialect));
                if (!errors.isEmpty()) {
                    List<String> lines = CorsEditFile.render(errors, CorsEditFile.noticeLines(errors.size()));
                    ctx.err().println(errors.size() + (errors.size() == 1 ? " problem" : " problems") + ": reopening the editor");
                    for (String line : lines) ctx.err().println("  " + line);
                    ctx.err().flush();
                    written = CorsEditFile.withNotice(CorsEditFile.notice("fix these problems and save; quit without saving to stop (the file is kept):", lines), mine);
                    if (!reopen(ctx, file, written)) return ExitCode.FAILURE;
                    stopped = "not pushed: the file still has the problems above it";
                    stoppedStatus = ExitCode.INVALID_INPUT;
                    continue;
                }

                CorsPush.Outcome outcome = CorsPush.forCommand(ctx, bucket, args).expecting(base).push(doc);
                switch (outcome.status()) {
                    case PUSHED, NO_CHANGES -> {
                        Files.deleteIfExists(file);
                        return CorsOutcomes.finish(ctx, args, bucket, outcome);
                    }
                    case DECLINED -> {
                        CorsOutcomes.finish(ctx, args, bucket, outcome);
                        return kept(ctx, file, "nothing pushed", ExitCode.FAILURE);
                    }
                    case CONFLICT -> {
                        ctx.err().println(outcome.message());
                        ctx.err().print(outcome.diff().render("s3://" + bucket + " (when the edit began)", "s3://" + bucket + " (now)"));
                        ctx.err().flush();
                        if (!ctx.prompter().interactive()
                                || !ctx.prompter().confirm("Reopen the editor with your text, to push it over the server's new configuration?")) {
                            return kept(ctx, file, "nothing pushed", ExitCode.FAILURE);
                        }
                        base = outcome.server();
                        written = CorsEditFile.withNotice(CorsEditFile.notice("s3://" + bucket + " changed on the server while you edited; your text is below, "
                                + "unchanged. To push it over the server's new configuration, delete this comment (and change what you like) "
                                + "and save; quit without saving to stop. What changed on the server:", outcome.diff().summary()), mine);
                        if (!reopen(ctx, file, written)) return ExitCode.FAILURE;
                        stopped = "not pushed: s3://" + bucket + " keeps the configuration set meanwhile";
                        stoppedStatus = ExitCode.FAILURE;
                    }
                }
            }
        } catch (Exception | Error e) {
            if (Files.exists(file)) ctx.err().println("your edit is kept in " + file);
            ctx.err().flush();
            throw e;
        }
    }

    /** What a bucket without CORS opens with: a comment and the public-read template. */
    static String starter() {
        return "<!-- s3://BUCKET has no CORS configuration yet. Below is a starter (public read); change it,\n"
                .replace("s3://BUCKET", "this bucket")
                + "     or replace it with 'cors template NAME' (public-read, tutorial, browser-upload, spa-dev). -->\n"
                + CorsTemplates.named("public-read").xml();
    }

    /**
     * The JSON a file opens with: the live rules, or the public-read starter. JSON holds no comment,
     * so the header (taken out before parsing) is the only place that says what the starter is.
     */
    static String startingJson(CorsConfiguration base) throws dev.s3sh.cors.CorsParseException {
        return CorsJson.write(base != null ? base : CorsParser.parse(CorsTemplates.named("public-read").xml(), "public-read"));
    }

    private static boolean isOnlyComments(String text) {
        return text.replaceAll("(?s)<!--.*?-->", "").isBlank();
    }

    private static int kept(CommandContext ctx, Path file, String what, int status) {
        ctx.err().println(what + "; your edit is kept in " + file);
        ctx.err().flush();
        return status;
    }

    /**
     * Puts the notice above the user's text for a reopen. The file is replaced whole, never cut: when
     * even that fails (a full disk), the file still holds what the user saved, and this says so.
     */
    private static boolean reopen(CommandContext ctx, Path file, byte[] text) {
        try {
            CorsEditFile.replace(file, text);
            return true;
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            kept(ctx, file, "cannot write the notice into the file to reopen it (" + why + "): nothing pushed", ExitCode.FAILURE);
            return false;
        }
    }
}
