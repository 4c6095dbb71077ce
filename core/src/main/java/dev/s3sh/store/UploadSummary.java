package dev.s3sh.store;

import java.time.Instant;

/** A multipart upload that was started and neither completed nor aborted. */
public record UploadSummary(String key, String uploadId, Instant initiated) {
}
