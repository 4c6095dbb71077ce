package dev.s3sh.store;

import java.time.Instant;

public record ObjectSummary(String key, long size, Instant lastModified, String storageClass, String etag) {
}
