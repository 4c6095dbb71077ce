package dev.s3sh.policy;

/**
 * One thing wrong (or worth knowing) about a bucket policy: {@code line}/{@code column} 1-based, 0
 * when unknown; {@code statement} the 1-based statement number or null. The message is one sentence.
 */
public record PolicyProblem(Severity severity, String source, int line, int column, Integer statement, String message) {

    public enum Severity {
        /** RGW refuses the policy, or it cannot apply to the bucket: nothing is pushed. */
        ERROR,
        /** RGW takes it, but probably not as its author meant. */
        WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code policy.json:4:17: statement 2: message}; without a position {@code policy.json: statement 2: message}. */
    public String render() {
        StringBuilder b = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) b.append(':').append(line).append(':').append(column);
        b.append(": ");
        if (severity == Severity.WARNING) b.append("warning: ");
        if (statement != null) b.append("statement ").append(statement).append(": ");
        return b.append(message).toString();
    }

    public PolicyProblem movedDown(int lines) {
        return line <= 0 ? this : new PolicyProblem(severity, source, line + lines, column, statement, message);
    }

    @Override
    public String toString() {
        return render();
    }
}
