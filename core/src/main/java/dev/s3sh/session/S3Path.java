package dev.s3sh.session;

import dev.s3sh.text.TerminalText;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A location in the store: the root (no bucket), a bucket, or a key/prefix inside one.
 * {@code key} is "" for the bucket itself; a prefix ends with "/".
 */
public record S3Path(String bucket, String key) {
    public static final S3Path ROOT = new S3Path(null, "");

    public S3Path {
        if (bucket != null && bucket.isEmpty()) bucket = null;
        if (key == null || bucket == null) key = "";
    }

    /** Longest key S3 (and RGW) stores, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    /** A path no S3 server could hold: said before any request is made. */
    public static final class InvalidPathException extends IllegalArgumentException {
        public InvalidPathException(String message) {
            super(message);
        }
    }

    /**
     * Null when a server could hold this path, else why not. Bucket names are checked leniently
     * (legacy AWS names may have capitals and '_', and be up to 255 characters): only what no S3
     * server accepts is refused, such as spaces, control characters or a key over 1024 bytes.
     */
    public String problem() {
        if (bucket == null) return null;
        if (bucket.length() < 3 || bucket.length() > 255 || !bucket.matches("[A-Za-z0-9._-]+")) {
            return "'" + visible(bucket.length() > 80 ? bucket.substring(0, 80) + "..." : bucket) + "' is not a valid bucket name"
                    + " (3 to 63 lowercase letters, digits, '.' and '-')";
        }
        int bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            return "the key is " + bytes + " bytes long; S3 keys are at most " + MAX_KEY_BYTES + " bytes";
        }
        return null;
    }

    /** {@code text} as it may reach a terminal: see {@link TerminalText#visible}. */
    public static String visible(String text) {
        return TerminalText.visible(text);
    }

    public boolean isRoot() {
        return bucket == null;
    }

    /** True for a bucket or a prefix ending in "/": something one can {@code cd} into or list. */
    public boolean isDirectory() {
        return bucket == null || key.isEmpty() || key.endsWith("/");
    }

    public S3Path asDirectory() {
        return isDirectory() ? this : new S3Path(bucket, key + "/");
    }

    /**
     * Resolves what a user typed against this location. Accepted forms: {@code s3://b/k},
     * absolute {@code /b/k}, relative {@code k} or {@code sub/}, {@code ..} and {@code .}.
     * A trailing "/" is kept so that prefixes stay prefixes. Keys are otherwise taken as typed:
     * "..", "." and empty segments only have their shell meaning in relative and absolute forms.
     */
    public S3Path resolve(String input) {
        if (input == null || input.isEmpty()) return this;
        if (input.startsWith("s3://")) {
            String rest = input.substring(5);
            int slash = rest.indexOf('/');
            return slash < 0 ? new S3Path(rest, "") : new S3Path(rest.substring(0, slash), rest.substring(slash + 1));
        }
        Deque<String> parts = new ArrayDeque<>();
        if (!input.startsWith("/")) {
            if (bucket != null) parts.add(bucket);
            if (!key.isEmpty()) {
                String base = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
                for (String s : base.split("/", -1)) parts.add(s);
            }
        }
        boolean trailingSlash = input.endsWith("/") || input.endsWith("/..") || input.equals("..")
                || input.endsWith("/.") || input.equals(".");
        for (String segment : input.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (segment.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
                continue;
            }
            parts.add(segment);
        }
        if (parts.isEmpty()) return ROOT;
        String b = parts.removeFirst();
        if (parts.isEmpty()) return new S3Path(b, "");
        String k = String.join("/", parts);
        return new S3Path(b, trailingSlash ? k + "/" : k);
    }

    /** The parent prefix ("" for a bucket's top level). */
    public String parentPrefix() {
        String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        int slash = k.lastIndexOf('/');
        return slash < 0 ? "" : k.substring(0, slash + 1);
    }

    @Override
    public String toString() {
        if (bucket == null) return "s3://";
        return "s3://" + bucket + "/" + key;
    }
}
