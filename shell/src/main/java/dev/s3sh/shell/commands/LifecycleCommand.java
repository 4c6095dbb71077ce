package dev.s3sh.shell.commands;

import dev.s3sh.app.CorsHistory;
import dev.s3sh.app.CorsOutcome;
import dev.s3sh.app.LifecycleHistory;
import dev.s3sh.app.LifecycleNotice;
import dev.s3sh.app.LifecycleOutcome;
import dev.s3sh.app.LifecyclePorts;
import dev.s3sh.app.LifecycleService;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.InvalidInputException;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.lifecycle.Lifecycle;
import dev.s3sh.lifecycle.LifecycleDocument;
import dev.s3sh.lifecycle.LifecycleProblem;
import dev.s3sh.lifecycle.LifecycleTemplates;
import dev.s3sh.lifecycle.LifecycleValidator;
import dev.s3sh.lifecycle.LifecycleXml;
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
 * {@code lifecycle show|set|edit|rm|history|undo|restore|validate|diff|template} and s3cmd's
 * {@code setlifecycle FILE s3://B}, {@code getlifecycle s3://B}, {@code dellifecycle s3://B} and
 * {@code expire s3://B --expiry-days N}: each verb one registered command over {@link LifecycleService},
 * which does the work and returns a {@link LifecycleOutcome}.
 */
public final class LifecycleCommand implements Command {
    public enum Verb { SHOW, SET, EDIT, RM, HISTORY, UNDO, RESTORE, VALIDATE, DIFF, TEMPLATE, SETLIFECYCLE, GETLIFECYCLE, DELLIFECYCLE, EXPIRE }

    private final Verb verb;

    public LifecycleCommand(Verb verb) {
        this.verb = verb;
    }

    public static List<LifecycleCommand> all() {
        return java.util.Arrays.stream(Verb.values()).map(LifecycleCommand::new).toList();
    }

    @Override
    public CommandSpec spec() {
        CommandSpec.Builder b = switch (verb) {
            case SHOW -> CommandSpec.builder("lifecycle show").synopsis("lifecycle show [s3://BUCKET]")
                    .summary("print a bucket's lifecycle configuration (XML)").positional(ValueKind.BUCKET);
            case GETLIFECYCLE -> CommandSpec.builder("getlifecycle").synopsis("getlifecycle s3://BUCKET")
                    .summary("s3cmd's getlifecycle: print a bucket's lifecycle configuration").positional(ValueKind.BUCKET);
            case SET -> CommandSpec.builder("lifecycle set").synopsis("lifecycle set FILE [s3://BUCKET] [--yes]")
                    .summary("validate a lifecycle file, show the diff, push and verify it")
                    .help("Validates FILE as RGW would (errors stop it, exit 3: FILE:LINE:COLUMN: message), shows warnings and\n"
                            + "the diff, asks (--yes for scripts), saves the previous configuration to the local history\n"
                            + "('lifecycle history', 'lifecycle undo'), pushes, reads back and checks the server holds it.")
                    .positional(ValueKind.LOCAL_FILE).positional(ValueKind.BUCKET);
            case SETLIFECYCLE -> CommandSpec.builder("setlifecycle").synopsis("setlifecycle FILE s3://BUCKET")
                    .summary("s3cmd's setlifecycle: push a lifecycle file (as 'lifecycle set', without asking)")
                    .positional(ValueKind.LOCAL_FILE).positional(ValueKind.BUCKET);
            case EDIT -> CommandSpec.builder("lifecycle edit").synopsis("lifecycle edit [s3://BUCKET] [--yes]")
                    .summary("edit a bucket's lifecycle in $EDITOR: validate, diff, confirm, push, verify").positional(ValueKind.BUCKET);
            case RM -> CommandSpec.builder("lifecycle rm").synopsis("lifecycle rm [s3://BUCKET] [--yes]")
                    .summary("remove a bucket's lifecycle configuration (saved first; 'lifecycle undo' puts it back)").positional(ValueKind.BUCKET);
            case DELLIFECYCLE -> CommandSpec.builder("dellifecycle").synopsis("dellifecycle s3://BUCKET")
                    .summary("s3cmd's dellifecycle: remove a bucket's lifecycle without asking (saved first)").positional(ValueKind.BUCKET);
            case EXPIRE -> CommandSpec.builder("expire").synopsis("expire s3://BUCKET [--expiry-days N | --expiry-date YYYY-MM-DD] [--expiry-prefix P]")
                    .summary("s3cmd's expire: make the lifecycle one expiration rule; with no days or date, remove it")
                    .help("As s3cmd: the bucket's whole lifecycle configuration becomes one rule expiring objects (under P)\n"
                            + "N days after they were written, or on a date; without --expiry-days or --expiry-date it is removed.\n"
                            + "The previous configuration is saved first: 'lifecycle undo' puts it back.")
                    .option(OptionSpec.value("expiry-days", ValueKind.TEXT, "days after writing an object expires"))
                    .option(OptionSpec.value("expiry-date", ValueKind.TEXT, "the day objects expire (YYYY-MM-DD)"))
                    .option(OptionSpec.value("expiry-prefix", ValueKind.TEXT, "only objects under this prefix"))
                    .positional(ValueKind.BUCKET);
            case HISTORY -> CommandSpec.builder("lifecycle history").synopsis("lifecycle history [s3://BUCKET]")
                    .summary("the lifecycle configurations saved before each push, newest first").positional(ValueKind.BUCKET);
            case UNDO -> CommandSpec.builder("lifecycle undo").synopsis("lifecycle undo [s3://BUCKET] [--yes]")
                    .summary("put back the lifecycle the bucket held before the last push").positional(ValueKind.BUCKET);
            case RESTORE -> CommandSpec.builder("lifecycle restore").synopsis("lifecycle restore N [s3://BUCKET] [--yes]")
                    .summary("put back entry N of 'lifecycle history'").positional(ValueKind.TEXT).positional(ValueKind.BUCKET);
            case VALIDATE -> CommandSpec.builder("lifecycle validate").synopsis("lifecycle validate FILE")
                    .summary("check a lifecycle file as RGW would, and lint it")
                    .help("Exit 0 when RGW takes the configuration (warnings are printed), 3 with one FILE:LINE:COLUMN: message\n"
                            + "line per problem when it does not.")
                    .positional(ValueKind.LOCAL_FILE);
            case DIFF -> CommandSpec.builder("lifecycle diff").synopsis("lifecycle diff FILE [s3://BUCKET]")
                    .summary("show how a lifecycle file differs from the bucket's").positional(ValueKind.LOCAL_FILE).positional(ValueKind.BUCKET);
            case TEMPLATE -> CommandSpec.builder("lifecycle template")
                    .synopsis("lifecycle template [NAME [s3://BUCKET]] [--days N] [--prefix P] [--apply [--yes]]")
                    .summary("print (or --apply) a starting lifecycle: expire, abort-incomplete-uploads")
                    .option(OptionSpec.value("days", ValueKind.TEXT, "the number of days (expire: 30, abort-incomplete-uploads: 7)"))
                    .option(OptionSpec.value("prefix", ValueKind.TEXT, "only objects (or uploads) under this prefix"))
                    .option(OptionSpec.flag("apply", null, "push the template to the bucket (confirmed, saved, verified)"))
                    .positional(ValueKind.choice("expire", "abort-incomplete-uploads")).positional(ValueKind.BUCKET);
        };
        return b.build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws Exception {
        List<String> pos = args.positionals();
        String name = spec().name();
        boolean yes = args.has("yes");
        return switch (verb) {
            case SHOW, GETLIFECYCLE -> {
                if (verb == Verb.GETLIFECYCLE && pos.size() != 1) throw new UsageException(name + ": " + spec().synopsis());
                String bucket = bucket(ctx, pos, 0, 1);
                Lifecycle lc = service(ctx, args).show(bucket).orElse(null);
                if (args.json()) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("bucket", bucket);
                    doc.put("lifecycle", lc == null ? null : LifecycleXml.write(lc));
                    ctx.printJson(doc);
                } else if (lc == null) {
                    ctx.out().println("s3://" + TerminalText.visible(bucket) + " has no lifecycle configuration");
                } else {
                    printLines(ctx.out(), LifecycleXml.write(lc));
                }
                yield ExitCode.OK;
            }
            case SET, SETLIFECYCLE -> {
                if (pos.isEmpty() || pos.size() > 2 || verb == Verb.SETLIFECYCLE && pos.size() != 2) throw new UsageException(name + ": " + spec().synopsis());
                if (pos.get(0).startsWith("s3://")) throw new UsageException("the file comes first: " + spec().synopsis());
                String bucket = bucket(ctx, pos, 1, 2);
                yield finish(ctx, args, service(ctx, args).set(bucket, read(pos.get(0)), yes, verb == Verb.SET));
            }
            case RM, DELLIFECYCLE -> {
                if (verb == Verb.DELLIFECYCLE && pos.size() != 1) throw new UsageException(name + ": " + spec().synopsis());
                yield finish(ctx, args, service(ctx, args).remove(bucket(ctx, pos, 0, 1), yes, verb == Verb.RM));
            }
            case EXPIRE -> expire(ctx, args, pos);
            case EDIT -> finish(ctx, args, service(ctx, args).edit(bucket(ctx, pos, 0, 1), yes));
            case UNDO -> finish(ctx, args, service(ctx, args).restore(bucket(ctx, pos, 0, 1), 1, true, yes));
            case RESTORE -> {
                int n;
                try {
                    n = Integer.parseInt(pos.isEmpty() ? "" : pos.get(0));
                } catch (NumberFormatException e) {
                    throw new UsageException("lifecycle restore needs the entry number 'lifecycle history' lists: " + spec().synopsis());
                }
                yield finish(ctx, args, service(ctx, args).restore(bucket(ctx, pos, 1, 2), n, false, yes));
            }
            case HISTORY -> {
                String bucket = bucket(ctx, pos, 0, 1);
                LifecycleHistory.Listing listing = service(ctx, args).history(bucket);
                for (CorsHistory.Skipped s : listing.skipped()) ctx.err().println(CorsOutcomes.skipped(s));
                if (args.json()) {
                    DocumentJson.history(ctx, bucket, listing.entries().stream()
                            .map(e -> DocumentJson.entry(e.number(), e.time(), e.summary(), e.change())).toList());
                    yield ExitCode.OK;
                }
                if (listing.entries().isEmpty()) ctx.out().println("s3://" + TerminalText.visible(bucket) + ": no saved lifecycle configurations");
                for (LifecycleHistory.Entry e : listing.entries()) {
                    ctx.out().println(e.number() + "  " + e.time() + "  " + TerminalText.visible(e.summary())
                            + (e.change().isEmpty() ? "" : "  (then: " + TerminalText.visible(e.change()) + ")"));
                }
                yield ExitCode.OK;
            }
            case VALIDATE -> {
                if (pos.size() != 1) throw new UsageException(name + " needs FILE: " + spec().synopsis());
                List<LifecycleProblem> problems = LifecycleValidator.validate(read(pos.get(0)));
                List<LifecycleProblem> errors = LifecycleValidator.errors(problems);
                for (LifecycleProblem p : problems) if (!p.isError()) ctx.err().println(TerminalText.visible(p.render()));
                ctx.err().flush();
                if (!errors.isEmpty()) throw invalid(pos.get(0), errors);
                if (args.json()) {
                    ctx.printJson(Map.of("file", pos.get(0), "valid", true,
                            "warnings", problems.stream().map(LifecycleProblem::render).toList()));
                    yield ExitCode.OK;
                }
                ctx.out().println(TerminalText.visible(pos.get(0)) + ": valid");
                yield ExitCode.OK;
            }
            case DIFF -> {
                if (pos.isEmpty() || pos.size() > 2) throw new UsageException(name + ": " + spec().synopsis());
                LifecycleDocument doc = read(pos.get(0));
                if (!doc.readable()) throw invalid(pos.get(0), LifecycleValidator.errors(doc.problems()));
                String bucket = bucket(ctx, pos, 1, 2);
                Lifecycle live = service(ctx, args).show(bucket).orElse(null);
                PolicyDiff diff = LifecycleService.diff(live, doc.lifecycle());
                if (args.json()) {
                    DocumentJson.diff(ctx, bucket, pos.get(0), diff);
                    yield ExitCode.OK;
                }
                printLines(ctx.out(), diff.same() ? "no differences\n" : diff.render("s3://" + bucket + " (server)", pos.get(0)));
                yield ExitCode.OK;
            }
            case TEMPLATE -> template(ctx, args, pos);
        };
    }

    private int expire(CommandContext ctx, ParsedArgs args, List<String> pos) {
        if (pos.size() != 1) throw new UsageException("expire: " + spec().synopsis());
        String bucket = bucket(ctx, pos, 0, 1);
        String days = args.value("expiry-days", null);
        String date = args.value("expiry-date", null);
        String prefix = args.value("expiry-prefix", null);
        if (days != null && date != null) throw new UsageException("expire takes --expiry-days or --expiry-date, not both");
        LifecycleService service = service(ctx, args);
        if (days == null && date == null) {
            if (prefix != null) throw new UsageException("expire --expiry-prefix needs --expiry-days N or --expiry-date YYYY-MM-DD");
            return finish(ctx, args, service.remove(bucket, true, false));
        }
        if (date != null) return finish(ctx, args, service.expireOn(bucket, date, prefix));
        int n;
        try {
            n = Integer.parseInt(days);
        } catch (NumberFormatException e) {
            throw new UsageException("--expiry-days is a whole number of days, 1 or more; '" + days + "' is not");
        }
        if (n < 1) throw new UsageException("--expiry-days is a whole number of days, 1 or more; '" + days + "' is not");
        return finish(ctx, args, service.expire(bucket, n, prefix));
    }

    private int template(CommandContext ctx, ParsedArgs args, List<String> pos) {
        if (pos.isEmpty() && args.json()) {
            ctx.printJson(Map.of("templates", LifecycleTemplates.ALL.stream()
                    .map(t -> Map.of("name", t.name(), "description", t.description())).toList()));
            return ExitCode.OK;
        }
        if (pos.isEmpty()) {
            for (LifecycleTemplates.Template t : LifecycleTemplates.ALL) ctx.out().println(t.name() + "  " + t.description());
            return ExitCode.OK;
        }
        String bucket = args.has("apply") ? bucket(ctx, pos, 1, 2) : null;
        if (!args.has("apply") && pos.size() > 2) throw new UsageException("too many arguments: " + spec().synopsis());
        String days = args.value("days", pos.get(0).equals("expire") ? "30" : "7");
        int n;
        try {
            n = Integer.parseInt(days);
        } catch (NumberFormatException e) {
            throw new UsageException("--days is a whole number of days, 1 or more; '" + days + "' is not");
        }
        try {
            if (bucket != null) {
                return finish(ctx, args, service(ctx, args).applyTemplate(bucket, pos.get(0), n, args.value("prefix", null), args.has("yes")));
            }
            String xml = LifecycleXml.write(LifecycleTemplates.lifecycle(pos.get(0), n, args.value("prefix", null)));
            if (args.json()) {
                // the form 'lifecycle show' gives: the document as RGW takes it
                ctx.printJson(Map.of("template", pos.get(0), "lifecycle", xml));
                return ExitCode.OK;
            }
            printLines(ctx.out(), xml);
            return ExitCode.OK;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Multi-line text, each line through the one escaping path. */
    private static void printLines(PrintWriter out, String text) {
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) out.println(TerminalText.visible(line));
        }
    }

    private static InvalidInputException invalid(String source, List<LifecycleProblem> errors) {
        return new InvalidInputException(source + ": " + errors.size() + (errors.size() == 1 ? " problem" : " problems")
                + "; RGW would refuse it", errors.stream().map(LifecycleProblem::render).toList());
    }

    private String bucket(CommandContext ctx, List<String> pos, int index, int max) {
        if (pos.size() > max) throw new UsageException("too many arguments: " + spec().synopsis());
        return CorsSource.bucket(ctx, pos.size() > index ? pos.get(index) : null, spec().name());
    }

    static LifecycleDocument read(String file) {
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) throw new IOException("is a directory");
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(LifecycleDocument.MAX_BYTES + 1);
            }
            return LifecycleDocument.read(bytes, file);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UsageException("cannot read " + file + ": " + (e instanceof IOException io ? CorsSource.unreadable(io) : e.getMessage()));
        }
    }

    private static LifecycleService service(CommandContext ctx, ParsedArgs args) {
        return new LifecycleService(ctx.session(), ctx.stateDir(), new Ports(ctx, args.json() ? ctx.err() : ctx.out()));
    }

    private static int finish(CommandContext ctx, ParsedArgs args, LifecycleOutcome outcome) {
        if (outcome instanceof LifecycleOutcome.Invalid invalid) throw new InvalidInputException(invalid.message(), invalid.problems());
        if (outcome instanceof LifecycleOutcome.Unconfirmed || outcome instanceof LifecycleOutcome.NotInHistory) {
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
        if (outcome instanceof LifecycleOutcome.Kept kept && kept.because() == CorsOutcome.KeptBecause.STILL_INVALID) {
            return ExitCode.INVALID_INPUT;
        }
        return ok ? ExitCode.OK : ExitCode.FAILURE;
    }

    private record Ports(CommandContext ctx, PrintWriter talk) implements LifecyclePorts {
        @Override
        public void tell(LifecycleNotice notice) {
            if (notice instanceof LifecycleNotice.Change c) {
                for (LifecycleProblem p : c.warnings()) talk.println(TerminalText.visible(p.render()));
                String where = "s3://" + c.bucket();
                printLines(talk, c.diff().render(where + " (server)", where + " (new)"));
            } else if (notice instanceof LifecycleNotice.Restoring r) {
                talk.println((r.undo() ? "undo: " : "restore: ") + "putting back " + TerminalText.visible(r.entry().summary())
                        + " (saved " + r.entry().time() + ")");
            } else if (notice instanceof LifecycleNotice.HistorySkipped s) {
                ctx.err().println(CorsOutcomes.skipped(s.skipped()));
            } else if (notice instanceof LifecycleNotice.Reopening r) {
                ctx.err().println(r.problems().size() + (r.problems().size() == 1 ? " problem" : " problems") + ": reopening the editor");
                for (String line : r.problems()) ctx.err().println("  " + TerminalText.visible(line));
            } else if (notice instanceof LifecycleNotice.EditKept k) {
                ctx.err().println("your edit is kept in " + TerminalText.visible(k.file().toString()));
            }
            talk.flush();
            ctx.err().flush();
        }

        @Override
        public boolean interactive() {
            return ctx.prompter().interactive();
        }

        @Override
        public boolean confirm(String question) {
            return ctx.prompter().confirm(question);
        }

        @Override
        public void editFile(Path file) throws Exception {
            ctx.editor().edit(file);
        }
    }
}
