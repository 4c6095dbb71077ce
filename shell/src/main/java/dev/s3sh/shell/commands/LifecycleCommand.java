package dev.s3sh.shell.commands;

import dev.s3sh.app.BucketLifecycle;
import dev.s3sh.app.DocumentService;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.lifecycle.Lifecycle;
import dev.s3sh.lifecycle.LifecycleTemplates;
import dev.s3sh.lifecycle.LifecycleXml;

import java.util.List;
import java.util.Map;

/**
 * {@code lifecycle show|set|edit|rm|history|undo|restore|validate|diff|template} and s3cmd's
 * {@code setlifecycle FILE s3://B}, {@code getlifecycle s3://B}, {@code dellifecycle s3://B} and
 * {@code expire s3://B --expiry-days N}: each verb one registered command; the shared verbs are
 * {@link DocumentVerbs} over the generic {@code DocumentService} for {@link BucketLifecycle}.
 */
public final class LifecycleCommand implements Command {
    public enum Verb {
        SHOW(DocumentVerbs.Shared.SHOW), SET(DocumentVerbs.Shared.SET), EDIT(DocumentVerbs.Shared.EDIT), RM(DocumentVerbs.Shared.RM),
        HISTORY(DocumentVerbs.Shared.HISTORY), UNDO(DocumentVerbs.Shared.UNDO), RESTORE(DocumentVerbs.Shared.RESTORE), VALIDATE(null),
        DIFF(DocumentVerbs.Shared.DIFF), TEMPLATE(null), SETLIFECYCLE(DocumentVerbs.Shared.SET), GETLIFECYCLE(DocumentVerbs.Shared.SHOW),
        DELLIFECYCLE(DocumentVerbs.Shared.RM), EXPIRE(null);

        /** The shared verb this one is (null: the command's own); s3cmd's spellings are those after TEMPLATE. */
        private final DocumentVerbs.Shared shared;

        Verb(DocumentVerbs.Shared shared) {
            this.shared = shared;
        }
    }

    private static final DocumentVerbs<Lifecycle> VERBS = new DocumentVerbs<>(BucketLifecycle.KIND);

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
        if (verb.shared != null) return VERBS.run(verb.shared, verb.compareTo(Verb.TEMPLATE) > 0, ctx, args, spec());
        return switch (verb) {
            case VALIDATE -> {
                if (pos.size() != 1) throw new UsageException(spec().name() + " needs FILE: " + spec().synopsis());
                yield VERBS.validate(ctx, args, pos.get(0), null, "; RGW would refuse it");
            }
            case EXPIRE -> expire(ctx, args, pos);
            case TEMPLATE -> template(ctx, args, pos);
            default -> throw new IllegalStateException(verb.name());
        };
    }

    private int expire(CommandContext ctx, ParsedArgs args, List<String> pos) {
        if (pos.size() != 1) throw new UsageException("expire: " + spec().synopsis());
        String bucket = bucket(ctx, pos, 0, 1);
        String days = args.value("expiry-days", null);
        String date = args.value("expiry-date", null);
        String prefix = args.value("expiry-prefix", null);
        if (days != null && date != null) throw new UsageException("expire takes --expiry-days or --expiry-date, not both");
        DocumentService<Lifecycle> service = VERBS.service(ctx, args);
        if (days == null && date == null) {
            if (prefix != null) throw new UsageException("expire --expiry-prefix needs --expiry-days N or --expiry-date YYYY-MM-DD");
            return DocumentVerbs.finish(ctx, args, service.remove(bucket, true, false));
        }
        // s3cmd's expire: the bucket's lifecycle becomes one rule, without asking; a bad date is refused as any file's
        if (date != null) {
            return DocumentVerbs.finish(ctx, args, service.set(bucket, oneRule(LifecycleTemplates.expireOn(date, prefix)), "--expiry-date", true, false));
        }
        int n;
        try {
            n = Integer.parseInt(days);
        } catch (NumberFormatException e) {
            throw new UsageException("--expiry-days is a whole number of days, 1 or more; '" + days + "' is not");
        }
        if (n < 1) throw new UsageException("--expiry-days is a whole number of days, 1 or more; '" + days + "' is not");
        return DocumentVerbs.finish(ctx, args, service.set(bucket, oneRule(LifecycleTemplates.expire(n, prefix)), "expire", true, false));
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
            Lifecycle lc = LifecycleTemplates.lifecycle(pos.get(0), n, args.value("prefix", null));
            if (bucket != null) {
                return DocumentVerbs.finish(ctx, args, VERBS.service(ctx, args).set(bucket, lc, "template " + pos.get(0), args.has("yes"), true));
            }
            if (args.json()) {
                // the form 'lifecycle show' gives: the document as RGW takes it
                ctx.printJson(Map.of("template", pos.get(0), "lifecycle", LifecycleXml.write(lc)));
                return ExitCode.OK;
            }
            DocumentVerbs.printLines(ctx.out(), LifecycleXml.write(lc));
            return ExitCode.OK;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Lifecycle oneRule(Lifecycle.Rule rule) {
        return new Lifecycle(List.of(rule));
    }

    private String bucket(CommandContext ctx, List<String> pos, int index, int max) {
        return DocumentVerbs.bucket(ctx, spec(), pos, index, max);
    }
}
