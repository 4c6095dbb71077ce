package dev.s3sh.app;

import dev.s3sh.lifecycle.Lifecycle;
import dev.s3sh.lifecycle.LifecycleProblem;
import dev.s3sh.policy.PolicyDiff;

import java.nio.file.Path;
import java.util.List;

/**
 * How a lifecycle change ended ({@code lifecycle set/rm/undo/restore/edit/template --apply},
 * {@code setlifecycle}, {@code dellifecycle}, {@code expire}); the shapes of {@link PolicyOutcome}.
 */
public sealed interface LifecycleOutcome {
    String bucket();

    String message();

    default boolean succeeded() {
        return false;
    }

    record Pushed(String bucket, Lifecycle server, PolicyDiff diff, Path backup, String lostAnswer) implements LifecycleOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            String lost = lostAnswer == null ? "" : " (the answer was lost: " + lostAnswer + "; the read-back shows it applied)";
            return "s3://" + bucket + (server == null ? ": lifecycle removed (verified: the bucket has none)" : ": lifecycle updated: "
                    + diff.summary() + " (verified by read-back)") + lost + "; 'lifecycle undo' puts the previous one back";
        }
    }

    record Unchanged(String bucket, Lifecycle server) implements LifecycleOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            return "s3://" + bucket + (server == null ? " has no lifecycle configuration: nothing to remove"
                    : ": no changes: the server already holds this lifecycle configuration");
        }
    }

    record Declined(String bucket, PolicyDiff diff) implements LifecycleOutcome {
        @Override
        public String message() {
            return "s3://" + bucket + ": not pushed";
        }
    }

    record Conflict(String bucket, Lifecycle server, PolicyDiff changed) implements LifecycleOutcome {
        @Override
        public String message() {
            return "s3://" + bucket + "'s lifecycle changed on the server meanwhile (" + changed.summary() + "); nothing was pushed";
        }
    }

    record Invalid(String bucket, String source, List<LifecycleProblem> errors) implements LifecycleOutcome {
        @Override
        public String message() {
            int n = errors.size();
            return source + " is not a lifecycle configuration RGW takes (" + n + (n == 1 ? " problem" : " problems")
                    + "); nothing was pushed to s3://" + bucket;
        }

        public List<String> problems() {
            return errors.stream().map(LifecycleProblem::render).toList();
        }
    }

    record Unconfirmed(String bucket, String question) implements LifecycleOutcome {
        @Override
        public String message() {
            return "refusing to " + question + " without confirmation: input is not a terminal, add --yes";
        }
    }

    record NotInHistory(String bucket, boolean undo, int number, int available) implements LifecycleOutcome {
        @Override
        public String message() {
            if (available == 0) {
                return "s3://" + bucket + " has no saved lifecycle configurations: nothing to " + (undo ? "undo" : "restore")
                        + " (one is saved before every push from s3sh on this machine)";
            }
            return "no entry " + number + ": 'lifecycle history' lists 1 to " + available;
        }
    }

    record EditUnchanged(String bucket) implements LifecycleOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            return "no changes: nothing pushed";
        }
    }

    /** {@code lifecycle edit} stopped without pushing; the edit is in {@code file}. */
    record Kept(String bucket, Path file, CorsOutcome.KeptBecause because, LifecycleOutcome push, String cause) implements LifecycleOutcome {
        @Override
        public boolean succeeded() {
            return because == CorsOutcome.KeptBecause.EMPTIED;
        }

        @Override
        public String message() {
            String what = switch (because) {
                case EMPTIED -> "aborted: the file is empty, nothing pushed";
                case EDITOR_FAILED -> "the editor did not finish (" + cause + "): nothing pushed";
                case STILL_INVALID -> "not pushed: the file still has the problems above it";
                case STILL_CONFLICTING -> "not pushed: s3://" + bucket + " keeps the lifecycle set meanwhile";
                case DECLINED, CONFLICT -> "nothing pushed";
                case NOT_REOPENED -> "cannot write the notice into the file to reopen it (" + cause + "): nothing pushed";
            };
            return what + "; your edit is kept in " + file;
        }
    }
}
