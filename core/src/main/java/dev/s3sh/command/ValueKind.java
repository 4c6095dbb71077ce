package dev.s3sh.command;

import java.util.List;

/**
 * What an argument or option value is, so completion knows what to offer. {@code choices} is the
 * finite set of values; only the "choice" kind refuses anything else.
 */
public record ValueKind(String kind, List<String> choices) {
    public static final ValueKind TEXT = new ValueKind("text", List.of());
    public static final ValueKind S3_PATH = new ValueKind("s3path", List.of());
    /** A bucket or a prefix (a place to {@code cd} to): completion offers no object keys. */
    public static final ValueKind S3_DIR = new ValueKind("s3dir", List.of());
    public static final ValueKind BUCKET = new ValueKind("bucket", List.of());
    public static final ValueKind LOCAL_FILE = new ValueKind("file", List.of());
    public static final ValueKind PROFILE = new ValueKind("profile", List.of());
    public static final ValueKind COMMAND = new ValueKind("command", List.of());
    /** Completes the five S3 CORS methods but accepts any, so a check can explain why PATCH is denied. */
    public static final ValueKind HTTP_METHOD = new ValueKind("method", List.of("GET", "PUT", "POST", "DELETE", "HEAD"));
    public static final ValueKind DIALECT = choice("rgw", "rgw-2026", "aws");

    public boolean strict() {
        return kind.equals("choice");
    }

    public static ValueKind choice(String... values) {
        return new ValueKind("choice", List.of(values));
    }
}
