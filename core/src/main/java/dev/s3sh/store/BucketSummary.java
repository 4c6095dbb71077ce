package dev.s3sh.store;

import java.time.Instant;

public record BucketSummary(String name, Instant created) {
}
