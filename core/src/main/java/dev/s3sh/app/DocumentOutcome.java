package dev.s3sh.app;

import dev.s3sh.policy.PolicyDiff;

import java.nio.file.Path;
import java.util.List;

/**
 * How a change of a bucket document ended ({@link DocumentService}: {@code policy} and
 * {@code lifecycle} set/rm/undo/restore/edit, s3cmd's verbs, the full-screen panes); the shapes of
 * {@link CorsOutcome}, worded with the kind's names. {@link #message()} is the one-line report every
 * front end shows; {@link #succeeded()} says whether the bucket now holds what was asked for.
 */
public sealed interface DocumentOutcome<D> extends ServiceOutcome {
    BucketDocument<D> kind();

    @Override
    default boolean succeeded() {
        return false;
    }

    /** Pushed, read back and verified; {@code server} null: removed; {@code lostAnswer} the error of a push the read-back shows applied. */
    record Pushed<D>(BucketDocument<D> kind, String bucket, D server, PolicyDiff diff, Path backup, String lostAnswer)
            implements DocumentOutcome<D> {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            String name = kind.command();
            String lost = lostAnswer == null ? "" : " (the answer was lost: " + lostAnswer + "; the read-back shows it applied)";
            return "s3://" + bucket + (server == null ? ": " + name + " removed (verified: the bucket has none)" : ": " + name + " updated: "
                    + diff.summary() + " (verified by read-back)") + lost + "; '" + name + " undo' puts the previous one back";
        }
    }

    /** The server already holds this document: nothing sent. */
    record Unchanged<D>(BucketDocument<D> kind, String bucket, D server) implements DocumentOutcome<D> {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            return "s3://" + bucket + (server == null ? " has no " + kind.noun() + ": nothing to remove"
                    : ": no changes: the server already holds this " + kind.noun());
        }
    }

    /** The user said no: nothing sent. */
    record Declined<D>(BucketDocument<D> kind, String bucket, PolicyDiff diff) implements DocumentOutcome<D> {
        @Override
        public String message() {
            return "s3://" + bucket + ": not pushed";
        }
    }

    /** The server's document is not the one the change was made against: nothing sent. {@code changed}: from then to now. */
    record Conflict<D>(BucketDocument<D> kind, String bucket, D server, PolicyDiff changed) implements DocumentOutcome<D> {
        @Override
        public String message() {
            return "s3://" + bucket + "'s " + kind.command() + " changed on the server meanwhile (" + changed.summary() + "); nothing was pushed";
        }
    }

    /** The document has errors (rendered {@code FILE:LINE:COLUMN: message}): nothing sent. */
    record Invalid<D>(BucketDocument<D> kind, String bucket, String source, List<String> problems) implements DocumentOutcome<D> {
        @Override
        public String message() {
            int n = problems.size();
            String count = " (" + n + (n == 1 ? " problem" : " problems") + "); nothing was pushed";
            return kind.judgedForBucket()
                    ? source + " is not a " + kind.noun() + " RGW takes for s3://" + bucket + count
                    : source + " is not a " + kind.noun() + " RGW takes" + count + " to s3://" + bucket;
        }
    }

    /** A question had to be asked and nobody can answer it (no terminal, no {@code --yes}): nothing sent. */
    record Unconfirmed<D>(BucketDocument<D> kind, String bucket, String question) implements DocumentOutcome<D> {
        @Override
        public String message() {
            return "refusing to " + question + " without confirmation: input is not a terminal, add --yes";
        }
    }

    /** {@code undo/restore} with no saved document, or a number {@code history} does not list. */
    record NotInHistory<D>(BucketDocument<D> kind, String bucket, boolean undo, int number, int available) implements DocumentOutcome<D> {
        @Override
        public String message() {
            if (available == 0) {
                return "s3://" + bucket + " has no saved " + kind.nouns() + ": nothing to " + (undo ? "undo" : "restore")
                        + " (one is saved before every push from s3sh on this machine)";
            }
            return "no entry " + number + ": '" + kind.command() + " history' lists 1 to " + available;
        }
    }

    /** {@code edit}: the file was saved unchanged, nothing pushed, the file removed. */
    record EditUnchanged<D>(BucketDocument<D> kind, String bucket) implements DocumentOutcome<D> {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            return "no changes: nothing pushed";
        }
    }

    /** {@code edit} stopped without pushing; the edit is in {@code file}. {@code because}, {@code push}, {@code cause} as {@link CorsOutcome.Kept}'s. */
    record Kept<D>(BucketDocument<D> kind, String bucket, Path file, CorsOutcome.KeptBecause because, DocumentOutcome<D> push, String cause)
            implements DocumentOutcome<D> {
        @Override
        public boolean succeeded() {
            return because == CorsOutcome.KeptBecause.EMPTIED;
        }

        @Override
        public String message() {
            String what = because == CorsOutcome.KeptBecause.STILL_CONFLICTING
                    ? "not pushed: s3://" + bucket + " keeps the " + kind.command() + " set meanwhile"
                    : new CorsOutcome.Kept(bucket, file, because, null, cause).what();
            return what + "; your edit is kept in " + file;
        }
    }
}
