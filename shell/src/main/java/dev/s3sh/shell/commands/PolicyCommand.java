package dev.s3sh.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3sh.app.CorsHistory;
import dev.s3sh.app.PolicyHistory;
import dev.s3sh.app.PolicyNotice;
import dev.s3sh.app.PolicyOutcome;
import dev.s3sh.app.PolicyPorts;
import dev.s3sh.app.PolicyService;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.InvalidInputException;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.policy.Policy;
import dev.s3sh.policy.PolicyDiff;
import dev.s3sh.policy.PolicyDocument;
import dev.s3sh.policy.PolicyEvaluator;
import dev.s3sh.policy.PolicyProblem;
import dev.s3sh.policy.PolicyTemplates;
import dev.s3sh.policy.PolicyValidator;
import dev.s3sh.session.S3Path;
import dev.s3sh.text.TerminalText;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code policy show|set|edit|rm|history|undo|restore|validate|diff|template|check} and s3cmd's
 * {@code setpolicy FILE s3://B} / {@code delpolicy s3://B}: each verb one registered command over
 * {@link PolicyService}, which does the work and returns a {@link PolicyOutcome}.
 */
public final class PolicyCommand implements Command {
    public enum Verb { SHOW, SET, EDIT, RM, HISTORY, UNDO, RESTORE, VALIDATE, DIFF, TEMPLATE, CHECK, SETPOLICY, DELPOLICY }

    private final Verb verb;

    public PolicyCommand(Verb verb) {
        this.verb = verb;
    }

    public static List<PolicyCommand> all() {
        return java.util.Arrays.stream(Verb.values()).map(PolicyCommand::new).toList();
    }

    @Override
    public CommandSpec spec() {
        CommandSpec.Builder b = switch (verb) {
            case SHOW -> CommandSpec.builder("policy show").synopsis("policy show [s3://BUCKET]")
                    .summary("print a bucket's policy (JSON)").positional(ValueKind.BUCKET);
            case SET -> CommandSpec.builder("policy set").synopsis("policy set FILE [s3://BUCKET] [--yes]")
                    .summary("validate a policy file, show the diff, push and verify it")
                    .help("Validates FILE for RGW and for the bucket (errors stop it, exit 3: FILE:LINE:COLUMN: message), shows\n"
                            + "warnings and the diff, asks (--yes for scripts), saves the previous policy to the local history\n"
                            + "('policy history', 'policy undo'), pushes, reads back and checks the server holds the same policy.")
                    .positional(ValueKind.LOCAL_FILE).positional(ValueKind.BUCKET);
            case SETPOLICY -> CommandSpec.builder("setpolicy").synopsis("setpolicy FILE s3://BUCKET")
                    .summary("s3cmd's setpolicy: push a policy file (as 'policy set', without asking)")
                    .positional(ValueKind.LOCAL_FILE).positional(ValueKind.BUCKET);
            case EDIT -> CommandSpec.builder("policy edit").synopsis("policy edit [s3://BUCKET] [--yes]")
                    .summary("edit a bucket's policy in $EDITOR: validate, diff, confirm, push, verify").positional(ValueKind.BUCKET);
            case RM -> CommandSpec.builder("policy rm").synopsis("policy rm [s3://BUCKET] [--yes]")
                    .summary("remove a bucket's policy (saved first; 'policy undo' puts it back)").positional(ValueKind.BUCKET);
            case DELPOLICY -> CommandSpec.builder("delpolicy").synopsis("delpolicy s3://BUCKET")
                    .summary("s3cmd's delpolicy: remove a bucket's policy without asking (saved first)").positional(ValueKind.BUCKET);
            case HISTORY -> CommandSpec.builder("policy history").synopsis("policy history [s3://BUCKET]")
                    .summary("the policies saved before each push, newest first").positional(ValueKind.BUCKET);
            case UNDO -> CommandSpec.builder("policy undo").synopsis("policy undo [s3://BUCKET] [--yes]")
                    .summary("put back the policy the bucket held before the last push").positional(ValueKind.BUCKET);
            case RESTORE -> CommandSpec.builder("policy restore").synopsis("policy restore N [s3://BUCKET] [--yes]")
                    .summary("put back entry N of 'policy history'").positional(ValueKind.TEXT).positional(ValueKind.BUCKET);
            case VALIDATE -> CommandSpec.builder("policy validate").synopsis("policy validate FILE [--bucket BUCKET]")
                    .summary("check a policy file as RGW would; with --bucket also that it can apply to that bucket")
                    .help("Exit 0 when RGW takes the policy (warnings are printed), 3 with one FILE:LINE:COLUMN: message line per\n"
                            + "problem when it does not, or when --bucket is given and a statement cannot apply to that bucket.")
                    .option(OptionSpec.value("bucket", ValueKind.BUCKET, "the bucket the policy is meant for"))
                    .positional(ValueKind.LOCAL_FILE);
            case DIFF -> CommandSpec.builder("policy diff").synopsis("policy diff FILE [s3://BUCKET]")
                    .summary("show how a policy file differs from the bucket's policy").positional(ValueKind.LOCAL_FILE).positional(ValueKind.BUCKET);
            case TEMPLATE -> CommandSpec.builder("policy template").synopsis("policy template [NAME [s3://BUCKET]] [--user USER] [--apply [--yes]]")
                    .summary("print (or --apply) a starting policy: public-read, read-only-user, deny-insecure-transport")
                    .option(OptionSpec.value("user", ValueKind.TEXT, "read-only-user: the user name or IAM ARN"))
                    .option(OptionSpec.flag("apply", null, "push the template to the bucket (confirmed, saved, verified)"))
                    .positional(ValueKind.choice("public-read", "read-only-user", "deny-insecure-transport")).positional(ValueKind.BUCKET);
            case CHECK -> CommandSpec.builder("policy check")
                    .synopsis("policy check (s3://BUCKET[/KEY] | --file FILE --bucket B [--key K]) (--anonymous | --principal ARN) --action s3:ACTION [--secure]")
                    .summary("tell whether the bucket policy allows a request, and which statement decides")
                    .help("Decides as RGW does: an explicit Deny wins, then an Allow; when no statement applies the bucket's ACL\n"
                            + "decides (a private bucket lets only its owner in). --principal is an ARN such as arn:aws:iam:::user/NAME.\n"
                            + "--secure says the request comes over HTTPS (aws:SecureTransport). Exit 0 whether allowed or denied.")
                    .option(OptionSpec.flag("anonymous", null, "an unsigned request"))
                    .option(OptionSpec.value("principal", ValueKind.TEXT, "the signing user's ARN"))
                    .option(OptionSpec.value("action", ValueKind.TEXT, "the action, e.g. s3:GetObject"))
                    .option(OptionSpec.value("file", ValueKind.LOCAL_FILE, "judge this policy file instead of the bucket's"))
                    .option(OptionSpec.value("bucket", ValueKind.BUCKET, "with --file: the bucket"))
                    .option(OptionSpec.value("key", ValueKind.TEXT, "with --file: the object key"))
                    .option(OptionSpec.flag("secure", null, "the request comes over HTTPS"))
                    .positional(ValueKind.S3_PATH);
        };
        return b.build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws Exception {
        List<String> pos = args.positionals();
        String name = spec().name();
        boolean yes = args.has("yes");
        return switch (verb) {
            case SHOW -> {
                String bucket = bucket(ctx, pos, 0, 1);
                JsonNode policy = service(ctx, args).show(bucket).orElse(null);
                if (args.json()) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("bucket", bucket);
                    doc.put("policy", policy);
                    ctx.printJson(doc);
                } else if (policy == null) {
                    ctx.out().println("s3://" + TerminalText.visible(bucket) + " has no policy");
                } else {
                    printLines(ctx.out(), PolicyDocument.pretty(policy));
                }
                yield ExitCode.OK;
            }
            case SET, SETPOLICY -> {
                if (pos.isEmpty() || pos.size() > 2 || verb == Verb.SETPOLICY && pos.size() != 2) throw new UsageException(name + ": " + spec().synopsis());
                if (pos.get(0).startsWith("s3://")) throw new UsageException("the file comes first: " + spec().synopsis());
                String bucket = bucket(ctx, pos, 1, 2);
                yield finish(ctx, args, service(ctx, args).set(bucket, read(pos.get(0)), yes, verb == Verb.SET));
            }
            case RM, DELPOLICY -> {
                if (verb == Verb.DELPOLICY && pos.size() != 1) throw new UsageException(name + ": " + spec().synopsis());
                yield finish(ctx, args, service(ctx, args).remove(bucket(ctx, pos, 0, 1), yes, verb == Verb.RM));
            }
            case EDIT -> finish(ctx, args, service(ctx, args).edit(bucket(ctx, pos, 0, 1), yes));
            case UNDO -> finish(ctx, args, service(ctx, args).restore(bucket(ctx, pos, 0, 1), 1, true, yes));
            case RESTORE -> {
                int n;
                try {
                    n = Integer.parseInt(pos.isEmpty() ? "" : pos.get(0));
                } catch (NumberFormatException e) {
                    throw new UsageException("policy restore needs the entry number 'policy history' lists: " + spec().synopsis());
                }
                yield finish(ctx, args, service(ctx, args).restore(bucket(ctx, pos, 1, 2), n, false, yes));
            }
            case HISTORY -> {
                String bucket = bucket(ctx, pos, 0, 1);
                PolicyHistory.Listing listing = service(ctx, args).history(bucket);
                for (CorsHistory.Skipped s : listing.skipped()) ctx.err().println(CorsOutcomes.skipped(s));
                if (args.json()) {
                    DocumentJson.history(ctx, bucket, listing.entries().stream()
                            .map(e -> DocumentJson.entry(e.number(), e.time(), e.summary(), e.change())).toList());
                    yield ExitCode.OK;
                }
                if (listing.entries().isEmpty()) ctx.out().println("s3://" + TerminalText.visible(bucket) + ": no saved policies");
                for (PolicyHistory.Entry e : listing.entries()) {
                    ctx.out().println(e.number() + "  " + e.time() + "  " + TerminalText.visible(e.summary())
                            + (e.change().isEmpty() ? "" : "  (then: " + TerminalText.visible(e.change()) + ")"));
                }
                yield ExitCode.OK;
            }
            case VALIDATE -> {
                if (pos.size() != 1) throw new UsageException(name + " needs FILE: " + spec().synopsis());
                PolicyDocument doc = read(pos.get(0));
                String bucket = args.value("bucket", null);
                if (bucket != null && bucket.startsWith("s3://")) bucket = bucket.substring(5).replaceFirst("/.*", "");
                List<PolicyProblem> problems = PolicyValidator.validate(doc, bucket);
                List<PolicyProblem> errors = PolicyValidator.errors(problems);
                for (PolicyProblem p : problems) if (!p.isError()) ctx.err().println(TerminalText.visible(p.render()));
                ctx.err().flush();
                if (!errors.isEmpty()) {
                    throw new InvalidInputException(pos.get(0) + ": " + errors.size() + (errors.size() == 1 ? " problem" : " problems"),
                            errors.stream().map(PolicyProblem::render).toList());
                }
                if (args.json()) {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("file", pos.get(0));
                    answer.put("valid", true);
                    answer.put("bucket", bucket);
                    answer.put("warnings", problems.stream().map(PolicyProblem::render).toList());
                    ctx.printJson(answer);
                    yield ExitCode.OK;
                }
                ctx.out().println(pos.get(0) + ": valid" + (bucket == null ? "" : " for s3://" + bucket));
                yield ExitCode.OK;
            }
            case DIFF -> {
                if (pos.isEmpty() || pos.size() > 2) throw new UsageException(name + ": " + spec().synopsis());
                PolicyDocument doc = read(pos.get(0));
                if (!doc.readable()) throw invalid(doc);
                String bucket = bucket(ctx, pos, 1, 2);
                JsonNode live = service(ctx, args).show(bucket).orElse(null);
                PolicyDiff diff = PolicyDiff.diff(live, doc.root());
                if (args.json()) {
                    DocumentJson.diff(ctx, bucket, pos.get(0), diff);
                    yield ExitCode.OK;
                }
                printLines(ctx.out(), diff.same() ? "no differences\n" : diff.render("s3://" + bucket + " (server)", pos.get(0)));
                yield ExitCode.OK;
            }
            case TEMPLATE -> template(ctx, args, pos);
            case CHECK -> check(ctx, args, pos);
        };
    }

    private int template(CommandContext ctx, ParsedArgs args, List<String> pos) {
        if (pos.isEmpty()) {
            for (PolicyTemplates.Template t : PolicyTemplates.ALL) ctx.out().println(t.name() + "  " + t.description());
            return ExitCode.OK;
        }
        String bucket = bucket(ctx, pos, 1, 2);
        try {
            if (args.has("apply")) {
                return finish(ctx, args, service(ctx, args).applyTemplate(bucket, pos.get(0), args.value("user", null), args.has("yes")));
            }
            printLines(ctx.out(), PolicyDocument.pretty(PolicyTemplates.policy(pos.get(0), bucket, args.value("user", null))));
            return ExitCode.OK;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int check(CommandContext ctx, ParsedArgs args, List<String> pos) {
        String action = args.value("action", null);
        if (action == null) throw new UsageException("policy check needs --action, e.g. --action s3:GetObject");
        boolean anonymous = args.has("anonymous");
        String principal = args.value("principal", null);
        if (anonymous == (principal != null)) throw new UsageException("policy check needs one of --anonymous or --principal ARN");
        String bucket;
        String key;
        JsonNode policy;
        String file = args.value("file", null);
        if (file != null) {
            PolicyDocument doc = read(file);
            if (!doc.readable()) throw invalid(doc);
            bucket = args.value("bucket", null);
            if (bucket == null) throw new UsageException("policy check --file needs --bucket BUCKET");
            key = args.value("key", null);
            policy = doc.root();
        } else {
            if (pos.size() != 1) throw new UsageException("policy check needs s3://BUCKET[/KEY] or --file: " + spec().synopsis());
            S3Path path = ctx.session().resolve(pos.get(0));
            if (path.isRoot()) throw new UsageException("policy check needs a bucket: s3://BUCKET[/KEY]");
            bucket = path.bucket();
            key = path.key() == null || path.key().isEmpty() ? null : path.key();
            policy = service(ctx, args).show(bucket).orElse(null);
        }
        PolicyEvaluator.Decision d = policy == null
                ? new PolicyEvaluator.Decision(PolicyEvaluator.Verdict.NO_STATEMENT, null, null,
                "the bucket has no policy: its ACL decides (a private bucket lets only its owner in)", List.of())
                : PolicyEvaluator.decide(Policy.of(policy), new PolicyEvaluator.Request(principal, action, bucket, key, args.has("secure")));
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("allowed", d.allowedByPolicy());
            doc.put("decision", d.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            doc.put("statement", d.statement());
            doc.put("sid", d.sid());
            doc.put("reason", d.reason());
            doc.put("unjudged", d.unjudged());
            ctx.printJson(doc);
        } else {
            String verdict = switch (d.verdict()) {
                case ALLOWED -> "allowed";
                case DENIED -> "denied";
                case NO_STATEMENT -> "not allowed by the policy";
            };
            ctx.out().println(TerminalText.visible(verdict + ": " + d.reason()));
            if (!d.unjudged().isEmpty()) {
                ctx.out().println("note: statements " + d.unjudged() + " have conditions s3sh cannot judge locally and were left out");
            }
        }
        return ExitCode.OK;
    }

    /** Multi-line text, each line through the one escaping path. */
    private static void printLines(PrintWriter out, String text) {
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) out.println(TerminalText.visible(line));
        }
    }

    private static InvalidInputException invalid(PolicyDocument doc) {
        return new InvalidInputException(doc.source() + " is not a readable policy", doc.syntaxProblems().stream().map(PolicyProblem::render).toList());
    }

    private String bucket(CommandContext ctx, List<String> pos, int index, int max) {
        if (pos.size() > max) throw new UsageException("too many arguments: " + spec().synopsis());
        return CorsSource.bucket(ctx, pos.size() > index ? pos.get(index) : null, spec().name());
    }

    static PolicyDocument read(String file) {
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) throw new IOException("is a directory");
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(PolicyDocument.MAX_BYTES + 1);
            }
            return PolicyDocument.read(bytes, file);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UsageException("cannot read " + file + ": " + (e instanceof IOException io ? CorsSource.unreadable(io) : e.getMessage()));
        }
    }

    private static PolicyService service(CommandContext ctx, ParsedArgs args) {
        return new PolicyService(ctx.session(), ctx.stateDir(), new Ports(ctx, args.json() ? ctx.err() : ctx.out()));
    }

    private static int finish(CommandContext ctx, ParsedArgs args, PolicyOutcome outcome) {
        if (outcome instanceof PolicyOutcome.Invalid invalid) throw new InvalidInputException(invalid.message(), invalid.problems());
        if (outcome instanceof PolicyOutcome.Unconfirmed || outcome instanceof PolicyOutcome.NotInHistory) {
            throw new UsageException(outcome.message());
        }
        if (outcome instanceof PolicyOutcome.Kept kept && kept.push() instanceof PolicyOutcome.Invalid inv) {
            ctx.err().println(kept.message());
            throw new InvalidInputException(inv.message(), inv.problems());
        }
        boolean ok = outcome.succeeded();
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("bucket", outcome.bucket());
            doc.put("status", outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
            doc.put("message", outcome.message());
            ctx.printJson(doc);
        } else {
            (ok ? ctx.out() : ctx.err()).println(TerminalText.visible(outcome.message()));
        }
        ctx.out().flush();
        ctx.err().flush();
        if (outcome instanceof PolicyOutcome.Kept kept && kept.because() == dev.s3sh.app.CorsOutcome.KeptBecause.STILL_INVALID) {
            return ExitCode.INVALID_INPUT;
        }
        return ok ? ExitCode.OK : ExitCode.FAILURE;
    }

    private record Ports(CommandContext ctx, PrintWriter talk) implements PolicyPorts {
        @Override
        public void tell(PolicyNotice notice) {
            if (notice instanceof PolicyNotice.Change c) {
                for (PolicyProblem p : c.warnings()) talk.println(TerminalText.visible(p.render()));
                String where = "s3://" + c.bucket();
                printLines(talk, c.diff().render(where + " (server)", where + " (new)"));
            } else if (notice instanceof PolicyNotice.Restoring r) {
                talk.println((r.undo() ? "undo: " : "restore: ") + "putting back " + TerminalText.visible(r.entry().summary())
                        + " (saved " + r.entry().time() + ")");
            } else if (notice instanceof PolicyNotice.HistorySkipped s) {
                ctx.err().println(CorsOutcomes.skipped(s.skipped()));
            } else if (notice instanceof PolicyNotice.Reopening r) {
                ctx.err().println(r.problems().size() + (r.problems().size() == 1 ? " problem" : " problems") + ": reopening the editor");
                for (String line : r.problems()) ctx.err().println("  " + TerminalText.visible(line));
            } else if (notice instanceof PolicyNotice.EditKept k) {
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
