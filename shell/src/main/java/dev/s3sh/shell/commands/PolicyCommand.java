package dev.s3sh.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3sh.app.BucketDocument;
import dev.s3sh.app.BucketPolicy;
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
import dev.s3sh.policy.PolicyDocument;
import dev.s3sh.policy.PolicyEvaluator;
import dev.s3sh.policy.PolicyTemplates;
import dev.s3sh.session.S3Path;
import dev.s3sh.text.TerminalText;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code policy show|set|edit|rm|history|undo|restore|validate|diff|template|check} and s3cmd's
 * {@code setpolicy FILE s3://B} / {@code delpolicy s3://B}: each verb one registered command over
 * {@link DocumentVerbs} over the generic {@code DocumentService} for {@link BucketPolicy}; {@code check} is its own.
 */
public final class PolicyCommand implements Command {
    public enum Verb {
        SHOW(DocumentVerbs.Shared.SHOW), SET(DocumentVerbs.Shared.SET), EDIT(DocumentVerbs.Shared.EDIT), RM(DocumentVerbs.Shared.RM),
        HISTORY(DocumentVerbs.Shared.HISTORY), UNDO(DocumentVerbs.Shared.UNDO), RESTORE(DocumentVerbs.Shared.RESTORE), VALIDATE(null),
        DIFF(DocumentVerbs.Shared.DIFF), TEMPLATE(null), CHECK(null), SETPOLICY(DocumentVerbs.Shared.SET), DELPOLICY(DocumentVerbs.Shared.RM);

        /** The shared verb this one is (null: the command's own); s3cmd's spellings are those after CHECK. */
        private final DocumentVerbs.Shared shared;

        Verb(DocumentVerbs.Shared shared) {
            this.shared = shared;
        }
    }

    private static final DocumentVerbs<JsonNode> VERBS = new DocumentVerbs<>(BucketPolicy.KIND);

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
        if (verb.shared != null) return VERBS.run(verb.shared, verb.compareTo(Verb.CHECK) > 0, ctx, args, spec());
        return switch (verb) {
            case VALIDATE -> {
                if (pos.size() != 1) throw new UsageException(spec().name() + " needs FILE: " + spec().synopsis());
                String bucket = args.value("bucket", null);
                if (bucket != null && bucket.startsWith("s3://")) bucket = bucket.substring(5).replaceFirst("/.*", "");
                yield VERBS.validate(ctx, args, pos.get(0), bucket, "");
            }
            case TEMPLATE -> template(ctx, args, pos);
            case CHECK -> check(ctx, args, pos);
            default -> throw new IllegalStateException(verb.name());
        };
    }

    private int template(CommandContext ctx, ParsedArgs args, List<String> pos) {
        if (pos.isEmpty() && args.json()) {
            ctx.printJson(Map.of("templates", PolicyTemplates.ALL.stream()
                    .map(t -> Map.of("name", t.name(), "description", t.description())).toList()));
            return ExitCode.OK;
        }
        if (pos.isEmpty()) {
            for (PolicyTemplates.Template t : PolicyTemplates.ALL) ctx.out().println(t.name() + "  " + t.description());
            return ExitCode.OK;
        }
        String bucket = bucket(ctx, pos, 1, 2);
        try {
            JsonNode policy = PolicyTemplates.policy(pos.get(0), bucket, args.value("user", null));
            if (args.has("apply")) {
                return DocumentVerbs.finish(ctx, args, VERBS.service(ctx, args).set(bucket, policy, "template " + pos.get(0), args.has("yes"), true));
            }
            DocumentVerbs.printLines(ctx.out(), PolicyDocument.pretty(policy));
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
            BucketDocument.Draft<JsonNode> doc = VERBS.read(file, null);
            if (doc.document() == null) throw new InvalidInputException(file + " is not a readable policy", doc.errors());
            bucket = args.value("bucket", null);
            if (bucket == null) throw new UsageException("policy check --file needs --bucket BUCKET");
            key = args.value("key", null);
            policy = doc.document();
        } else {
            if (pos.size() != 1) throw new UsageException("policy check needs s3://BUCKET[/KEY] or --file: " + spec().synopsis());
            S3Path path = ctx.session().resolve(pos.get(0));
            if (path.isRoot()) throw new UsageException("policy check needs a bucket: s3://BUCKET[/KEY]");
            bucket = path.bucket();
            key = path.key() == null || path.key().isEmpty() ? null : path.key();
            policy = VERBS.service(ctx, args).show(bucket).orElse(null);
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

    private String bucket(CommandContext ctx, List<String> pos, int index, int max) {
        return DocumentVerbs.bucket(ctx, spec(), pos, index, max);
    }
}
