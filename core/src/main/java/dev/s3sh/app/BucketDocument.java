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
public interface BucketDocument<D> {
    /** The commands' name, which is also the short word in messages: "policy", "lifecycle". */
    String command();

    /** The document in a sentence: "policy", "lifecycle configuration". */
    String noun();

    /** {@link #noun()} in the plural. */
    String nouns();

    /** True when a document is judged for one bucket (a policy's Resources must name it). */
    boolean judgedForBucket();

    /** What the bucket holds; empty when none. A document the server returns unreadable is a StoreException. */
    Optional<D> fetch(ObjectStore store, String bucket);

    void put(ObjectStore store, String bucket, D document);

    void delete(ObjectStore store, String bucket);

    /** The same document as the server stores it. */
    boolean same(D a, D b);

    /** As s3sh prints, saves and diffs it. */
    String render(D document);

    /** One line for the history: "no policy", "2 statements: ...". */
    String describe(D document);

    default PolicyDiff diff(D before, D after) {
        return PolicyDiff.ofText(before == null ? null : render(before), after == null ? null : render(after), same(before, after));
    }

    /** A file's bytes (any encoding: one that is not UTF-8 is a problem) read and judged for {@code bucket}. */
    Draft<D> read(byte[] bytes, String source, String bucket);

    /** Text read and judged for {@code bucket}. */
    Draft<D> read(String text, String source, String bucket);

    /** A document s3sh made (a template, a history entry), judged for {@code bucket}. */
    Draft<D> of(D document, String source, String bucket);

    /** The document as its history entry holds it (under the field {@link #command()}). */
    JsonNode toHistory(D document);

    /** The document back from a history entry; an IllegalArgumentException when it is not readable. */
    D fromHistory(JsonNode saved, String source);

    /** The largest document the server takes, in bytes (a file is read up to one byte more). */
    int maxBytes();

    /** The edit file's suffix: ".json", ".xml". */
    String fileSuffix();

    /** What {@code edit} opens with when the bucket has none. */
    D starter(String bucket);

    /** The edit header's words about {@link #starter} (starting with a space). */
    String starterNote();

    /**
     * A document read and judged: {@code document} null when it could not be read at all; the
     * problems rendered one a line ({@code FILE:LINE:COLUMN: message}); {@code errorsMovedDown} the
     * errors again with their lines counted {@code n} lines further down (below an edit file's notice).
     */
    record Draft<D>(String source, D document, List<String> errors, List<String> warnings, IntFunction<List<String>> errorsMovedDown) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }
}
