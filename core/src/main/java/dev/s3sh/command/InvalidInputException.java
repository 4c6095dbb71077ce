package dev.s3sh.command;

import java.util.List;

/** Input given to a command failed validation (exit status 3); each problem is one line. */
public class InvalidInputException extends RuntimeException {
    private final List<String> problems;

    public InvalidInputException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String message) {
        this(message, List.of());
    }

    public List<String> problems() {
        return problems;
    }
}
