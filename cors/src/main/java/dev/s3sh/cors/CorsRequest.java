package dev.s3sh.cors;

import java.util.List;

/**
 * A browser request as a CORS-enabled server sees it.
 *
 * <ul>
 *   <li>{@code preflight}: an {@code OPTIONS} preflight (true) or the actual request (false);</li>
 *   <li>{@code method}: the HTTP method of an actual request ({@code "OPTIONS"} for a preflight);</li>
 *   <li>{@code origin}: the {@code Origin} header, null when the request has none ("" is an empty one);</li>
 *   <li>{@code requestMethod}: the {@code Access-Control-Request-Method} header, null when absent;</li>
 *   <li>{@code requestHeaders}: the raw {@code Access-Control-Request-Headers} value, null when absent
 *       (each dialect splits it its own way, see {@link #requestHeaderNames(Dialect)});</li>
 *   <li>{@code authorized}: the request carries an {@code Authorization} header (a signed request;
 *       presigned URLs carry none).</li>
 * </ul>
 */
public record CorsRequest(boolean preflight, String method, String origin, String requestMethod,
                          String requestHeaders, boolean authorized) {

    /** A preflight: {@code OPTIONS} with Origin, ACRM and (when {@code headers} is not empty) ACRH joined by ", ". */
    public static CorsRequest preflight(String origin, String requestMethod, List<String> headers) {
        return new CorsRequest(true, "OPTIONS", origin, requestMethod, join(headers), false);
    }

    /** An actual (non-preflight) request without ACRM/ACRH headers. */
    public static CorsRequest actual(String method, String origin, boolean authorized) {
        return new CorsRequest(false, method, origin, null, null, authorized);
    }

    public CorsRequest withOrigin(String value) {
        return new CorsRequest(preflight, method, value, requestMethod, requestHeaders, authorized);
    }

    public CorsRequest withRequestMethod(String value) {
        return new CorsRequest(preflight, method, origin, value, requestHeaders, authorized);
    }

    /** Sets the raw {@code Access-Control-Request-Headers} value (null removes the header). */
    public CorsRequest withRequestHeaders(String rawValue) {
        return new CorsRequest(preflight, method, origin, requestMethod, rawValue, authorized);
    }

    /**
     * The method the server judges: ACRM when present (always for a preflight), else the request's own
     * method.
     */
    public String judgedMethod() {
        return requestMethod != null || preflight ? requestMethod : method;
    }

    /** The header names of ACRH as the dialect splits them (empty when absent). */
    public List<String> requestHeaderNames(Dialect dialect) {
        return CorsMatching.splitHeaderList(dialect, requestHeaders);
    }

    private static String join(List<String> headers) {
        return headers == null || headers.isEmpty() ? null : String.join(", ", headers);
    }
}
