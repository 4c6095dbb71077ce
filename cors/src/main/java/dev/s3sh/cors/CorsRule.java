package dev.s3sh.cors;

import java.util.List;

/**
 * One CORS rule as S3 defines it. Lists keep the order the document gave; {@code id} and
 * {@code maxAgeSeconds} are null when absent.
 */
public record CorsRule(String id,
                       List<String> allowedMethods,
                       List<String> allowedOrigins,
                       List<String> allowedHeaders,
                       List<String> exposeHeaders,
                       Integer maxAgeSeconds) {
    public CorsRule {
        allowedMethods = List.copyOf(allowedMethods);
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }
}
