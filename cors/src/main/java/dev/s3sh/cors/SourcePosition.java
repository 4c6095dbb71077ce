package dev.s3sh.cors;

/**
 * Where something sits in a CORS document: 1-based line and column and, for JSON documents, the
 * JSON path of the value ({@code $.CORSRules[1].AllowedMethods[0]}); {@code jsonPath} is null for XML.
 */
public record SourcePosition(int line, int column, String jsonPath) {
    public static SourcePosition xml(int line, int column) {
        return new SourcePosition(line, column, null);
    }

    public static SourcePosition json(int line, int column, String jsonPath) {
        return new SourcePosition(line, column, jsonPath);
    }

    /** {@code 14:7}, or {@code 3:9: $.CORSRules[0].ID} for JSON. */
    public String render() {
        String at = line + ":" + column;
        return jsonPath == null ? at : at + ": " + jsonPath;
    }
}
