package dev.s3sh.store;

import java.util.List;

/**
 * A real CORS request to send: a preflight (OPTIONS with Access-Control-Request-*), or an actual
 * GET/HEAD carrying an Origin, signed ({@code signed}) or anonymous. {@code key} may be null (the bucket).
 * {@code origin} null sends no Origin header.
 */
public record ProbeRequest(String bucket, String key, boolean preflight, String method, String origin,
                           List<String> requestHeaders, boolean signed) {
    public ProbeRequest {
        requestHeaders = requestHeaders == null ? List.of() : List.copyOf(requestHeaders);
    }
}
