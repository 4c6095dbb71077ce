package dev.s3sh.app;

import dev.s3sh.lifecycle.Lifecycle;
import dev.s3sh.lifecycle.LifecycleDocument;
import dev.s3sh.lifecycle.LifecycleProblem;
import dev.s3sh.lifecycle.LifecycleTemplates;
import dev.s3sh.lifecycle.LifecycleValidator;
import dev.s3sh.lifecycle.LifecycleXml;
import dev.s3sh.policy.PolicyDiff;
import dev.s3sh.session.Session;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle application service: {@code lifecycle show/set/edit/rm/undo/restore/history/template}
 * and s3cmd's {@code setlifecycle}/{@code dellifecycle}/{@code expire}. The path is the policy's
 * ({@link PolicyService}): validate (errors stop it), tell the diff and warnings, confirm, save the
 * previous configuration to {@link LifecycleHistory}, push, read back and compare as RGW stores it
 * ({@link LifecycleXml#same}). The edit file uses {@link CorsEditFile}'s header, notices and safe replace.
 */
public final class LifecycleService {
    private final Session session;
    private final Path stateDir;
    private final LifecyclePorts ports;

    public LifecycleService(Session session, Path stateDir, LifecyclePorts ports) {
        this.session = session;
        this.stateDir = stateDir;
        this.ports = ports;
    }

    /** The bucket's lifecycle configuration; empty when it has none. One the server returns unreadable is a failure. */
    public Optional<Lifecycle> show(String bucket) {
        Optional<String> text = session.store().getLifecycle(bucket);
        if (text.isEmpty()) return Optional.empty();
        LifecycleDocument doc = LifecycleDocument.read(text.get(), "s3://" + bucket);
        if (!doc.readable()) {
            throw new StoreException("UnreadableLifecycle", 0, "the server's lifecycle configuration cannot be read: "
                    + LifecycleValidator.errors(doc.problems()).get(0).render());
        }
        return Optional.of(doc.lifecycle());
    }

    /** Pushes {@code document}; {@code ask}: false for s3cmd's verbs. */
    public LifecycleOutcome set(String bucket, LifecycleDocument document, boolean assumeYes, boolean ask) {
        return push(bucket, document, assumeYes, ask, false, null);
    }

    public LifecycleOutcome remove(String bucket, boolean assumeYes, boolean ask) {
        return push(bucket, null, assumeYes, ask, false, null);
    }

    public LifecycleOutcome applyTemplate(String bucket, String template, int days, String prefix, boolean assumeYes) {
        Lifecycle lc = LifecycleTemplates.lifecycle(template, days, prefix);
        return set(bucket, LifecycleDocument.of(lc, "template " + template), assumeYes, true);
    }

    /** s3cmd's {@code expire}: the bucket's lifecycle becomes one expiration rule, without asking. */
    public LifecycleOutcome expire(String bucket, int days, String prefix) {
        Lifecycle lc = new Lifecycle(List.of(LifecycleTemplates.expire(days, prefix)));
        return set(bucket, LifecycleDocument.of(lc, "expire"), true, false);
    }

    /** s3cmd's {@code expire --expiry-date}: one rule expiring objects on {@code date}; a bad date is refused as any file's. */
    public LifecycleOutcome expireOn(String bucket, String date, String prefix) {
        Lifecycle lc = new Lifecycle(List.of(LifecycleTemplates.expireOn(date, prefix)));
        return set(bucket, LifecycleDocument.of(lc, "--expiry-date"), true, false);
    }

    public LifecycleHistory.Listing history(String bucket) throws IOException {
        return new LifecycleHistory(stateDir, session.profile().endpointLabel(), bucket).list();
    }

    public LifecycleOutcome restore(String bucket, int number, boolean undo, boolean assumeYes) throws IOException {
        LifecycleHistory.Listing listing = history(bucket);
        for (CorsHistory.Skipped s : listing.skipped()) ports.tell(new LifecycleNotice.HistorySkipped(s));
        List<LifecycleHistory.Entry> entries = listing.entries();
        if (number < 1 || number > entries.size()) return new LifecycleOutcome.NotInHistory(bucket, undo, number, entries.size());
        LifecycleHistory.Entry entry = entries.get(number - 1);
        ports.tell(new LifecycleNotice.Restoring(undo, entry));
        LifecycleDocument doc = entry.lifecycle() == null ? null : LifecycleDocument.of(entry.lifecycle(), "history entry " + number);
        return push(bucket, doc, assumeYes, true, false, null);
    }

    /** The diff as s3sh prints both documents; null stands for none. */
    public static PolicyDiff diff(Lifecycle before, Lifecycle after) {
        return PolicyDiff.ofText(before == null ? null : LifecycleXml.write(before), after == null ? null : LifecycleXml.write(after),
                LifecycleXml.same(after, before));
    }

    private LifecycleOutcome push(String bucket, LifecycleDocument document, boolean assumeYes, boolean ask, boolean expecting, Lifecycle expected) {
        List<LifecycleProblem> problems = document == null ? List.of() : LifecycleValidator.validate(document);
        List<LifecycleProblem> errors = LifecycleValidator.errors(problems);
        if (!errors.isEmpty()) return new LifecycleOutcome.Invalid(bucket, document.source(), errors);
        Lifecycle desired = document == null ? null : document.lifecycle();
        ObjectStore store = session.store();
        String where = "s3://" + bucket;

        Lifecycle live = show(bucket).orElse(null);
        if (expecting && !LifecycleXml.same(expected, live)) return new LifecycleOutcome.Conflict(bucket, live, diff(expected, live));
        PolicyDiff diff = diff(live, desired);
        if (LifecycleXml.same(desired, live)) return new LifecycleOutcome.Unchanged(bucket, live);
        List<LifecycleProblem> warnings = problems.stream().filter(p -> !p.isError()).toList();
        ports.tell(new LifecycleNotice.Change(bucket, warnings, diff));
        if (ask) {
            String question = (desired == null ? "remove the lifecycle configuration of " : "push this lifecycle configuration to ") + where;
            if (!assumeYes && !ports.interactive()) return new LifecycleOutcome.Unconfirmed(bucket, question);
            if (!assumeYes && !ports.confirm(Character.toUpperCase(question.charAt(0)) + question.substring(1) + "?")) {
                return new LifecycleOutcome.Declined(bucket, diff);
            }
            // the answer may have taken a while: the server must still hold what the diff was made against
            Lifecycle now = show(bucket).orElse(null);
            if (!LifecycleXml.same(live, now)) return new LifecycleOutcome.Conflict(bucket, now, diff(live, now));
        }

        LifecycleHistory history = new LifecycleHistory(stateDir, session.profile().endpointLabel(), bucket);
        Path entry;
        try {
            entry = history.save(live, diff.summary());
        } catch (IOException e) {
            throw new StoreException("History", 0, "cannot save the current lifecycle configuration to " + history.dir()
                    + " before pushing (" + e.getMessage() + "); nothing was pushed");
        }
        try {
            if (desired == null) store.deleteLifecycle(bucket);
            else store.putLifecycle(bucket, LifecycleXml.write(desired));
        } catch (StoreException e) {
            // the answer may be lost while the request went through: the read-back says what the bucket holds
            Lifecycle now;
            try {
                now = show(bucket).orElse(null);
            } catch (StoreException again) {
                throw new StoreException(e.code(), e.status(), e.getMessage() + "; the lifecycle could not be read back, so the bucket "
                        + "may hold either version: check it with 'lifecycle show'; 'lifecycle undo' restores the previous one", e);
            }
            if (LifecycleXml.same(desired, now)) return new LifecycleOutcome.Pushed(bucket, now, diff, entry, e.getMessage());
            if (LifecycleXml.same(live, now)) history.forget(entry);
            throw new StoreException(e.code(), e.status(), e.getMessage() + (LifecycleXml.same(live, now)
                    ? "; the bucket still holds its previous lifecycle configuration" : "; check the bucket with 'lifecycle show'"), e);
        }
        Lifecycle readBack = show(bucket).orElse(null);
        if (!LifecycleXml.same(desired, readBack)) {
            throw new StoreException("VerifyFailed", 0, where + ": pushed, but the server holds another lifecycle configuration than was sent ("
                    + diff(desired, readBack).summary() + "); 'lifecycle show' shows it, 'lifecycle undo' puts the previous one back");
        }
        return new LifecycleOutcome.Pushed(bucket, readBack, diff, entry, null);
    }

    /**
     * {@code lifecycle edit}: the live configuration (or the abort-incomplete-uploads template) in a
     * private file after a comment header, the editor, then validate → reopen with the problems on
     * top, or diff → confirm → check the server did not change meanwhile → push → verify. The file
     * is removed after a push and kept on every other way out.
     */
    public LifecycleOutcome edit(String bucket, boolean assumeYes) throws Exception {
        Lifecycle base = show(bucket).orElse(null);
        Path file = CorsHistory.privateTempFile(stateDir.resolve("edit"), "lifecycle-" + bucket + "-", ".xml");
        String header = CorsEditFile.ANY_HEADER_START + "lifecycle edit: s3://" + CorsEditFile.clean(bucket) + " at "
                + CorsEditFile.clean(session.profile().endpointLabel()) + ".\n"
                + "     Save and quit to validate, see the diff and push. Quit without saving, or empty the file,\n"
                + "     to push nothing." + (base == null ? " The bucket has no lifecycle: below is a rule that aborts\n"
                + "     incomplete multipart uploads after 7 days." : "") + " This comment is ignored. -->\n";
        Lifecycle start = base != null ? base : LifecycleTemplates.lifecycle("abort-incomplete-uploads", 7, "");
        byte[] written = (header + LifecycleXml.write(start)).getBytes(StandardCharsets.UTF_8);
        try {
            CorsEditFile.replace(file, written);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        boolean reopened = false;
        try {
            while (true) {
                try {
                    ports.editFile(file);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    return new LifecycleOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.EDITOR_FAILED, null, e.getMessage());
                }
                byte[] now = Files.readAllBytes(file);
                if (Arrays.equals(now, written)) {
                    if (reopened) return new LifecycleOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.STILL_INVALID, null, null);
                    Files.deleteIfExists(file);
                    return new LifecycleOutcome.EditUnchanged(bucket);
                }
                byte[] mine = CorsEditFile.withoutNotice(now);
                LifecycleDocument doc;
                if (!CorsEditFile.isUtf8(mine)) {
                    doc = LifecycleDocument.read(mine, file.toString());
                } else {
                    String text = CorsEditFile.forParsing(new String(mine, StandardCharsets.UTF_8));
                    if (text.isBlank()) return new LifecycleOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.EMPTIED, null, null);
                    doc = LifecycleDocument.read(text, file.toString());
                }
                List<LifecycleProblem> errors = LifecycleValidator.errors(LifecycleValidator.validate(doc));
                if (!errors.isEmpty()) {
                    int shift = CorsEditFile.noticeLines(errors.size());
                    List<String> lines = errors.stream().map(p -> p.movedDown(shift).render()).toList();
                    ports.tell(new LifecycleNotice.Reopening(lines));
                    written = CorsEditFile.withNotice(CorsEditFile.notice(
                            "fix these problems and save; quit without saving to stop (the file is kept):", lines), mine);
                    try {
                        CorsEditFile.replace(file, written);
                    } catch (IOException e) {
                        return new LifecycleOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.NOT_REOPENED, null, e.getMessage());
                    }
                    reopened = true;
                    continue;
                }
                LifecycleOutcome outcome = push(bucket, doc, assumeYes, true, true, base);
                if (outcome instanceof LifecycleOutcome.Pushed || outcome instanceof LifecycleOutcome.Unchanged) {
                    Files.deleteIfExists(file);
                    return outcome;
                }
                CorsOutcome.KeptBecause why = outcome instanceof LifecycleOutcome.Conflict ? CorsOutcome.KeptBecause.CONFLICT
                        : CorsOutcome.KeptBecause.DECLINED;
                return new LifecycleOutcome.Kept(bucket, file, why, outcome, null);
            }
        } catch (Exception | Error e) {
            if (Files.exists(file)) ports.tell(new LifecycleNotice.EditKept(file));
            throw e;
        }
    }
}
