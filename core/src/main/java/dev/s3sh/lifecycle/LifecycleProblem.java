package dev.s3sh.lifecycle;

/**
 * One thing wrong (or worth knowing) about a lifecycle configuration: {@code line}/{@code column}
 * 1-based, 0 when unknown; {@code rule} the 1-based rule number or null. The message is one sentence.
 */
public record LifecycleProblem(Severity severity, String source, int line, int column, Integer rule, String message) {

    public enum Severity {
        /** RGW refuses the configuration: nothing is pushed. */
        ERROR,
        /** RGW takes it, but probably not as its author meant. */
        WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code lc.xml:4:17: rule 2: message}; without a position {@code lc.xml: rule 2: message}. */
    public String render() {
        StringBuilder b = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) b.append(':').append(line).append(':').append(column);
        b.append(": ");
        if (severity == Severity.WARNING) b.append("warning: ");
        if (rule != null) b.append("rule ").append(rule).append(": ");
        return b.append(message).toString();
    }

    public LifecycleProblem movedDown(int lines) {
        return line <= 0 ? this : new LifecycleProblem(severity, source, line + lines, column, rule, message);
    }

    @Override
    public String toString() {
        return render();
    }
}
