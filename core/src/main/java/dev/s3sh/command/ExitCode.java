package dev.s3sh.command;

/** Exit statuses of one-shot mode (DESIGN §8). */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int INVALID_INPUT = 3;

    private ExitCode() {
    }
}
