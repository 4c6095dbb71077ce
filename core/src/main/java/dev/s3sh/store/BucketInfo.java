package dev.s3sh.store;

import dev.s3sh.cors.CorsConfiguration;

import java.util.List;
import java.util.Optional;

/**
 * What {@code s3cmd info s3://BUCKET} shows. Each optional part is empty when the bucket has none;
 * a part the server refused to tell is described in {@code notes} instead.
 */
public record BucketInfo(String bucket,
                         String location,
                         String payer,
                         Optional<String> expirationRule,
                         Optional<String> policy,
                         Optional<CorsConfiguration> cors,
                         List<String> acl,
                         List<String> notes) {
}
