package dev.s3sh.document;

/**
 * One thing wrong (or worth knowing) about a bucket document (a policy, a lifecycle configuration):
 * {@code line}/{@code column} 1-based, 0 when unknown; {@code part} where in the document, e.g.
 * "statement 2" or "rule 1", or null. The message is one sentence.
 */
public record DocumentProblem(Severity severity, String source, int line, int column, String part, String message) {

    public enum Severity {
        /** The server refuses the document, or it cannot apply to the bucket: nothing is pushed. */
        ERROR,
        /** The server takes it, but probably not as its author meant. */
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
        if (part != null) b.append(part).append(": ");
        return b.append(message).toString();
    }

    /** The same problem in a file that has {@code lines} more lines above the document (an edit header). */
    public DocumentProblem movedDown(int lines) {
        return line <= 0 ? this : new DocumentProblem(severity, source, line + lines, column, part, message);
    }

    @Override
    public String toString() {
        return render();
    }
}
