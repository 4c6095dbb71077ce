package dev.s3sh.cors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A configuration as a grid: for each origin and method, whether a preflight is allowed and which
 * rule decides. People read a grid faster than a list of rules. Pure: no I/O.
 *
 * <pre>
 * CorsMatrix m = CorsMatrix.of(config, Dialect.RGW, CorsMatrix.origins(config), CorsMatrix.METHODS, List.of());
 * </pre>
 */
public record CorsMatrix(Dialect dialect, List<String> origins, List<String> methods, List<String> headers, List<List<Cell>> rows) {
    /** The methods a grid shows unless told otherwise. */
    public static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "HEAD");

    /**
     * An origin no rule names, so the grid always shows what a stranger gets; {@code .invalid} (RFC 2606)
     * can never be a real site.
     */
    public static final String FOREIGN_ORIGIN = "https://foreign.invalid";

    private static final List<String> SAMPLE_WORDS = List.of("app", "www", "sample", "s3sh-sample");

    /** One preflight's verdict: {@code rule} is 1-based, null when no rule decided. */
    public record Cell(boolean allowed, Integer rule, int status) {
    }

    public CorsMatrix {
        origins = List.copyOf(origins);
        methods = List.copyOf(methods);
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
    }

    public Cell cell(int origin, int method) {
        return rows.get(origin).get(method);
    }

    /** Evaluates a preflight for every origin × method; {@code config} null is a bucket without CORS. */
    public static CorsMatrix of(CorsConfiguration config, Dialect dialect, List<String> origins, List<String> methods,
                                List<String> headers) {
        List<String> upper = methods.stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).toList();
        List<List<Cell>> rows = new ArrayList<>();
        for (String origin : origins) {
            List<Cell> row = new ArrayList<>();
            for (String method : upper) {
                CorsDecision d = CorsEvaluator.evaluate(config, dialect, CorsRequest.preflight(origin, method, headers));
                row.add(new Cell(d.allowed(), d.rule(), d.status()));
            }
            rows.add(row);
        }
        return new CorsMatrix(dialect, origins, upper, headers, rows);
    }

    /**
     * The origins worth a row when none are given: every literal AllowedOrigin, a sample for each
     * wildcard, then {@link #FOREIGN_ORIGIN}.
     */
    public static List<String> origins(CorsConfiguration config) {
        Set<String> out = new LinkedHashSet<>();
        List<String> wildcards = new ArrayList<>();
        if (config != null) {
            for (CorsRule r : config.rules()) {
                for (String o : r.allowedOrigins()) {
                    String s = o.strip();
                    if (s.isEmpty() || s.equals("*")) continue; // the foreign origin stands for "anyone"
                    if (s.indexOf('*') < 0) out.add(s);
                    else wildcards.add(s);
                }
            }
        }
        // a sample the literals do not already show, so each wildcard gets a row of its own
        for (String w : wildcards) {
            for (String word : SAMPLE_WORDS) {
                String sample = w.substring(0, w.indexOf('*')) + word + w.substring(w.indexOf('*') + 1);
                if (out.add(sample)) break;
            }
        }
        out.add(FOREIGN_ORIGIN);
        return new ArrayList<>(out);
    }
}
