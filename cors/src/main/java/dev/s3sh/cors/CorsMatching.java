package dev.s3sh.cors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How each dialect matches an origin or a header name against a rule's values, and splits a request
 * header list. The RGW half reproduces what Ceph RGW 16 does, quirks included (measured against the
 * real server, see docs/rgw-cors-semantics.md).
 */
public final class CorsMatching {
    /** The methods a CORS rule can allow, in RGW's stored order. */
    public static final List<String> METHODS = List.of("GET", "PUT", "DELETE", "HEAD", "POST");
    private static final Set<String> METHOD_SET = Set.copyOf(METHODS);

    private CorsMatching() {
    }

    /** True when {@code origin} matches one of the rule's AllowedOrigin values (case-sensitive). */
    public static boolean originMatches(Dialect dialect, Collection<String> patterns, String origin) {
        return matchesAny(dialect, patterns, origin);
    }

    /** True when header {@code name} matches one of the rule's AllowedHeader values (case-insensitive). */
    public static boolean headerMatches(Dialect dialect, Collection<String> patterns, String name) {
        List<String> lower = patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        return matchesAny(dialect, lower, name.toLowerCase(Locale.ROOT));
    }

    /** True when {@code method} (exact, case-sensitive) is a CORS method and the rule lists it. */
    public static boolean methodAllowed(Collection<String> ruleMethods, String method) {
        return method != null && METHOD_SET.contains(method) && ruleMethods.contains(method);
    }

    public static boolean isCorsMethod(String method) {
        return METHOD_SET.contains(method);
    }

    /**
     * Splits an {@code Access-Control-Request-Headers} value. RGW splits on any of {@code , ; = space tab};
     * AWS on commas, trimming spaces. Empty names are dropped; null gives an empty list.
     */
    public static List<String> splitHeaderList(Dialect dialect, String value) {
        List<String> names = new ArrayList<>();
        if (value == null) return names;
        String separators = dialect.isRgw() ? ",;= \t" : ",";
        StringBuilder current = new StringBuilder();
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (separators.indexOf(c) >= 0) {
                String name = current.toString().strip();
                if (!name.isEmpty()) names.add(name);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        return names;
    }

    private static boolean matchesAny(Dialect dialect, Collection<String> patterns, String value) {
        if (patterns.contains("*") || patterns.contains(value)) return true;
        for (String pattern : patterns) {
            if (pattern.indexOf('*') < 0) continue;
            if (dialect.isRgw() ? rgwWildcard(pattern, value) : globWildcard(pattern, value)) return true;
        }
        return false;
    }

    /**
     * RGW's wildcard: the pattern is cut at '*', space and tab into non-empty pieces; text before the
     * first '*' must start the value and text after it must end it. The two may overlap
     * ({@code http://a*a.com} matches {@code http://a.com}), and a pattern with a space or tab around
     * its '*' matches differently from what it says.
     */
    static boolean rgwWildcard(String pattern, String value) {
        int star = pattern.indexOf('*');
        Deque<String> pieces = new ArrayDeque<>();
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i <= pattern.length(); i++) {
            char c = i < pattern.length() ? pattern.charAt(i) : '*';
            if (c == '*' || c == ' ' || c == '\t') {
                if (piece.length() > 0) pieces.add(piece.toString());
                piece.setLength(0);
            } else {
                piece.append(c);
            }
        }
        if (star != 0) {
            if (pieces.isEmpty() || !value.startsWith(pieces.pollFirst())) return false;
        }
        if (star != pattern.length() - 1) {
            if (pieces.isEmpty() || !value.endsWith(pieces.pollFirst())) return false;
        }
        return pieces.isEmpty();
    }

    /** A plain glob with one '*' that matches any text, the empty text included. */
    static boolean globWildcard(String pattern, String value) {
        int star = pattern.indexOf('*');
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        if (suffix.indexOf('*') >= 0) return false;
        return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix) && value.endsWith(suffix);
    }
}
