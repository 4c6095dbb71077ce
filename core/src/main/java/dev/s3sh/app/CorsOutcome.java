package dev.s3sh.app;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDiff;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.Dialect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a CORS change ended ({@code cors set/rm/undo/restore/edit}, the full-screen mode). Front ends
 * render it: {@link #message()} is the one-line report both the shell and the screen show, and
 * {@link #succeeded()} says whether the bucket now holds what was asked for.
 */
public sealed interface CorsOutcome extends ServiceOutcome {
    @Override
    default boolean succeeded() {
        return false;
    }

    /**
     * Pushed, read back and verified. {@code server} is what the bucket holds now (null: none),
     * {@code backup} the history entry that holds what it held before, {@code lostAnswer} the
     * error of a push whose answer was lost but whose read-back shows it applied (null otherwise).
     */
    record Pushed(String bucket, CorsConfiguration server, CorsDiff diff, Path backup, String lostAnswer) implements CorsOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            String where = "s3://" + bucket;
            if (server == null) {
                return lostAnswer == null
                        ? where + ": CORS configuration removed (verified: the bucket has none); 'cors undo' puts it back"
                        : where + ": CORS configuration removed (the answer was lost: " + lostAnswer
                        + "; the read-back shows the bucket has none); 'cors undo' puts it back";
            }
            return lostAnswer == null
                    ? where + ": CORS updated: " + summary(diff) + " (verified by read-back)"
                    : where + ": CORS updated: " + summary(diff) + " (the answer was lost: " + lostAnswer
                    + "; the read-back shows the server holds the new rules)";
        }
    }

    /** The server already holds these rules: nothing sent. */
    record Unchanged(String bucket, CorsConfiguration server, CorsDiff diff) implements CorsOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            return "s3://" + bucket + (server == null ? " has no CORS configuration: nothing to remove"
                    : ": no changes: the server already holds these rules");
        }
    }

    /** The user said no: nothing sent. {@code diff} is what the push would have changed. */
    record Declined(String bucket, CorsConfiguration server, CorsDiff diff) implements CorsOutcome {
        @Override
        public String message() {
            return "s3://" + bucket + ": not pushed";
        }
    }

    /** The server's configuration is not the one the change was made against: nothing sent. {@code changed}: from then to now. */
    record Conflict(String bucket, CorsConfiguration server, CorsDiff changed) implements CorsOutcome {
        @Override
        public String message() {
            return "s3://" + bucket + " changed on the server meanwhile (" + String.join("; ", changed.summary()) + "); nothing was pushed";
        }
    }

    /** The configuration has errors for {@code dialect}, each located in {@code source}: nothing sent. */
    record Invalid(String bucket, String source, Dialect dialect, List<CorsProblem> errors) implements CorsOutcome {
        @Override
        public String message() {
            int n = errors.size();
            return source + " is not valid for " + dialect.id() + " (" + n + (n == 1 ? " problem" : " problems") + "); nothing was pushed";
        }

        public List<String> problems() {
            return errors.stream().map(CorsProblem::render).toList();
        }
    }

    /** A question had to be asked and nobody can answer it (no terminal, no {@code --yes}): nothing sent. */
    record Unconfirmed(String bucket, String question) implements CorsOutcome {
        @Override
        public String message() {
            return "refusing to " + question + " without confirmation: input is not a terminal, add --yes";
        }
    }

    /** {@code cors undo/restore} with no saved configuration, or a number {@code cors history} does not list. */
    record NotInHistory(String bucket, boolean undo, int number, int available) implements CorsOutcome {
        @Override
        public String message() {
            if (available == 0) {
                return "s3://" + bucket + " has no saved configurations: nothing to " + (undo ? "undo" : "restore")
                        + " (one is saved before every push from s3sh on this machine)";
            }
            return "no entry " + number + ": 'cors history' lists 1 to " + available;
        }
    }

    /** {@code cors edit}: the file was saved unchanged, nothing pushed, the file removed. */
    record EditUnchanged(String bucket) implements CorsOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            return "no changes: nothing pushed";
        }
    }

    /** Why {@code cors edit} stopped with the user's edit kept in its file. */
    enum KeptBecause {
        /** The file was emptied: the user's way to stop. */
        EMPTIED,
        /** The editor failed. */
        EDITOR_FAILED,
        /** Quit without saving after a reopen with problems. */
        STILL_INVALID,
        /** Quit without saving after a reopen over a change on the server. */
        STILL_CONFLICTING,
        /** The push was declined ({@link Kept#push} says how). */
        DECLINED,
        /** The server changed meanwhile and the user did not reopen ({@link Kept#push} is the conflict). */
        CONFLICT,
        /** The reopen notice could not be written (a full disk): the file holds the text as saved. */
        NOT_REOPENED
    }

    /**
     * {@code cors edit} stopped without pushing; the user's edit is in {@code file}. {@code push}: the
     * push's own outcome for DECLINED and CONFLICT, else null; {@code cause}: what failed, else null.
     */
    record Kept(String bucket, Path file, KeptBecause because, CorsOutcome push, String cause) implements CorsOutcome {
        @Override
        public boolean succeeded() {
            return because == KeptBecause.EMPTIED;
        }

        /** What happened, without where the file is. */
        public String what() {
            return switch (because) {
                case EMPTIED -> "aborted: the file is empty, nothing pushed";
                case EDITOR_FAILED -> "the editor did not finish (" + cause + "): nothing pushed";
                case STILL_INVALID -> "not pushed: the file still has the problems above it";
                case STILL_CONFLICTING -> "not pushed: s3://" + bucket + " keeps the configuration set meanwhile";
                case DECLINED, CONFLICT -> "nothing pushed";
                case NOT_REOPENED -> "cannot write the notice into the file to reopen it (" + cause + "): nothing pushed";
            };
        }

        @Override
        public String message() {
            return what() + "; your edit is kept in " + file;
        }
    }

    /** The diff in one line: at most three changes, then a count. */
    static String summary(CorsDiff diff) {
        List<String> lines = new ArrayList<>(diff.summary());
        if (lines.size() <= 3) return String.join("; ", lines);
        return String.join("; ", lines.subList(0, 3)) + "; and " + (lines.size() - 3) + " more changes";
    }
}
