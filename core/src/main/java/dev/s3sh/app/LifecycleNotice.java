package dev.s3sh.app;

import dev.s3sh.lifecycle.LifecycleProblem;
import dev.s3sh.policy.PolicyDiff;

import java.nio.file.Path;
import java.util.List;

/** What the lifecycle service tells the user while it works ({@link LifecyclePorts#tell}). */
public sealed interface LifecycleNotice {
    /** A push about to happen: the configuration's warnings and the diff against the server. */
    record Change(String bucket, List<LifecycleProblem> warnings, PolicyDiff diff) implements LifecycleNotice {
    }

    record Restoring(boolean undo, LifecycleHistory.Entry entry) implements LifecycleNotice {
    }

    record HistorySkipped(CorsHistory.Skipped skipped) implements LifecycleNotice {
    }

    /** {@code lifecycle edit}: the saved file has these problems (lines as counted in the reopened file); the editor reopens. */
    record Reopening(List<String> problems) implements LifecycleNotice {
    }

    record EditKept(Path file) implements LifecycleNotice {
    }
}
