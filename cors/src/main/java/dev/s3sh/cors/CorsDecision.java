package dev.s3sh.cors;

import java.util.List;
import java.util.Map;

/**
 * What the server answers to one {@link CorsRequest}.
 *
 * <ul>
 *   <li>{@code allowed}: a browser would let the request through (the answer carries
 *       {@code Access-Control-Allow-Origin} and, for a preflight, status 200);</li>
 *   <li>{@code rule}: 1-based index of the deciding rule, null when no rule decided;</li>
 *   <li>{@code status}: HTTP status of the answer (for an actual request: 200 unless the bucket is missing;
 *       CORS never changes an actual request's status);</li>
 *   <li>{@code errorCode}: the S3 error code of a non-2xx answer (e.g. {@code AccessDenied}), else null;</li>
 *   <li>{@code headers}: lowercased {@code access-control-*} and {@code vary} names to the exact values sent,
 *       in the order the server sends them;</li>
 *   <li>{@code reason}: one sentence; {@code explanation}: the steps that led there, one per line;</li>
 *   <li>{@code suggestion}: for a denial, the smallest change to the configuration (or request) that would
 *       allow it; null when allowed or when nothing in the configuration can help.</li>
 * </ul>
 */
public record CorsDecision(boolean allowed, Integer rule, int status, String errorCode, Map<String, String> headers,
                           String reason, List<String> explanation, String suggestion) {
    public CorsDecision {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        explanation = List.copyOf(explanation);
    }
}
