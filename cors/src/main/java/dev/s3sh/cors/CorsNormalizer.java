package dev.s3sh.cors;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Forms of a configuration that make comparisons meaningful: what s3sh pushes ({@link #trimmed}),
 * what RGW stores and returns ({@link #rgwStoredForm}), and a structural equality that ignores
 * the order of values inside a rule ({@link #sameRules}).
 */
public final class CorsNormalizer {
    /** The order RGW returns methods in (measured on RGW 16); COPY is RGW's own extension. */
    public static final List<String> RGW_METHOD_ORDER = List.of("GET", "PUT", "DELETE", "HEAD", "POST", "COPY");

    /** Orders strings by their UTF-8 bytes, unsigned, as a C++ {@code std::set<std::string>} does. */
    public static final Comparator<String> BYTE_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private CorsNormalizer() {
    }

    /**
     * Every value and the ID stripped of surrounding whitespace, which RGW would otherwise store and
     * then never match. Nothing else changes; this is what a push sends.
     */
    public static CorsConfiguration trimmed(CorsConfiguration config) {
        return new CorsConfiguration(config.rules().stream().map(r -> new CorsRule(
                r.id() == null ? null : r.id().strip(),
                strip(r.allowedMethods()), strip(r.allowedOrigins()), strip(r.allowedHeaders()), strip(r.exposeHeaders()),
                null, r.maxAge())).toList());
    }

    /**
     * What RGW stores for {@code config} and returns on a read-back (docs/rgw-cors-semantics.md, re-measured): an
     * empty ID dropped; methods in capitals, deduplicated, in {@link #RGW_METHOD_ORDER}; origins and
     * allowed headers deduplicated and sorted by bytes; expose headers as given; MaxAgeSeconds as RGW
     * reads it ({@link CorsRule#rgwMaxAge()}: negative, 4294967295 and larger dropped, 2^31..2^32-2 kept). Spaces are kept, as RGW keeps them. Methods RGW would refuse are kept
     * after the known ones so that nothing silently disappears.
     */
    public static CorsConfiguration rgwStoredForm(CorsConfiguration config) {
        List<CorsRule> rules = new ArrayList<>();
        for (CorsRule r : config.rules()) {
            Set<String> upper = new LinkedHashSet<>();
            for (String m : r.allowedMethods()) upper.add(m.toUpperCase(Locale.ROOT));
            List<String> methods = new ArrayList<>();
            for (String m : RGW_METHOD_ORDER) if (upper.contains(m)) methods.add(m);
            for (String m : upper) if (!RGW_METHOD_ORDER.contains(m)) methods.add(m);
            long stored = r.rgwMaxAge();
            BigInteger maxAge = stored < 0 ? null : BigInteger.valueOf(stored);
            String id = r.id() == null || r.id().isEmpty() ? null : r.id();
            rules.add(new CorsRule(id, methods, byteSorted(r.allowedOrigins()), byteSorted(r.allowedHeaders()),
                    r.exposeHeaders(), null, maxAge));
        }
        return new CorsConfiguration(rules);
    }

    /**
     * The rules as the server holds them after accepting {@code config}, which is what it evaluates requests
     * against: {@link #rgwStoredForm} for both RGW behaviours (methods in capitals, MaxAgeSeconds as RGW reads it),
     * the configuration itself for AWS (which refuses what it would change).
     */
    public static CorsConfiguration storedForm(CorsConfiguration config, Dialect dialect) {
        return config == null || !dialect.isRgw() ? config : rgwStoredForm(config);
    }

    /**
     * True when both hold the same rules in the same order, comparing each rule by structure: the
     * ID (an empty one counts as none), the sets of methods (any case), origins, allowed headers and
     * expose headers, and MaxAgeSeconds. A read-back from any server matches what was pushed when
     * this holds. A null configuration (none) equals only null.
     */
    public static boolean sameRules(CorsConfiguration a, CorsConfiguration b) {
        if (a == null || b == null) return a == b;
        if (a.rules().size() != b.rules().size()) return false;
        for (int i = 0; i < a.rules().size(); i++) {
            if (!sameRule(a.rules().get(i), b.rules().get(i))) return false;
        }
        return true;
    }

    public static boolean sameRule(CorsRule a, CorsRule b) {
        return Objects.equals(blankToNull(a.id()), blankToNull(b.id()))
                && upperSet(a.allowedMethods()).equals(upperSet(b.allowedMethods()))
                && new HashSet<>(a.allowedOrigins()).equals(new HashSet<>(b.allowedOrigins()))
                && new HashSet<>(a.allowedHeaders()).equals(new HashSet<>(b.allowedHeaders()))
                && new HashSet<>(a.exposeHeaders()).equals(new HashSet<>(b.exposeHeaders()))
                && Objects.equals(a.maxAge(), b.maxAge());
    }

    private static List<String> strip(List<String> values) {
        return values.stream().map(String::strip).toList();
    }

    private static List<String> byteSorted(List<String> values) {
        TreeSet<String> set = new TreeSet<>(BYTE_ORDER);
        set.addAll(values);
        return List.copyOf(set);
    }

    private static Set<String> upperSet(List<String> values) {
        Set<String> s = new HashSet<>();
        for (String v : values) s.add(v.toUpperCase(Locale.ROOT));
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
