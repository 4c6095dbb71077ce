package dev.s3sh.shell.commands;

import dev.s3sh.app.BucketDocument;
import dev.s3sh.app.DocumentHistory;
import dev.s3sh.app.DocumentNotice;
import dev.s3sh.app.DocumentOutcome;
import dev.s3sh.app.DocumentService;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.InvalidInputException;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.policy.PolicyDiff;
import dev.s3sh.text.TerminalText;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verbs {@code policy} and {@code lifecycle} share (show, set, rm, edit, undo, restore, history,
 * validate, diff), over {@link DocumentService}, and their text and JSON rendering. Each command
 * keeps its own names, help and extra verbs and hands the shared ones here with the bucket resolved.
 */
final class DocumentVerbs<D> {
    private final BucketDocument<D> kind;

    DocumentVerbs(BucketDocument<D> kind) {
        this.kind = kind;
    }

    DocumentService<D> service(CommandContext ctx, ParsedArgs args) {
        return new DocumentService<>(kind, ctx.session(), ctx.stateDir(), new Ports<>(ctx, args.json() ? ctx.err() : ctx.out()));
    }

    /** The verbs both commands have. */
    enum Shared { SHOW, SET, RM, EDIT, UNDO, RESTORE, HISTORY, DIFF }

    /**
     * Runs {@code verb} for the command {@code spec} names; {@code s3cmd}: s3cmd's spelling of it
     * ({@code setpolicy}, {@code delpolicy}, {@code getlifecycle}, ...): exact arguments, no question.
     */
    int run(Shared verb, boolean s3cmd, CommandContext ctx, ParsedArgs args, CommandSpec spec) throws Exception {
        List<String> pos = args.positionals();
        String usage = spec.name() + ": " + spec.synopsis();
        boolean yes = args.has("yes");
        return switch (verb) {
            case SHOW -> {
                if (s3cmd && pos.size() != 1) throw new UsageException(usage);
                yield show(ctx, args, bucket(ctx, spec, pos, 0, 1));
            }
            case SET -> {
                if (pos.isEmpty() || pos.size() > 2 || s3cmd && pos.size() != 2) throw new UsageException(usage);
                if (pos.get(0).startsWith("s3://")) throw new UsageException("the file comes first: " + spec.synopsis());
                String bucket = bucket(ctx, spec, pos, 1, 2);
                yield finish(ctx, args, service(ctx, args).set(bucket, read(pos.get(0), bucket), yes, !s3cmd));
            }
            case RM -> {
                if (s3cmd && pos.size() != 1) throw new UsageException(usage);
                yield finish(ctx, args, service(ctx, args).remove(bucket(ctx, spec, pos, 0, 1), yes, !s3cmd));
            }
            case EDIT -> finish(ctx, args, service(ctx, args).edit(bucket(ctx, spec, pos, 0, 1), yes));
            case UNDO -> finish(ctx, args, service(ctx, args).restore(bucket(ctx, spec, pos, 0, 1), 1, true, yes));
            case RESTORE -> {
                int n;
                try {
                    n = Integer.parseInt(pos.isEmpty() ? "" : pos.get(0));
                } catch (NumberFormatException e) {
                    throw new UsageException(kind.command() + " restore needs the entry number '" + kind.command() + " history' lists: "
                            + spec.synopsis());
                }
                yield finish(ctx, args, service(ctx, args).restore(bucket(ctx, spec, pos, 1, 2), n, false, yes));
            }
            case HISTORY -> history(ctx, args, bucket(ctx, spec, pos, 0, 1));
            case DIFF -> {
                if (pos.isEmpty() || pos.size() > 2) throw new UsageException(usage);
                yield diff(ctx, args, pos.get(0), bucket(ctx, spec, pos, 1, 2));
            }
        };
    }

    /** Argument {@code index} as a bucket (the current one when absent); more than {@code max} arguments is a usage error. */
    static String bucket(CommandContext ctx, CommandSpec spec, List<String> pos, int index, int max) {
        if (pos.size() > max) throw new UsageException("too many arguments: " + spec.synopsis());
        return CorsSource.bucket(ctx, pos.size() > index ? pos.get(index) : null, spec.name());
    }

    int show(CommandContext ctx, ParsedArgs args, String bucket) {
        D document = service(ctx, args).show(bucket).orElse(null);
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("bucket", bucket);
            doc.put(kind.command(), document == null ? null : kind.toHistory(document));
            ctx.printJson(doc);
        } else if (document == null) {
            ctx.out().println("s3://" + TerminalText.visible(bucket) + " has no " + kind.noun());
        } else {
            printLines(ctx.out(), kind.render(document));
        }
        return ExitCode.OK;
    }

    int history(CommandContext ctx, ParsedArgs args, String bucket) throws IOException {
        DocumentHistory.Listing<D> listing = service(ctx, args).history(bucket);
        for (var s : listing.skipped()) ctx.err().println(CorsOutcomes.skipped(s));
        if (args.json()) {
            List<Map<String, Object>> entries = listing.entries().stream().map(e -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("number", e.number());
                entry.put("time", String.valueOf(e.time()));
                entry.put("summary", e.summary());
                entry.put("change", e.change());
                return entry;
            }).toList();
            ctx.printJson(Map.of("bucket", bucket, "entries", entries));
            return ExitCode.OK;
        }
        if (listing.entries().isEmpty()) ctx.out().println("s3://" + TerminalText.visible(bucket) + ": no saved " + kind.nouns());
        for (DocumentHistory.Entry<D> e : listing.entries()) {
            ctx.out().println(e.number() + "  " + e.time() + "  " + TerminalText.visible(e.summary())
                    + (e.change().isEmpty() ? "" : "  (then: " + TerminalText.visible(e.change()) + ")"));
        }
        return ExitCode.OK;
    }

    /** Exit 0 with the warnings printed (as JSON with --output json), 3 with the problems; {@code refusal} ends the sentence that counts them. */
    int validate(CommandContext ctx, ParsedArgs args, String file, String bucket, String refusal) {
        BucketDocument.Draft<D> draft = read(file, bucket);
        for (String w : draft.warnings()) ctx.err().println(TerminalText.visible(w));
        ctx.err().flush();
        if (!draft.valid()) {
            int n = draft.errors().size();
            throw new InvalidInputException(file + ": " + n + (n == 1 ? " problem" : " problems") + refusal, draft.errors());
        }
        if (args.json()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("file", file);
            answer.put("valid", true);
            answer.put("bucket", bucket);
            answer.put("warnings", draft.warnings());
            ctx.printJson(answer);
            return ExitCode.OK;
        }
        ctx.out().println(TerminalText.visible(file) + ": valid" + (bucket == null ? "" : " for s3://" + TerminalText.visible(bucket)));
        return ExitCode.OK;
    }

    int diff(CommandContext ctx, ParsedArgs args, String file, String bucket) {
        BucketDocument.Draft<D> draft = read(file, bucket);
        if (draft.document() == null) throw new InvalidInputException(file + " is not a readable " + kind.noun(), draft.errors());
        PolicyDiff diff = kind.diff(service(ctx, args).show(bucket).orElse(null), draft.document());
        if (args.json()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("bucket", bucket);
            answer.put("file", file);
            answer.put("same", diff.same());
            answer.put("diff", diff.same() ? null : diff.render("s3://" + bucket + " (server)", file));
            ctx.printJson(answer);
            return ExitCode.OK;
        }
        printLines(ctx.out(), diff.same() ? "no differences\n" : diff.render("s3://" + bucket + " (server)", file));
        return ExitCode.OK;
    }

    /** The file read and judged for {@code bucket}; a file that cannot be read at all is a usage error. */
    BucketDocument.Draft<D> read(String file, String bucket) {
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) throw new IOException("is a directory");
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(kind.maxBytes() + 1);
            }
            return kind.read(bytes, file, bucket);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UsageException("cannot read " + file + ": " + (e instanceof IOException io ? CorsSource.unreadable(io) : e.getMessage()));
        }
    }

    /** Renders an outcome: invalid input exit 3, a refused question or history number a usage error, else the one-line report. */
    static int finish(CommandContext ctx, ParsedArgs args, DocumentOutcome<?> outcome) {
        if (outcome instanceof DocumentOutcome.Invalid<?> invalid) throw new InvalidInputException(invalid.message(), invalid.problems());
        if (outcome instanceof DocumentOutcome.Unconfirmed || outcome instanceof DocumentOutcome.NotInHistory) {
            throw new UsageException(outcome.message());
        }
        boolean ok = outcome.succeeded();
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("bucket", outcome.bucket());
            doc.put("status", outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT));
            doc.put("message", outcome.message());
            ctx.printJson(doc);
        } else {
            (ok ? ctx.out() : ctx.err()).println(TerminalText.visible(outcome.message()));
        }
        ctx.out().flush();
        ctx.err().flush();
        if (outcome instanceof DocumentOutcome.Kept<?> kept && kept.because() == dev.s3sh.app.CorsOutcome.KeptBecause.STILL_INVALID) {
            return ExitCode.INVALID_INPUT;
        }
        return ok ? ExitCode.OK : ExitCode.FAILURE;
    }

    /** Multi-line text, each line through the one escaping path. */
    static void printLines(PrintWriter out, String text) {
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) out.println(TerminalText.visible(line));
        }
    }

    /** The command's side of the ports: the change and what is put back where the command talks, the rest to the error stream. */
    private static final class Ports<D> extends CommandPorts<DocumentNotice<D>> {
        private final PrintWriter talk;

        Ports(CommandContext ctx, PrintWriter talk) {
            super(ctx);
            this.talk = talk;
        }

        @Override
        public void tell(DocumentNotice<D> notice) {
            PrintWriter to = notice instanceof DocumentNotice.Change || notice instanceof DocumentNotice.Restoring ? talk : ctx.err();
            for (String line : notice.lines()) to.println(TerminalText.visible(line));
            to.flush();
        }
    }
}
