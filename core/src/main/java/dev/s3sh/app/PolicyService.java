package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3sh.policy.PolicyDiff;
import dev.s3sh.policy.PolicyDocument;
import dev.s3sh.policy.PolicyProblem;
import dev.s3sh.policy.PolicyTemplates;
import dev.s3sh.policy.PolicyValidator;
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
 * The bucket-policy application service: {@code policy show/set/edit/rm/undo/restore/history/template}
 * and s3cmd's {@code setpolicy}/{@code delpolicy}. The path is CORS's ({@link CorsPush}): validate
 * for RGW and for the bucket (errors stop it), tell the diff and warnings, confirm, save the previous
 * policy to {@link PolicyHistory}, push, read back and compare. The edit file uses
 * {@link CorsEditFile}'s header, notices and safe replace.
 */
public final class PolicyService {
    private final Session session;
    private final Path stateDir;
    private final PolicyPorts ports;

    public PolicyService(Session session, Path stateDir, PolicyPorts ports) {
        this.session = session;
        this.stateDir = stateDir;
        this.ports = ports;
    }

    /** The bucket's policy as a tree; empty when it has none. A policy the server returns unreadable is shown as a failure. */
    public Optional<JsonNode> show(String bucket) {
        Optional<String> text = session.store().getPolicy(bucket);
        if (text.isEmpty()) return Optional.empty();
        PolicyDocument doc = PolicyDocument.read(text.get(), "s3://" + bucket);
        if (!doc.readable()) throw new StoreException("UnreadablePolicy", 0, "the server's policy is not readable JSON: "
                + doc.syntaxProblems().get(0).render());
        return Optional.of(doc.root());
    }

    /** Pushes {@code document} (null: remove the policy); {@code ask}: false for s3cmd's verbs. */
    public PolicyOutcome set(String bucket, PolicyDocument document, boolean assumeYes, boolean ask) {
        return push(bucket, document, assumeYes, ask, false, null);
    }

    public PolicyOutcome remove(String bucket, boolean assumeYes, boolean ask) {
        return push(bucket, null, assumeYes, ask, false, null);
    }

    public PolicyOutcome applyTemplate(String bucket, String template, String user, boolean assumeYes) {
        JsonNode policy = PolicyTemplates.policy(template, bucket, user);
        return set(bucket, PolicyDocument.of(policy, "template " + template), assumeYes, true);
    }

    public PolicyHistory.Listing history(String bucket) throws IOException {
        return new PolicyHistory(stateDir, session.profile().endpointLabel(), bucket).list();
    }

    public PolicyOutcome restore(String bucket, int number, boolean undo, boolean assumeYes) throws IOException {
        PolicyHistory.Listing listing = history(bucket);
        for (CorsHistory.Skipped s : listing.skipped()) ports.tell(new PolicyNotice.HistorySkipped(s));
        List<PolicyHistory.Entry> entries = listing.entries();
        if (number < 1 || number > entries.size()) return new PolicyOutcome.NotInHistory(bucket, undo, number, entries.size());
        PolicyHistory.Entry entry = entries.get(number - 1);
        ports.tell(new PolicyNotice.Restoring(undo, entry));
        PolicyDocument doc = entry.policy() == null ? null : PolicyDocument.of(entry.policy(), "history entry " + number);
        return push(bucket, doc, assumeYes, true, false, null);
    }

    private PolicyOutcome push(String bucket, PolicyDocument document, boolean assumeYes, boolean ask, boolean expecting, JsonNode expected) {
        List<PolicyProblem> problems = document == null ? List.of() : PolicyValidator.validate(document, bucket);
        List<PolicyProblem> errors = PolicyValidator.errors(problems);
        if (!errors.isEmpty()) return new PolicyOutcome.Invalid(bucket, document.source(), errors);
        JsonNode desired = document == null ? null : document.root();
        ObjectStore store = session.store();
        String where = "s3://" + bucket;

        JsonNode live = show(bucket).orElse(null);
        if (expecting && !same(live, expected)) return new PolicyOutcome.Conflict(bucket, live, PolicyDiff.diff(expected, live));
        PolicyDiff diff = PolicyDiff.diff(live, desired);
        if (same(live, desired)) return new PolicyOutcome.Unchanged(bucket, live);
        List<PolicyProblem> warnings = problems.stream().filter(p -> !p.isError()).toList();
        ports.tell(new PolicyNotice.Change(bucket, warnings, diff));
        if (ask) {
            String question = (desired == null ? "remove the policy of " : "push this policy to ") + where;
            if (!assumeYes && !ports.interactive()) return new PolicyOutcome.Unconfirmed(bucket, question);
            if (!assumeYes && !ports.confirm(Character.toUpperCase(question.charAt(0)) + question.substring(1) + "?")) {
                return new PolicyOutcome.Declined(bucket, diff);
            }
            // the answer may have taken a while: the server must still hold what the diff was made against
            JsonNode now = show(bucket).orElse(null);
            if (!same(now, live)) return new PolicyOutcome.Conflict(bucket, now, PolicyDiff.diff(live, now));
        }

        PolicyHistory history = new PolicyHistory(stateDir, session.profile().endpointLabel(), bucket);
        Path entry;
        try {
            entry = history.save(live, diff.summary());
        } catch (IOException e) {
            throw new StoreException("History", 0, "cannot save the current policy to " + history.dir()
                    + " before pushing (" + e.getMessage() + "); nothing was pushed");
        }
        try {
            if (desired == null) store.deletePolicy(bucket);
            else store.putPolicy(bucket, PolicyDocument.compact(desired));
        } catch (StoreException e) {
            // the answer may be lost while the request went through: the read-back says what the bucket holds
            JsonNode now;
            try {
                now = show(bucket).orElse(null);
            } catch (StoreException again) {
                throw new StoreException(e.code(), e.status(), e.getMessage() + "; the policy could not be read back, so the bucket "
                        + "may hold either version: check it with 'policy show'; 'policy undo' restores the previous one", e);
            }
            if (same(now, desired)) return new PolicyOutcome.Pushed(bucket, now, diff, entry, e.getMessage());
            if (same(now, live)) history.forget(entry);
            throw new StoreException(e.code(), e.status(), e.getMessage() + (same(now, live)
                    ? "; the bucket still holds its previous policy" : "; check the bucket with 'policy show'"), e);
        }
        JsonNode readBack = show(bucket).orElse(null);
        if (!same(readBack, desired)) {
            throw new StoreException("VerifyFailed", 0, where + ": pushed, but the server holds another policy than was sent ("
                    + PolicyDiff.diff(desired, readBack).summary() + "); 'policy show' shows it, 'policy undo' puts the previous one back");
        }
        return new PolicyOutcome.Pushed(bucket, readBack, diff, entry, null);
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a == null ? b == null : a.equals(b);
    }

    /**
     * {@code policy edit}: the live policy (or a public-read starter) in a private file after a
     * comment header, the editor, then validate → reopen with the problems on top, or diff →
     * confirm → check the server did not change meanwhile → push → verify. The file is removed after
     * a push and kept on every other way out.
     */
    public PolicyOutcome edit(String bucket, boolean assumeYes) throws Exception {
        JsonNode base = show(bucket).orElse(null);
        Path file = CorsHistory.privateTempFile(stateDir.resolve("edit"), "policy-" + bucket + "-", ".json");
        String header = CorsEditFile.ANY_HEADER_START + "policy edit: s3://" + CorsEditFile.clean(bucket) + " at "
                + CorsEditFile.clean(session.profile().endpointLabel()) + ".\n"
                + "     Save and quit to validate, see the diff and push. Quit without saving, or empty the file,\n"
                + "     to push nothing." + (base == null ? " The bucket has no policy: below is the public-read template."
                : "") + " This comment is ignored. -->\n";
        JsonNode start = base != null ? base : PolicyTemplates.policy("public-read", bucket, null);
        byte[] written = (header + PolicyDocument.pretty(start)).getBytes(StandardCharsets.UTF_8);
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
                    return new PolicyOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.EDITOR_FAILED, null, e.getMessage());
                }
                byte[] now = Files.readAllBytes(file);
                if (Arrays.equals(now, written)) {
                    if (reopened) return new PolicyOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.STILL_INVALID, null, null);
                    Files.deleteIfExists(file);
                    return new PolicyOutcome.EditUnchanged(bucket);
                }
                byte[] mine = CorsEditFile.withoutNotice(now);
                PolicyDocument doc;
                if (!CorsEditFile.isUtf8(mine)) {
                    doc = PolicyDocument.read(mine, file.toString());
                } else {
                    String text = CorsEditFile.forParsing(new String(mine, StandardCharsets.UTF_8));
                    if (text.isBlank()) return new PolicyOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.EMPTIED, null, null);
                    doc = PolicyDocument.read(text, file.toString());
                }
                List<PolicyProblem> errors = PolicyValidator.errors(PolicyValidator.validate(doc, bucket));
                if (!errors.isEmpty()) {
                    int shift = CorsEditFile.noticeLines(errors.size());
                    List<String> lines = errors.stream().map(p -> moved(p, shift).render()).toList();
                    ports.tell(new PolicyNotice.Reopening(lines));
                    written = CorsEditFile.withNotice(CorsEditFile.notice(
                            "fix these problems and save; quit without saving to stop (the file is kept):", lines), mine);
                    try {
                        CorsEditFile.replace(file, written);
                    } catch (IOException e) {
                        return new PolicyOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.NOT_REOPENED, null, e.getMessage());
                    }
                    reopened = true;
                    continue;
                }
                PolicyOutcome outcome = push(bucket, doc, assumeYes, true, true, base);
                if (outcome instanceof PolicyOutcome.Pushed || outcome instanceof PolicyOutcome.Unchanged) {
                    Files.deleteIfExists(file);
                    return outcome;
                }
                CorsOutcome.KeptBecause why = outcome instanceof PolicyOutcome.Conflict ? CorsOutcome.KeptBecause.CONFLICT
                        : CorsOutcome.KeptBecause.DECLINED;
                return new PolicyOutcome.Kept(bucket, file, why, outcome, null);
            }
        } catch (Exception | Error e) {
            if (Files.exists(file)) ports.tell(new PolicyNotice.EditKept(file));
            throw e;
        }
    }

    private static PolicyProblem moved(PolicyProblem p, int lines) {
        return p.line() <= 0 ? p : new PolicyProblem(p.severity(), p.source(), p.line() + lines, p.column(), p.statement(), p.message());
    }
}
