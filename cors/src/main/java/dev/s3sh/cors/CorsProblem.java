package dev.s3sh.cors;

/**
 * One thing wrong (or worth knowing) about a CORS document, located as precisely as known.
 * {@code position} is null when the problem concerns a configuration built without a document;
 * {@code rule} is the 1-based rule number once known, {@code field} the element name
 * ({@code AllowedMethod}, {@code MaxAgeSeconds}, ...) or null. The message is one sentence that
 * already names the field and value, e.g. {@code AllowedMethod 'PATCH' is not one of GET, PUT, POST, DELETE, HEAD}.
 */
public record CorsProblem(Severity severity, String source, SourcePosition position, Integer rule, String field,
                          String message) {

    public enum Severity {
        /** The server refuses the document (or s3sh cannot read it). */
        ERROR,
        /** The server takes it, but probably not the way its author meant. */
        WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * One line: {@code cors.xml:14:7: rule 2: AllowedMethod 'PATCH' is not one of ...}; warnings read
     * {@code cors.xml:14:7: warning: rule 2: ...}; without a position {@code cors.xml: rule 2: ...}.
     */
    public String render() {
        StringBuilder b = new StringBuilder(source == null ? "<input>" : source);
        if (position != null) b.append(':').append(position.render());
        b.append(": ");
        if (severity == Severity.WARNING) b.append("warning: ");
        if (rule != null) b.append("rule ").append(rule).append(": ");
        return b.append(message).toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
