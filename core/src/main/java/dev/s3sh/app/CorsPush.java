package dev.s3sh.app;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.InvalidInputException;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDiff;
import dev.s3sh.cors.CorsDocument;
import dev.s3sh.cors.CorsLinter;
import dev.s3sh.cors.CorsNormalizer;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsValidator;
import dev.s3sh.cors.CorsWarning;
import dev.s3sh.cors.Dialect;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one way s3sh changes a bucket's CORS configuration ({@code cors set/edit/rm/undo/restore},
 * {@code setcors}, {@code delcors}, the full-screen mode): validate for the session's dialect (errors
 * stop it, warnings are shown), diff against the live configuration, confirm, save the previous
 * configuration to {@link CorsHistory}, push the trimmed configuration, read it back and check the
 * server holds the same rules, report one line. A push that fails leaves the server as it was.
 *
 * <pre>
 *   CorsPush.Outcome o = new CorsPush(ctx, "bucket", assumeYes).push(configurationOrNullToRemove);
 * </pre>
 */
public final class CorsPush {
    public enum Status {
        /** Pushed, read back and verified. */
        PUSHED,
        /** The server already holds these rules: nothing sent. */
        NO_CHANGES,
        /** The user said no: nothing sent. */
        DECLINED,
        /** The server's configuration is not the one the change was made against: nothing sent. */
        CONFLICT
    }

    /**
     * {@code server} is what the bucket holds now (null: none). {@code diff} is what the push changed
     * (PUSHED), what it would have changed (DECLINED), or for CONFLICT what changed on the server
     * since the expected configuration. {@code message} is the one-line report.
     */
    public record Outcome(Status status, CorsConfiguration server, CorsDiff diff, String message) {
        public boolean pushed() {
            return status == Status.PUSHED;
        }
    }

    private final CommandContext ctx;
    private final String bucket;
    private final boolean assumeYes;
    private final Dialect dialect;
    private boolean ask = true;
    private boolean expecting;
    private CorsConfiguration expected;
    private PrintWriter talk;

    /** {@code assumeYes}: {@code --yes} was given (it does not answer the any-origin-write question in a terminal). */
    public CorsPush(CommandContext ctx, String bucket, boolean assumeYes) {
        this.ctx = ctx;
        this.bucket = bucket;
        this.assumeYes = assumeYes;
        this.dialect = Dialect.of(ctx.session().dialect());
        this.talk = ctx.out();
    }

    /** For a command: {@code --yes} from its arguments; diff and warnings go to stderr under {@code --output json}. */
    public static CorsPush forCommand(CommandContext ctx, String bucket, ParsedArgs args) {
        CorsPush push = new CorsPush(ctx, bucket, args.has("yes"));
        if (args.json()) push.talk = ctx.err();
        return push;
    }

    /**
     * The configuration the change was made against (null: none). When the server holds another
     * one, nothing is pushed and the outcome is {@link Status#CONFLICT}.
     */
    public CorsPush expecting(CorsConfiguration base) {
        this.expecting = true;
        this.expected = base;
        return this;
    }

    /** s3cmd's way ({@code setcors}, {@code delcors}): no question, except for rules that let any origin write. */
    public CorsPush withoutQuestion() {
        this.ask = false;
        return this;
    }

    /** Pushes a document read from a file or an editor: its own problems (with lines and columns) are judged. */
    public Outcome push(CorsDocument document) {
        List<CorsProblem> problems = CorsValidator.validate(document, dialect);
        requireValid(document.source(), problems);
        return push(document.configuration(), problems);
    }

    /** Pushes {@code desired}; null removes the bucket's CORS configuration. */
    public Outcome push(CorsConfiguration desired) {
        List<CorsProblem> problems = desired == null ? List.of() : CorsValidator.validate(desired, dialect);
        requireValid("the configuration", problems);
        return push(desired, problems);
    }

    private void requireValid(String source, List<CorsProblem> problems) {
        List<CorsProblem> errors = CorsValidator.errors(problems);
        if (errors.isEmpty()) return;
        int n = errors.size();
        throw new InvalidInputException(source + " is not valid for " + dialect.id() + " (" + n + (n == 1 ? " problem" : " problems")
                + "); nothing was pushed", errors.stream().map(CorsProblem::render).toList());
    }

    private Outcome push(CorsConfiguration desired, List<CorsProblem> problems) {
        ObjectStore store = ctx.session().store();
        String where = "s3://" + bucket;
        CorsConfiguration trimmed = desired == null ? null : CorsNormalizer.trimmed(desired);
        CorsConfiguration stored = trimmed == null || !dialect.isRgw() ? trimmed : CorsNormalizer.rgwStoredForm(trimmed);

        CorsConfiguration live = store.getCors(bucket).orElse(null);
        if (expecting && !CorsNormalizer.sameRules(live, expected)) return conflict(where, live);
        CorsDiff diff = CorsDiff.diff(live, stored);
        if (CorsNormalizer.sameRules(live, stored)) {
            return new Outcome(Status.NO_CHANGES, live, diff, where + (live == null
                    ? " has no CORS configuration: nothing to remove" : ": no changes: the server already holds these rules"));
        }

        for (CorsProblem p : problems) talk.println(p.render());
        if (trimmed != null) {
            for (CorsWarning w : CorsLinter.lint(trimmed, dialect)) {
                talk.println("warning: rule " + w.rule() + ": " + w.message());
            }
        }
        talk.print(diff.render(where + " (server)", where + " (new)"));
        talk.flush();

        String summary = summary(diff);
        if (ask && !confirm("push these changes to " + where, assumeYes)) {
            return new Outcome(Status.DECLINED, live, diff, where + ": not pushed");
        }
        List<Integer> anyOriginWrites = trimmed == null ? List.of() : CorsLinter.anyOriginWriteRules(trimmed);
        if (!anyOriginWrites.isEmpty()) {
            String rules = anyOriginWrites.stream().map(String::valueOf).collect(Collectors.joining(", "));
            boolean scripted = !ctx.prompter().interactive();
            if (!confirm("push rules that let ANY web site write to " + where + " (rule " + rules + ")", scripted && assumeYes)) {
                return new Outcome(Status.DECLINED, live, diff, where + ": not pushed");
            }
        }
        // the answer may have taken a while: the server must still hold what the diff was made against
        CorsConfiguration now = store.getCors(bucket).orElse(null);
        if (!CorsNormalizer.sameRules(now, live)) {
            expected = live;
            return conflict(where, now);
        }

        CorsHistory history = new CorsHistory(ctx.stateDir(), ctx.session().profile().endpointLabel(), bucket);
        Path entry;
        try {
            entry = history.save(live, summary);
        } catch (IOException e) {
            throw new StoreException("History", 0, "cannot save the current configuration to " + history.dir()
                    + " before pushing (" + e.getMessage() + "); nothing was pushed");
        }
        try {
            if (trimmed == null) store.deleteCors(bucket);
            else store.putCors(bucket, trimmed);
        } catch (StoreException e) {
            // the request may have reached the server although its answer was lost (a cut connection,
            // a timeout): the read-back, not the error, says what the bucket holds now
            AfterFailure after = afterFailure(store, live, stored);
            if (after == AfterFailure.APPLIED) {
                String report = trimmed == null
                        ? where + ": CORS configuration removed (the answer was lost: " + e.getMessage()
                        + "; the read-back shows the bucket has none); 'cors undo' puts it back"
                        : where + ": CORS updated: " + summary + " (the answer was lost: " + e.getMessage()
                        + "; the read-back shows the server holds the new rules)";
                return new Outcome(Status.PUSHED, stored, diff, report);
            }
            if (after.asBefore) history.forget(entry);
            throw new StoreException(e.code(), e.status(), e.getMessage() + "; " + after.message, e);
        }
        CorsConfiguration readBack = store.getCors(bucket).orElse(null);
        if (!CorsNormalizer.sameRules(readBack, stored)) {
            CorsDiff off = CorsDiff.diff(stored, readBack);
            throw new StoreException("VerifyFailed", 0, where + ": pushed, but the server holds other rules than were sent ("
                    + String.join("; ", off.summary()) + "); 'cors show' shows them, 'cors undo' puts the previous ones back");
        }
        String report = trimmed == null
                ? where + ": CORS configuration removed (verified: the bucket has none); 'cors undo' puts it back"
                : where + ": CORS updated: " + summary + " (verified by read-back)";
        return new Outcome(Status.PUSHED, readBack, diff, report);
    }

    private Outcome conflict(String where, CorsConfiguration live) {
        CorsDiff changed = CorsDiff.diff(expected, live);
        return new Outcome(Status.CONFLICT, live, changed, where + " changed on the server meanwhile ("
                + String.join("; ", changed.summary()) + "); nothing was pushed");
    }

    /** What a failed push left on the server; {@code asBefore}: it holds what it held before (the history entry is not needed). */
    private enum AfterFailure {
        APPLIED(false, "the push was applied"),
        UNCHANGED(true, "the server still holds the previous configuration"),
        PUT_BACK(true, "the previous configuration was put back"),
        NOT_PUT_BACK(false, "the server's configuration could not be put back: check it with 'cors show'; 'cors undo' restores the previous one"),
        UNKNOWN(false, "the server's configuration could not be read back, so it may hold either version: check it with 'cors show'; "
                + "'cors undo' restores the previous one");

        final boolean asBefore;
        final String message;

        AfterFailure(boolean asBefore, String message) {
            this.asBefore = asBefore;
            this.message = message;
        }
    }

    /**
     * After a failed push: read back. The new rules (the request went through, its answer was lost)
     * count as pushed; the old ones mean nothing happened; anything else is put back.
     */
    private AfterFailure afterFailure(ObjectStore store, CorsConfiguration live, CorsConfiguration stored) {
        try {
            CorsConfiguration now = store.getCors(bucket).orElse(null);
            if (CorsNormalizer.sameRules(now, live)) return AfterFailure.UNCHANGED;
            if (CorsNormalizer.sameRules(now, stored)) return AfterFailure.APPLIED;
        } catch (StoreException again) {
            return AfterFailure.UNKNOWN;
        }
        try {
            if (live == null) store.deleteCors(bucket);
            else store.putCors(bucket, live);
            CorsConfiguration now = store.getCors(bucket).orElse(null);
            return CorsNormalizer.sameRules(now, live) ? AfterFailure.PUT_BACK : AfterFailure.NOT_PUT_BACK;
        } catch (StoreException again) {
            return AfterFailure.NOT_PUT_BACK;
        }
    }

    private boolean confirm(String question, boolean yes) {
        if (yes) return true;
        if (!ctx.prompter().interactive()) {
            throw new UsageException("refusing to " + question + " without confirmation: input is not a terminal, add --yes");
        }
        return ctx.prompter().confirm(Character.toUpperCase(question.charAt(0)) + question.substring(1) + "?");
    }

    /** The diff in one line: at most three changes, then a count. */
    static String summary(CorsDiff diff) {
        List<String> lines = new ArrayList<>(diff.summary());
        if (lines.size() <= 3) return String.join("; ", lines);
        return String.join("; ", lines.subList(0, 3)) + "; and " + (lines.size() - 3) + " more changes";
    }
}
