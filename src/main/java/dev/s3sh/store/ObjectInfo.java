package dev.s3sh.store;

import java.time.Instant;
import java.util.Map;

/** What a HEAD request says about one object. {@code partSize} is the size of part 1 for multipart objects, else 0. */
public record ObjectInfo(String bucket, String key, long size, Instant lastModified, String contentType, String etag,
                         String storageClass, Map<String, String> metadata, int partCount, long partSize) {

    /** The ETag without quotes. */
    public String plainEtag() {
        return etag == null ? null : etag.replace("\"", "");
    }
}
