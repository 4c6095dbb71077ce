package dev.s3sh.command;

/** Exit statuses of one-shot mode (docs/architecture.md, the command contract). */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int INVALID_INPUT = 3;
    /** Ctrl-C: 128 + SIGINT, as a shell reports a command that INT stopped. */
    public static final int INTERRUPTED = 130;
    /**
     * Returned by {@code exit}: the {@link CommandRunner} turns it into an {@link CommandRunner.Outcome}
     * that asks the front end to stop, with status {@link #OK}. It is never a process's status.
     */
    public static final int LEAVE = -1;

    private ExitCode() {
    }
}
