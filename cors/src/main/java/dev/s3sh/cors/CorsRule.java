package dev.s3sh.cors;

import java.math.BigInteger;
import java.util.List;

/**
 * One CORS rule as S3 defines it. Lists keep the order the document gave; {@code id} is null when absent.
 *
 * <p>MaxAgeSeconds is held twice: {@code maxAge} is the number exactly as the document wrote it (any size,
 * any sign; null when absent), because RGW accepts numbers far outside Java's {@code int} and does its own
 * thing with them (see {@link #rgwMaxAge()}); {@code maxAgeSeconds} is the same number when it fits an
 * {@code int}, else null, for the callers that only know ints. The 6-argument constructor (the old shape)
 * takes the int. When both are given, {@code maxAge} wins.
 */
public record CorsRule(String id,
                       List<String> allowedMethods,
                       List<String> allowedOrigins,
                       List<String> allowedHeaders,
                       List<String> exposeHeaders,
                       Integer maxAgeSeconds,
                       BigInteger maxAge) {
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger ULLONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);
    /** RGW's CORS_MAX_AGE_INVALID, (uint32_t)-1: stored, it means "no max age". */
    public static final long RGW_MAX_AGE_INVALID = 0xFFFFFFFFL;

    public CorsRule {
        allowedMethods = List.copyOf(allowedMethods);
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
        if (maxAge == null && maxAgeSeconds != null) maxAge = BigInteger.valueOf(maxAgeSeconds);
        maxAgeSeconds = maxAge == null || maxAge.compareTo(INT_MIN) < 0 || maxAge.compareTo(INT_MAX) > 0 ? null : maxAge.intValue();
    }

    public CorsRule(String id, List<String> allowedMethods, List<String> allowedOrigins, List<String> allowedHeaders,
                    List<String> exposeHeaders, Integer maxAgeSeconds) {
        this(id, allowedMethods, allowedOrigins, allowedHeaders, exposeHeaders, maxAgeSeconds, null);
    }

    /** The same rule with another MaxAgeSeconds (null removes it). */
    public CorsRule withMaxAge(BigInteger value) {
        return new CorsRule(id, allowedMethods, allowedOrigins, allowedHeaders, exposeHeaders, null, value);
    }

    /** True when the document gave a MaxAgeSeconds that does not fit an {@code int} (only RGW accepts those). */
    public boolean maxAgeOutsideInt() {
        return maxAge != null && maxAgeSeconds == null;
    }

    /**
     * The max age RGW stores and sends for this rule, or -1 when it keeps none (no {@code Access-Control-Max-Age}
     * header). RGW reads the text with {@code strtoull} into an {@code unsigned long long} (a leading '-' negates
     * modulo 2^64, an overflow gives ULLONG_MAX), keeps no max age when the result is 2^32 or more, and stores the
     * rest as a {@code uint32_t}, where 4294967295 is its own "invalid" marker, so that value is not sent either
     * (ceph v16.2.15 src/rgw/rgw_cors_s3.cc RGWCORSRule_S3::xml_end, "Check of max_age"; rgw_cors.h
     * CORS_MAX_AGE_INVALID; rgw_rest.cc dump_access_control skips max_age == CORS_MAX_AGE_INVALID).
     */
    public long rgwMaxAge() {
        return rgwMaxAge(maxAge);
    }

    /** See {@link #rgwMaxAge()}: RGW's stored value for a MaxAgeSeconds number, -1 for none. */
    public static long rgwMaxAge(BigInteger written) {
        if (written == null) return -1;
        BigInteger ull;
        if (written.signum() >= 0) {
            ull = written.compareTo(ULLONG_MAX) > 0 ? ULLONG_MAX : written;
        } else {
            BigInteger magnitude = written.negate();
            ull = magnitude.compareTo(ULLONG_MAX) > 0 ? ULLONG_MAX : TWO_64.subtract(magnitude).mod(TWO_64);
        }
        if (ull.compareTo(TWO_32) >= 0) return -1;
        long v = ull.longValueExact();
        return v == RGW_MAX_AGE_INVALID ? -1 : v;
    }
}
