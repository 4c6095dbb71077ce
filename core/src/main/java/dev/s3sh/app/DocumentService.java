package dev.s3sh.app;

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
 * The application service of a bucket document ({@link BucketDocument}: the policy, the lifecycle
 * configuration): show, set, rm, undo, restore, history and edit, for every front end. The path is
 * CORS's ({@link CorsPush}): judge the document (errors stop it), tell the diff and warnings,
 * confirm, check the server did not change meanwhile, save the previous document to
 * {@link DocumentHistory}, push, read back and compare as the server stores it. It asks and tells
 * through {@link FrontEndPorts} and returns a {@link DocumentOutcome}; it never prints.
 */
public final class DocumentService<D> {
    private final BucketDocument<D> kind;
    private final Session session;
    private final Path stateDir;
    private final FrontEndPorts<DocumentNotice<D>> ports;

    public DocumentService(BucketDocument<D> kind, Session session, Path stateDir, FrontEndPorts<DocumentNotice<D>> ports) {
        this.kind = kind;
        this.session = session;
        this.stateDir = stateDir;
        this.ports = ports;
    }

    public BucketDocument<D> kind() {
        return kind;
    }

    /** What the bucket holds; empty when none. */
    public Optional<D> show(String bucket) {
        return kind.fetch(session.store(), bucket);
    }

    /** Pushes {@code draft}; {@code ask}: false for s3cmd's verbs, which do not ask. */
    public DocumentOutcome<D> set(String bucket, BucketDocument.Draft<D> draft, boolean assumeYes, boolean ask) {
        return push(bucket, draft, assumeYes, ask, false, null);
    }

    /** Pushes a document s3sh made (a template, s3cmd's {@code expire}), named {@code source} in its problems. */
    public DocumentOutcome<D> set(String bucket, D document, String source, boolean assumeYes, boolean ask) {
        return set(bucket, kind.of(document, source, bucket), assumeYes, ask);
    }

    /** Removes the bucket's document (saved first). */
    public DocumentOutcome<D> remove(String bucket, boolean assumeYes, boolean ask) {
        return push(bucket, null, assumeYes, ask, false, null);
    }

    public DocumentHistory.Listing<D> history(String bucket) throws IOException {
        return history0(bucket).list();
    }

    private DocumentHistory<D> history0(String bucket) {
        return new DocumentHistory<>(kind, stateDir, session.profile().endpointLabel(), bucket);
    }

    /** Puts back entry {@code number} of the history (1 is the newest: {@code undo}). */
    public DocumentOutcome<D> restore(String bucket, int number, boolean undo, boolean assumeYes) throws IOException {
        DocumentHistory.Listing<D> listing = history(bucket);
        for (CorsHistory.Skipped s : listing.skipped()) ports.tell(new DocumentNotice.HistorySkipped<>(s));
        List<DocumentHistory.Entry<D>> entries = listing.entries();
        if (number < 1 || number > entries.size()) return new DocumentOutcome.NotInHistory<>(kind, bucket, undo, number, entries.size());
        DocumentHistory.Entry<D> entry = entries.get(number - 1);
        ports.tell(new DocumentNotice.Restoring<>(undo, entry));
        BucketDocument.Draft<D> draft = entry.document() == null ? null : kind.of(entry.document(), "history entry " + number, bucket);
        return push(bucket, draft, assumeYes, true, false, null);
    }

    /** {@code expecting}: the change was made against {@code expected}; another document on the server is a conflict. */
    private DocumentOutcome<D> push(String bucket, BucketDocument.Draft<D> draft, boolean assumeYes, boolean ask, boolean expecting, D expected) {
        if (draft != null && !draft.valid()) return new DocumentOutcome.Invalid<>(kind, bucket, draft.source(), draft.errors());
        D desired = draft == null ? null : draft.document();
        ObjectStore store = session.store();
        String where = "s3://" + bucket;
        String noun = kind.noun();
        String name = kind.command();

        D live = show(bucket).orElse(null);
        if (expecting && !kind.same(expected, live)) return new DocumentOutcome.Conflict<>(kind, bucket, live, kind.diff(expected, live));
        PolicyDiff diff = kind.diff(live, desired);
        if (kind.same(desired, live)) return new DocumentOutcome.Unchanged<>(kind, bucket, live);
        ports.tell(new DocumentNotice.Change<>(bucket, draft == null ? List.of() : draft.warnings(), diff));
        if (ask) {
            String question = (desired == null ? "remove the " + noun + " of " : "push this " + noun + " to ") + where;
            if (!assumeYes && !ports.interactive()) return new DocumentOutcome.Unconfirmed<>(kind, bucket, question);
            if (!assumeYes) {
                if (!ports.confirm(Character.toUpperCase(question.charAt(0)) + question.substring(1) + "?")) {
                    return new DocumentOutcome.Declined<>(kind, bucket, diff);
                }
                // the answer may have taken a while: the server must still hold what the diff was made against
                // (with --yes nothing waited between the read above and the push: no second read)
                D now = show(bucket).orElse(null);
                if (!kind.same(live, now)) return new DocumentOutcome.Conflict<>(kind, bucket, now, kind.diff(live, now));
            }
        }

        DocumentHistory<D> history = history0(bucket);
        Path entry;
        try {
            entry = history.save(live, diff.summary());
        } catch (IOException e) {
            throw new StoreException("History", 0, "cannot save the current " + noun + " to " + history.dir()
                    + " before pushing (" + e.getMessage() + "); nothing was pushed");
        }
        try {
            if (desired == null) kind.delete(store, bucket);
            else kind.put(store, bucket, desired);
        } catch (StoreException e) {
            // the answer may be lost while the request went through: the read-back says what the bucket holds
            D now;
            try {
                now = show(bucket).orElse(null);
            } catch (StoreException again) {
                throw new StoreException(e.code(), e.status(), e.getMessage() + "; the " + name + " could not be read back, so the bucket "
                        + "may hold either version: check it with '" + name + " show'; '" + name + " undo' restores the previous one", e);
            }
            if (kind.same(desired, now)) return new DocumentOutcome.Pushed<>(kind, bucket, now, diff, entry, e.getMessage());
            if (kind.same(live, now)) history.forget(entry);
            throw new StoreException(e.code(), e.status(), e.getMessage() + (kind.same(live, now)
                    ? "; the bucket still holds its previous " + noun : "; check the bucket with '" + name + " show'"), e);
        }
        D readBack = show(bucket).orElse(null);
        if (!kind.same(desired, readBack)) {
            throw new StoreException("VerifyFailed", 0, where + ": pushed, but the server holds another " + noun + " than was sent ("
                    + kind.diff(desired, readBack).summary() + "); '" + name + " show' shows it, '" + name + " undo' puts the previous one back");
        }
        return new DocumentOutcome.Pushed<>(kind, bucket, readBack, diff, entry, null);
    }

    /**
     * {@code edit}, as {@code kubectl edit}: the live document (or the kind's starter) in a private
     * file after a comment header, the editor, then judge → reopen with the problems on top (nothing
     * pushed), or diff → confirm → check the server did not change meanwhile → push → verify. The
     * file is removed after a push and kept on every other way out ({@link DocumentOutcome.Kept},
     * or {@link DocumentNotice.EditKept} before a failure is thrown); the user's bytes are never rewritten.
     */
    public DocumentOutcome<D> edit(String bucket, boolean assumeYes) throws Exception {
        D base = show(bucket).orElse(null);
        String header = CorsEditFile.ANY_HEADER_START + kind.command() + " edit: s3://" + CorsEditFile.clean(bucket) + " at "
                + CorsEditFile.clean(session.profile().endpointLabel()) + ".\n"
                + "     Save and quit to validate, see the diff and push. Quit without saving, or empty the file,\n"
                + "     to push nothing." + (base == null ? kind.starterNote() : "") + " This comment is ignored. -->\n";
        byte[] written = (header + kind.render(base != null ? base : kind.starter(bucket))).getBytes(StandardCharsets.UTF_8);
        Path file = CorsEditFile.create(stateDir.resolve("edit"), kind.command() + "-" + bucket + "-", kind.fileSuffix(), written);
        boolean reopened = false;
        try {
            while (true) {
                String editorFailed = CorsEditFile.edit(ports, file);
                if (editorFailed != null) return kept(bucket, file, CorsOutcome.KeptBecause.EDITOR_FAILED, null, editorFailed);
                byte[] now = Files.readAllBytes(file);
                if (Arrays.equals(now, written)) {
                    if (reopened) return kept(bucket, file, CorsOutcome.KeptBecause.STILL_INVALID, null, null);
                    Files.deleteIfExists(file);
                    return new DocumentOutcome.EditUnchanged<>(kind, bucket);
                }
                byte[] mine = CorsEditFile.withoutNotice(now);
                BucketDocument.Draft<D> draft;
                if (!CorsEditFile.isUtf8(mine)) {
                    draft = kind.read(mine, file.toString(), bucket);
                } else {
                    String text = CorsEditFile.forParsing(new String(mine, StandardCharsets.UTF_8));
                    if (text.isBlank()) return kept(bucket, file, CorsOutcome.KeptBecause.EMPTIED, null, null);
                    draft = kind.read(text, file.toString(), bucket);
                }
                if (!draft.valid()) {
                    List<String> lines = draft.errorsMovedDown().apply(CorsEditFile.noticeLines(draft.errors().size()));
                    ports.tell(new DocumentNotice.Reopening<>(lines));
                    written = CorsEditFile.withNotice(CorsEditFile.notice(
                            "fix these problems and save; quit without saving to stop (the file is kept):", lines), mine);
                    String failed = CorsEditFile.reopen(file, written);
                    if (failed != null) return kept(bucket, file, CorsOutcome.KeptBecause.NOT_REOPENED, null, failed);
                    reopened = true;
                    continue;
                }
                DocumentOutcome<D> outcome = push(bucket, draft, assumeYes, true, true, base);
                if (outcome instanceof DocumentOutcome.Pushed || outcome instanceof DocumentOutcome.Unchanged) {
                    Files.deleteIfExists(file);
                    return outcome;
                }
                return kept(bucket, file, outcome instanceof DocumentOutcome.Conflict
                        ? CorsOutcome.KeptBecause.CONFLICT : CorsOutcome.KeptBecause.DECLINED, outcome, null);
            }
        } catch (Exception | Error e) {
            if (Files.exists(file)) ports.tell(new DocumentNotice.EditKept<>(file));
            throw e;
        }
    }

    private DocumentOutcome<D> kept(String bucket, Path file, CorsOutcome.KeptBecause because, DocumentOutcome<D> push, String cause) {
        return new DocumentOutcome.Kept<>(kind, bucket, file, because, push, cause);
    }
}
