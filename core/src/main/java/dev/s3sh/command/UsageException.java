package dev.s3sh.command;

/** The command line itself is wrong (exit status 2). The message is one sentence for the user. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
