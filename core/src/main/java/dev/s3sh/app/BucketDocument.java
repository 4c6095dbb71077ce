package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3sh.policy.PolicyDiff;
import dev.s3sh.store.ObjectStore;

import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A kind of bucket document that s3sh changes on the safe path of {@link DocumentService} (the
 * bucket policy: {@link BucketPolicy}, the lifecycle configuration: {@link BucketLifecycle}): how it
 * is read with positions and judged for RGW, printed, compared as the server stores it, fetched,
 * put and deleted, and kept in the local history. {@code D} is the document itself; null stands for
 * "the bucket has none" everywhere.
 */
public abstract class BucketDocument<D> {
    private final String command;
    private final String noun;
    private final String nouns;
    private final boolean judgedForBucket;
    private final int maxBytes;
    private final String fileSuffix;
    private final String starterNote;

    /**
     * {@code command}: the commands' name, also the short word in messages ("policy", "lifecycle");
     * {@code noun}/{@code nouns}: the document in a sentence ("lifecycle configuration(s)");
     * {@code judgedForBucket}: a document is judged for one bucket (a policy's Resources name it);
     * {@code maxBytes}: the largest the server takes (a file is read up to one byte more);
     * {@code fileSuffix}: the edit file's; {@code starterNote}: the edit header's words about {@link #starter}.
     */
    protected BucketDocument(String command, String noun, String nouns, boolean judgedForBucket, int maxBytes, String fileSuffix,
                             String starterNote) {
        this.command = command;
        this.noun = noun;
        this.nouns = nouns;
        this.judgedForBucket = judgedForBucket;
        this.maxBytes = maxBytes;
        this.fileSuffix = fileSuffix;
        this.starterNote = starterNote;
    }

    public final String command() {
        return command;
    }

    public final String noun() {
        return noun;
    }

    public final String nouns() {
        return nouns;
    }

    public final boolean judgedForBucket() {
        return judgedForBucket;
    }

    public final int maxBytes() {
        return maxBytes;
    }

    public final String fileSuffix() {
        return fileSuffix;
    }

    public final String starterNote() {
        return starterNote;
    }

    /** What the bucket holds; empty when none. A document the server returns unreadable is a StoreException. */
    public abstract Optional<D> fetch(ObjectStore store, String bucket);

    public abstract void put(ObjectStore store, String bucket, D document);

    public abstract void delete(ObjectStore store, String bucket);

    /** The same document as the server stores it. */
    public abstract boolean same(D a, D b);

    /** As s3sh prints, saves and diffs it. */
    public abstract String render(D document);

    /** One line for the history: "no policy", "2 statements: ...". */
    public abstract String describe(D document);

    public PolicyDiff diff(D before, D after) {
        return PolicyDiff.ofText(before == null ? null : render(before), after == null ? null : render(after), same(before, after));
    }

    /** A file's bytes (any encoding: one that is not UTF-8 is a problem) read and judged for {@code bucket}. */
    public abstract Draft<D> read(byte[] bytes, String source, String bucket);

    /** Text read and judged for {@code bucket}. */
    public abstract Draft<D> read(String text, String source, String bucket);

    /** A document s3sh made (a template, a history entry), judged for {@code bucket}. */
    public abstract Draft<D> of(D document, String source, String bucket);

    /** The document as its history entry holds it (under the field {@link #command()}). */
    public abstract JsonNode toHistory(D document);

    /** The document back from a history entry; an IllegalArgumentException when it is not readable. */
    public abstract D fromHistory(JsonNode saved, String source);

    /** What {@code edit} opens with when the bucket has none. */
    public abstract D starter(String bucket);

    /**
     * A document read and judged: {@code document} null when it could not be read at all; the
     * problems rendered one a line ({@code FILE:LINE:COLUMN: message}); {@code errorsMovedDown} the
     * errors again with their lines counted {@code n} lines further down (below an edit file's notice).
     */
    public record Draft<D>(String source, D document, List<String> errors, List<String> warnings, IntFunction<List<String>> errorsMovedDown) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }
}
