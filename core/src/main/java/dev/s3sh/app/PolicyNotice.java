package dev.s3sh.app;

import dev.s3sh.policy.PolicyDiff;
import dev.s3sh.policy.PolicyProblem;

import java.nio.file.Path;
import java.util.List;

/** What the policy service tells the user while it works ({@link PolicyPorts#tell}). */
public sealed interface PolicyNotice {
    /** A push about to happen: the policy's warnings and the diff against the server. */
    record Change(String bucket, List<PolicyProblem> warnings, PolicyDiff diff) implements PolicyNotice {
    }

    record Restoring(boolean undo, PolicyHistory.Entry entry) implements PolicyNotice {
    }

    record HistorySkipped(CorsHistory.Skipped skipped) implements PolicyNotice {
    }

    /** {@code policy edit}: the saved policy has these problems (lines as counted in the reopened file); the editor reopens. */
    record Reopening(List<String> problems) implements PolicyNotice {
    }

    record EditKept(Path file) implements PolicyNotice {
    }
}
