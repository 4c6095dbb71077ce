package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3sh.policy.PolicyDiff;
import dev.s3sh.policy.PolicyProblem;

import java.nio.file.Path;
import java.util.List;

/**
 * How a bucket-policy change ended ({@code policy set/rm/undo/restore/edit}, {@code setpolicy},
 * {@code delpolicy}); the same shapes as {@link CorsOutcome}, over a JSON policy.
 */
public sealed interface PolicyOutcome {
    String bucket();

    String message();

    default boolean succeeded() {
        return false;
    }

    record Pushed(String bucket, JsonNode server, PolicyDiff diff, Path backup, String lostAnswer) implements PolicyOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            String lost = lostAnswer == null ? "" : " (the answer was lost: " + lostAnswer + "; the read-back shows it applied)";
            return "s3://" + bucket + (server == null ? ": policy removed (verified: the bucket has none)" : ": policy updated: "
                    + diff.summary() + " (verified by read-back)") + lost + "; 'policy undo' puts the previous one back";
        }
    }

    record Unchanged(String bucket, JsonNode server) implements PolicyOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            return "s3://" + bucket + (server == null ? " has no policy: nothing to remove" : ": no changes: the server already holds this policy");
        }
    }

    record Declined(String bucket, PolicyDiff diff) implements PolicyOutcome {
        @Override
        public String message() {
            return "s3://" + bucket + ": not pushed";
        }
    }

    record Conflict(String bucket, JsonNode server, PolicyDiff changed) implements PolicyOutcome {
        @Override
        public String message() {
            return "s3://" + bucket + "'s policy changed on the server meanwhile (" + changed.summary() + "); nothing was pushed";
        }
    }

    record Invalid(String bucket, String source, List<PolicyProblem> errors) implements PolicyOutcome {
        @Override
        public String message() {
            int n = errors.size();
            return source + " is not a policy RGW takes for s3://" + bucket + " (" + n + (n == 1 ? " problem" : " problems")
                    + "); nothing was pushed";
        }

        public List<String> problems() {
            return errors.stream().map(PolicyProblem::render).toList();
        }
    }

    record Unconfirmed(String bucket, String question) implements PolicyOutcome {
        @Override
        public String message() {
            return "refusing to " + question + " without confirmation: input is not a terminal, add --yes";
        }
    }

    record NotInHistory(String bucket, boolean undo, int number, int available) implements PolicyOutcome {
        @Override
        public String message() {
            if (available == 0) {
                return "s3://" + bucket + " has no saved policies: nothing to " + (undo ? "undo" : "restore")
                        + " (one is saved before every push from s3sh on this machine)";
            }
            return "no entry " + number + ": 'policy history' lists 1 to " + available;
        }
    }

    record EditUnchanged(String bucket) implements PolicyOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public String message() {
            return "no changes: nothing pushed";
        }
    }

    /** {@code policy edit} stopped without pushing; the edit is in {@code file}. {@code because} as {@link CorsOutcome.KeptBecause}. */
    record Kept(String bucket, Path file, CorsOutcome.KeptBecause because, PolicyOutcome push, String cause) implements PolicyOutcome {
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
                case STILL_CONFLICTING -> "not pushed: s3://" + bucket + " keeps the policy set meanwhile";
                case DECLINED, CONFLICT -> "nothing pushed";
                case NOT_REOPENED -> "cannot write the notice into the file to reopen it (" + cause + "): nothing pushed";
            };
            return what + "; your edit is kept in " + file;
        }
    }
}
