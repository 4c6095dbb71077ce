package dev.s3sh.app;


import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDiff;
import dev.s3sh.cors.CorsDocument;
import dev.s3sh.cors.CorsLinter;
import dev.s3sh.cors.CorsNormalizer;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsValidator;
import dev.s3sh.cors.CorsWarning;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one way s3sh changes a bucket's CORS configuration ({@code cors set/edit/rm/undo/restore},
 * {@code setcors}, {@code delcors}, the full-screen mode): validate for the session's dialect (errors
 * stop it), tell the change (diff, warnings), confirm, save the previous configuration to
 * {@link CorsHistory}, push the trimmed configuration, read it back and check the server holds the
 * same rules. A push that fails leaves the server as it was; the result is a {@link CorsOutcome}.
 *
 * <pre>
 *   CorsOutcome o = new CorsPush(session, stateDir, ports, "bucket", assumeYes).push(configurationOrNullToRemove);
 * </pre>
 */
public final class CorsPush {
    private final Session session;
    private final Path stateDir;
    private final FrontEndPorts<CorsNotice> ports;
    private final String bucket;
    private final boolean assumeYes;
    private final Dialect dialect;
    private boolean ask = true;
    private boolean expecting;
    private CorsConfiguration expected;
    private String batch;

    /** {@code assumeYes}: {@code --yes} was given (it does not answer the any-origin-write question in a terminal). */
    public CorsPush(Session session, Path stateDir, FrontEndPorts<CorsNotice> ports, String bucket, boolean assumeYes) {
        this.session = session;
        this.stateDir = stateDir;
        this.ports = ports;
        this.bucket = bucket;
        this.assumeYes = assumeYes;
        this.dialect = Dialect.of(session.dialect());
    }

    /**
     * The configuration the change was made against (null: none). When the server holds another
     * one, nothing is pushed and the outcome is a {@link CorsOutcome.Conflict}.
     */
    public CorsPush expecting(CorsConfiguration base) {
        this.expecting = true;
        this.expected = base;
        return this;
    }

    /** Marks the history entry this push saves as part of batch {@code id} ({@code cors apply}, {@code cors undo --batch}). */
    public CorsPush batch(String id) {
        this.batch = id;
        return this;
    }

    /** s3cmd's way ({@code setcors}, {@code delcors}): no question, except for rules that let any origin write. */
    public CorsPush withoutQuestion() {
        this.ask = false;
        return this;
    }

    /** Pushes a document read from a file or an editor: its own problems (with lines and columns) are judged. */
    public CorsOutcome push(CorsDocument document) {
        List<CorsProblem> problems = CorsValidator.validate(document, dialect);
        List<CorsProblem> errors = CorsValidator.errors(problems);
        if (!errors.isEmpty()) return new CorsOutcome.Invalid(bucket, document.source(), dialect, errors);
        return push(document.configuration(), problems);
    }

    /** Pushes {@code desired}; null removes the bucket's CORS configuration. */
    public CorsOutcome push(CorsConfiguration desired) {
        List<CorsProblem> problems = desired == null ? List.of() : CorsValidator.validate(desired, dialect);
        List<CorsProblem> errors = CorsValidator.errors(problems);
        if (!errors.isEmpty()) return new CorsOutcome.Invalid(bucket, "the configuration", dialect, errors);
        return push(desired, problems);
    }

    private CorsOutcome push(CorsConfiguration desired, List<CorsProblem> problems) {
        ObjectStore store = session.store();
        String where = "s3://" + bucket;
        CorsConfiguration trimmed = desired == null ? null : CorsNormalizer.trimmed(desired);
        CorsConfiguration stored = trimmed == null || !dialect.isRgw() ? trimmed : CorsNormalizer.rgwStoredForm(trimmed);

        CorsConfiguration live = store.getCors(bucket).orElse(null);
        if (expecting && !CorsNormalizer.sameRules(live, expected)) return conflict(live);
        CorsDiff diff = CorsDiff.diff(live, stored);
        if (CorsNormalizer.sameRules(live, stored)) return new CorsOutcome.Unchanged(bucket, live, diff);

        List<CorsWarning> warnings = trimmed == null ? List.of() : CorsLinter.lint(trimmed, dialect);
        ports.tell(new CorsNotice.Change(bucket, problems, warnings, diff));

        String summary = CorsOutcome.summary(diff);
        boolean asked = false;
        if (ask) {
            String question = "push these changes to " + where;
            if (!assumeYes && !ports.interactive()) return new CorsOutcome.Unconfirmed(bucket, question);
            if (!assumeYes) {
                asked = true;
                if (!ports.confirm(ask(question))) return new CorsOutcome.Declined(bucket, live, diff);
            }
        }
        List<Integer> anyOriginWrites = trimmed == null ? List.of() : CorsLinter.anyOriginWriteRules(trimmed);
        if (!anyOriginWrites.isEmpty()) {
            String rules = anyOriginWrites.stream().map(String::valueOf).collect(Collectors.joining(", "));
            String question = "push rules that let ANY web site write to " + where + " (rule " + rules + ")";
            boolean scripted = !ports.interactive();
            if (!(scripted && assumeYes)) {
                if (scripted) return new CorsOutcome.Unconfirmed(bucket, question);
                asked = true;
                if (!ports.confirm(ask(question))) return new CorsOutcome.Declined(bucket, live, diff);
            }
        }
        if (asked) {
            // the answer may have taken a while: the server must still hold what the diff was made against
            // (unasked, nothing waited between the read above and the push: a second read would only cost a round trip)
            CorsConfiguration now = store.getCors(bucket).orElse(null);
            if (!CorsNormalizer.sameRules(now, live)) {
                expected = live;
                return conflict(now);
            }
        }

        CorsHistory history = new CorsHistory(stateDir, session.profile().endpointLabel(), bucket);
        Path entry;
        try {
            entry = history.save(live, summary, batch);
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
            if (after == AfterFailure.APPLIED) return new CorsOutcome.Pushed(bucket, stored, diff, entry, e.getMessage());
            if (after.asBefore) history.forget(entry);
            throw new StoreException(e.code(), e.status(), e.getMessage() + "; " + after.message, e);
        }
        CorsConfiguration readBack = store.getCors(bucket).orElse(null);
        if (!CorsNormalizer.sameRules(readBack, stored)) {
            CorsDiff off = CorsDiff.diff(stored, readBack);
            throw new StoreException("VerifyFailed", 0, where + ": pushed, but the server holds other rules than were sent ("
                    + String.join("; ", off.summary()) + "); 'cors show' shows them, 'cors undo' puts the previous ones back");
        }
        return new CorsOutcome.Pushed(bucket, readBack, diff, entry, null);
    }

    private CorsOutcome conflict(CorsConfiguration live) {
        return new CorsOutcome.Conflict(bucket, live, CorsDiff.diff(expected, live));
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

    private static String ask(String question) {
        return Character.toUpperCase(question.charAt(0)) + question.substring(1) + "?";
    }
}
