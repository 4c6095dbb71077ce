package dev.s3sh.shell.commands;

import dev.s3sh.app.CorsBatch;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.InvalidInputException;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsDocument;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsValidator;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code cors apply FILE s3://GLOB...}: one CORS configuration on many buckets, Terraform's way: a
 * plan, one confirmation, bounded parallel pushes that each check the bucket did not change since
 * the plan, save its previous rules and read back; a report per bucket and a batch id for
 * {@code cors undo --batch}. The work is {@link CorsBatch}'s; this class parses and renders.
 */
public final class CorsApplyCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("cors apply")
                .synopsis("cors apply FILE s3://GLOB... [--profiles P1,P2] [--yes] [--diff] [--jobs N] [--stop-on-error]")
                .summary("put one CORS file on many buckets: plan, one confirmation, parallel pushes, batch undo")
                .help("""
                        Validates FILE (exit 3 when invalid for a target's dialect), then plans: each bucket GLOB names
                        (s3://NAME, or * and ? matched against the bucket list) is read and shown as unchanged, changed
                        (a one-line summary; --diff for the full diff) or new, with the linter's warnings per dialect.
                        One confirmation (--yes in scripts), then the pushes run, at most --jobs N at a time per
                        endpoint (default %d). Each push first checks the bucket still holds what the plan read (a
                        change made meanwhile is skipped and reported, never overwritten), saves the previous rules
                        to the bucket's history ('cors undo s3://BUCKET' works per bucket), pushes and reads back.
                        By default a failed bucket is reported and the others go on; --stop-on-error stops starting
                        new pushes after the first failure. The batch id is printed: 'cors undo --batch ID' puts back
                        every bucket the batch changed.
                        --profiles P1,P2 applies on those profiles' endpoints (default: the session's profile).
                        Exit status: 0 every bucket applied or unchanged, 1 any bucket failed, was skipped or not
                        read, 2 usage, 3 invalid FILE.""".formatted(CorsBatch.DEFAULT_JOBS))
                .option(OptionSpec.value("profiles", ValueKind.PROFILE, "comma-separated profiles to apply on (default: the session's)"))
                .option(OptionSpec.flag("diff", null, "show the full diff of each changed bucket in the plan"))
                .option(OptionSpec.value("jobs", ValueKind.TEXT, "pushes at a time per endpoint (default " + CorsBatch.DEFAULT_JOBS + ")"))
                .option(OptionSpec.flag("stop-on-error", null, "start no more pushes after one fails (default: go on)"))
                .positional(ValueKind.LOCAL_FILE)
                .positional(ValueKind.BUCKET)
                .variadic()
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws Exception {
        List<String> pos = args.positionals();
        if (pos.size() < 2) throw new UsageException("cors apply needs FILE and at least one s3://BUCKET or s3://GLOB: " + spec().synopsis());
        String file = pos.get(0);
        if (file.startsWith("s3://")) throw new UsageException("the file comes first: " + spec().synopsis());
        List<String> patterns = new ArrayList<>();
        for (String arg : pos.subList(1, pos.size())) patterns.add(pattern(arg));
        int jobs = jobs(args);
        List<String> profiles = profiles(args);

        CorsDocument doc = CorsSetCommand.read(file);
        List<CorsBatch.Target> targets = new ArrayList<>();
        List<Session> opened = new ArrayList<>();
        try {
            for (String name : profiles) {
                CorsBatch.Target t = target(ctx, name);
                if (t.session() != ctx.session()) opened.add(t.session());
                targets.add(t);
            }
            invalidFor(doc, targets);
            CorsBatch batch = new CorsBatch(ctx.stateDir(), jobs, args.has("stop-on-error"));
            CorsBatch.Plan plan = batch.planApply(targets, patterns, doc.configuration(), "apply " + file);
            return CorsBatchOutput.planAndRun(ctx, args, batch, plan, targets.size() > 1);
        } finally {
            opened.forEach(Session::close);
        }
    }

    /** The document's errors for each dialect among the targets: exit 3 before anything is read from a server. */
    private static void invalidFor(CorsDocument doc, List<CorsBatch.Target> targets) {
        if (!doc.readable()) {
            List<String> lines = doc.syntaxProblems().stream().map(CorsProblem::render).toList();
            throw new InvalidInputException(doc.source() + " is not a readable CORS document: " + lines.size()
                    + (lines.size() == 1 ? " problem" : " problems"), lines);
        }
        LinkedHashSet<Dialect> dialects = new LinkedHashSet<>();
        for (CorsBatch.Target t : targets) dialects.add(Dialect.of(t.session().dialect()));
        for (Dialect d : dialects) {
            List<CorsProblem> errors = CorsValidator.errors(CorsValidator.validate(doc, d));
            if (!errors.isEmpty()) {
                int n = errors.size();
                throw new InvalidInputException(doc.source() + " is not valid for " + d.id() + " (" + n + (n == 1 ? " problem" : " problems")
                        + "); nothing was pushed", errors.stream().map(CorsProblem::render).toList());
            }
        }
    }

    /** s3://NAME or s3://GLOB, a bucket name only. */
    private static String pattern(String arg) {
        if (!arg.startsWith("s3://")) throw new UsageException("'" + arg + "' is not s3://BUCKET or s3://GLOB: cors apply names buckets with s3://");
        String name = arg.substring(5);
        if (name.endsWith("/")) name = name.substring(0, name.length() - 1);
        if (name.isEmpty() || name.contains("/")) {
            throw new UsageException("'" + arg + "' is not a bucket: cors apply sets a bucket's CORS, give s3://BUCKET or s3://GLOB");
        }
        return name;
    }

    static int jobs(ParsedArgs args) {
        String value = args.value("jobs", null);
        if (value == null) return CorsBatch.DEFAULT_JOBS;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 64) return n;
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new UsageException("--jobs needs a whole number from 1 to 64, not '" + value + "'");
    }

    /** The profile names of {@code --profiles}; none: the session's own (named ""). */
    private static List<String> profiles(ParsedArgs args) {
        List<String> names = new ArrayList<>();
        for (String v : args.values("profiles")) {
            for (String part : v.split(",")) {
                String name = part.trim();
                if (name.isEmpty()) throw new UsageException("--profiles needs names separated by commas, as in --profiles prod,staging");
                if (!names.contains(name)) names.add(name);
            }
        }
        if (names.isEmpty()) names.add("");
        return names;
    }

    /** The session's profile ("" or its own name) uses the session; another gets a session of its own, closed after the run. */
    static CorsBatch.Target target(CommandContext ctx, String name) {
        Session own = ctx.session();
        if (name.isEmpty() || own.profile() != null && name.equals(own.profile().name())) {
            return new CorsBatch.Target(own.profile() == null ? "" : own.profile().name(), own);
        }
        Profile p;
        try {
            p = own.catalog().load(name).profile();
        } catch (dev.s3sh.config.ConfigException e) {
            throw new UsageException("--profiles: " + e.getMessage());
        }
        return new CorsBatch.Target(name, new Session(p, own::openStore));
    }
}
