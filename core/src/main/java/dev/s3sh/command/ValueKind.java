package dev.s3sh.command;

import java.util.List;

/**
 * What an argument or option value is, so that completion knows what to offer and help what to
 * call it. {@code name} is what help shows (upper-cased) and, for {@link Type#PROVIDED} kinds, the
 * key a value provider answers to; {@code choices} are offered, and refused otherwise only by
 * {@link Type#CHOICE}.
 */
public record ValueKind(Type type, String name, List<String> choices) {
    public enum Type {
        /** Free text: nothing to offer. */
        TEXT,
        /** An s3:// path: buckets, prefixes and keys. */
        S3_PATH,
        /** A bucket or prefix (a place to {@code cd} to): no object keys. */
        S3_DIR,
        BUCKET,
        LOCAL_FILE,
        /** A command name (for {@code help}). */
        COMMAND,
        /** One of {@code choices}, nothing else. */
        CHOICE,
        /** {@code choices} are offered, any value is accepted. */
        SUGGESTED,
        /** Values only another part of s3sh knows (profiles, templates), by {@code name}. */
        PROVIDED
    }

    public static final ValueKind TEXT = new ValueKind(Type.TEXT, "text", List.of());
    public static final ValueKind S3_PATH = new ValueKind(Type.S3_PATH, "s3path", List.of());
    public static final ValueKind S3_DIR = new ValueKind(Type.S3_DIR, "s3dir", List.of());
    public static final ValueKind BUCKET = new ValueKind(Type.BUCKET, "bucket", List.of());
    public static final ValueKind LOCAL_FILE = new ValueKind(Type.LOCAL_FILE, "file", List.of());
    public static final ValueKind PROFILE = provided("profile");
    public static final ValueKind COMMAND = new ValueKind(Type.COMMAND, "command", List.of());
    /** Completes the five S3 CORS methods but accepts any, so a check can explain why PATCH is denied. */
    public static final ValueKind HTTP_METHOD = suggested("method", "GET", "PUT", "POST", "DELETE", "HEAD");
    public static final ValueKind DIALECT = new ValueKind(Type.CHOICE, "dialect", List.of("rgw", "rgw-2026", "aws"));
    public static final ValueKind OUTPUT_FORMAT = new ValueKind(Type.CHOICE, "format", OutputFormat.words());

    public ValueKind {
        choices = List.copyOf(choices);
    }

    public boolean strict() {
        return type == Type.CHOICE;
    }

    public static ValueKind choice(String... values) {
        return new ValueKind(Type.CHOICE, "choice", List.of(values));
    }

    public static ValueKind suggested(String name, String... values) {
        return new ValueKind(Type.SUGGESTED, name, List.of(values));
    }

    public static ValueKind provided(String name) {
        return new ValueKind(Type.PROVIDED, name, List.of());
    }
}
