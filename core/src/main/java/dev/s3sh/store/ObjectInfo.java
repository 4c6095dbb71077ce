package dev.s3sh.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a HEAD request says about one object. {@code partSize} is the size of part 1 for multipart objects, else 0. */
public record ObjectInfo(String bucket, String key, long size, Instant lastModified, String contentType, String etag,
                         String storageClass, Map<String, String> metadata, int partCount, long partSize) {

    /** The ETag without quotes. */
    public String plainEtag() {
        return etag == null ? null : etag.replace("\"", "");
    }

    /**
     * The object's facts as {@code stat} prints them, one "Label: value" a line (user metadata one
     * key a line, sorted): shared by the {@code stat} command and the full-screen details pane so
     * that both say the same thing the same way.
     */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("Size:          " + size + (size >= 1024 ? " (" + humanSize(size) + ")" : ""));
        out.add("Last modified: " + (lastModified == null ? "unknown" : lastModified));
        out.add("Content type:  " + (contentType == null ? "none" : contentType));
        out.add("ETag:          " + plainEtag());
        out.add("Storage class: " + storageClass);
        if (partCount > 0) out.add("Parts:         " + partCount + (partSize > 0 ? " of " + humanSize(partSize) : ""));
        if (metadata == null || metadata.isEmpty()) out.add("Metadata:      none");
        else new TreeMap<>(metadata).forEach((k, v) -> out.add("Metadata:      x-amz-meta-" + k + ": " + v));
        return out;
    }

    /** 1536 → "1.5K"; plain bytes below 1024. */
    public static String humanSize(long bytes) {
        if (bytes < 1024) return Long.toString(bytes);
        String units = "KMGTPE";
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length() - 1) {
            value /= 1024;
            unit++;
        }
        return (value < 10 ? String.format("%.1f", value) : String.format("%.0f", value)) + units.charAt(unit);
    }
}
