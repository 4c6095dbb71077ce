package dev.s3sh.cors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the two RGW rule-choice behaviours apart from the outside, without changing anything (docs/architecture.md, the command contract;
 * {@code cors detect}): {@link #probe} computes, from a bucket's own rules, one anonymous preflight on which
 * "origin-first" (RGW before the 2026 change, {@link Dialect#RGW}) and "full-match" (RGW after Ceph PR #69190,
 * {@link Dialect#RGW_2026}, and AWS) give different answers, or says that no such request exists, in which case
 * the difference does not matter for these rules; {@link #interpret} reads the server's answer to that preflight.
 *
 * <p>The two behaviours can only disagree one way: the first rule whose origin matches lacks the method or a
 * header, and a later rule with the same origin has them all. Origin-first then answers 403, full-match 200
 * (when the first origin rule fits, both pick it). Pure: no I/O.
 *
 * <pre>
 * Optional&lt;CorsDetector.Probe&gt; p = CorsDetector.probe(config);
 * // send p.get().request() as OPTIONS (Origin, Access-Control-Request-Method, -Headers), read status and headers
 * CorsDetector.Detection d = CorsDetector.interpret(p.get(), status, headers);
 * d.behaviour().id(); // "origin-first" or "full-match"
 * </pre>
 */
public final class CorsDetector {
    private CorsDetector() {
    }

    /** How a server chooses the rule; {@code UNKNOWN} when an answer fits neither. */
    public enum Behaviour {
        ORIGIN_FIRST("origin-first", Dialect.RGW),
        FULL_MATCH("full-match", Dialect.RGW_2026),
        UNKNOWN("unknown", null);

        private final String id;
        private final Dialect dialect;

        Behaviour(String id, Dialect dialect) {
            this.id = id;
            this.dialect = dialect;
        }

        /** "origin-first", "full-match" or "unknown" (the names of the command contract, docs/architecture.md). */
        public String id() {
            return id;
        }

        /** The RGW dialect that evaluates like this ({@code rgw} or {@code rgw-2026}), null for UNKNOWN. */
        public Dialect dialect() {
            return dialect;
        }
    }

    /**
     * A preflight the two behaviours answer differently: {@code request} (always a preflight with a non-empty
     * Origin and a CORS method), what each would answer, the rule each decides by (1-based), and one sentence
     * saying why they differ.
     */
    public record Probe(CorsRequest request, CorsDecision originFirst, CorsDecision fullMatch, int originRule, int fullMatchRule,
                        String why) {
    }

    /** The outcome of {@link #interpret}: the behaviour and one sentence saying how the answer showed it. */
    public record Detection(Behaviour behaviour, boolean exact, String explanation) {
    }

    /**
     * A preflight on which origin-first and full-match disagree for {@code config}, or empty when there is none
     * (then every request gets the same answer from both RGW behaviours). Deterministic: the same rules give the
     * same probe. Null or empty configuration gives empty.
     */
    public static Optional<Probe> probe(CorsConfiguration config) {
        List<CorsRequest> found = differingRequests(config, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(describe(config, found.get(0)));
    }

    /**
     * Up to {@code limit} distinct preflights on which the two behaviours disagree, in a fixed order (rules, then
     * their origins, methods and headers); the linter names them.
     */
    public static List<CorsRequest> differingRequests(CorsConfiguration config, int limit) {
        List<CorsRequest> out = new ArrayList<>();
        if (config == null || config.rules().isEmpty() || limit <= 0) return out;
        CorsConfiguration held = CorsNormalizer.rgwStoredForm(config);
        Set<String> seen = new LinkedHashSet<>();
        OriginIndex index = new OriginIndex(held);
        for (String origin : candidateOrigins(held)) {
            List<Integer> matching = new ArrayList<>();
            for (int j : index.thatCanMatch(origin)) {
                if (CorsMatching.originMatches(Dialect.RGW, held.rules().get(j).allowedOrigins(), origin)) matching.add(j);
            }
            if (matching.isEmpty()) continue;
            CorsRule decider = held.rules().get(matching.get(0)); // the first rule whose origin matches
            for (int k : matching.subList(1, matching.size())) {
                CorsRule later = held.rules().get(k);
                for (String method : CorsMatching.METHODS) {
                    if (!later.allowedMethods().contains(method)) continue;
                    List<List<String>> headerSets = new ArrayList<>();
                    if (!decider.allowedMethods().contains(method)) headerSets.add(List.of());
                    for (String h : candidateHeaders(later)) {
                        if (!CorsMatching.headerMatches(Dialect.RGW, decider.allowedHeaders(), h)) headerSets.add(List.of(h));
                    }
                    for (List<String> headers : headerSets) {
                        CorsRequest request = CorsRequest.preflight(origin, method, headers);
                        if (!seen.add(origin + "\n" + method + "\n" + headers)) continue;
                        CorsDecision a = CorsEvaluator.evaluate(config, Dialect.RGW, request);
                        CorsDecision b = CorsEvaluator.evaluate(config, Dialect.RGW_2026, request);
                        if (a.allowed() != b.allowed() || a.status() != b.status()) {
                            out.add(request);
                            if (out.size() >= limit) return out;
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Which behaviour the server runs, from its answer to {@code probe.request()}: {@code status} and the response
     * headers (any case; only {@code access-control-*} and {@code vary} are looked at). An answer equal to one
     * prediction is {@code exact}; otherwise a 403 counts as origin-first and a 200 carrying
     * Access-Control-Allow-Origin as full-match, and anything else is UNKNOWN.
     */
    public static Detection interpret(Probe probe, int status, Map<String, String> headers) {
        Map<String, String> cors = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                String name = k.toLowerCase(Locale.ROOT);
                if (name.startsWith("access-control-") || name.equals("vary")) cors.put(name, v == null ? "" : v.strip());
            });
        }
        String request = describe(probe.request());
        if (status == probe.originFirst().status() && cors.equals(probe.originFirst().headers())) {
            return new Detection(Behaviour.ORIGIN_FIRST, true, "the server answered " + request + " with " + status
                    + " as RGW before the 2026 change does: it judged rule " + probe.originRule()
                    + " alone, the first rule whose origin matches (origin-first)");
        }
        if (status == probe.fullMatch().status() && cors.equals(probe.fullMatch().headers())) {
            return new Detection(Behaviour.FULL_MATCH, true, "the server answered " + request + " with " + status
                    + " and the headers of rule " + probe.fullMatchRule() + ", the first rule matching origin, method and headers (full-match: "
                    + "RGW after the 2026 change, or AWS)");
        }
        if (status == 403) {
            return new Detection(Behaviour.ORIGIN_FIRST, false, "the server denied " + request + " (403), which only origin-first does for "
                    + "these rules, but its headers " + cors + " differ from the prediction " + probe.originFirst().headers()
                    + ": check that the bucket's rules did not change");
        }
        if (status == 200 && cors.containsKey("access-control-allow-origin")) {
            return new Detection(Behaviour.FULL_MATCH, false, "the server allowed " + request + " (200), which only full-match does for these "
                    + "rules, but its headers " + cors + " differ from the prediction " + probe.fullMatch().headers()
                    + ": check that the bucket's rules did not change");
        }
        return new Detection(Behaviour.UNKNOWN, false, "the answer to " + request + " (" + status + ", " + cors + ") fits neither behaviour: "
                + "origin-first would answer " + probe.originFirst().status() + ", full-match " + probe.fullMatch().status()
                + " with Access-Control-Allow-Origin (a proxy in front of the server, or changed rules?)");
    }

    /** The request in words, e.g. "the PUT preflight from https://a.example with x-amz-date". */
    public static String describe(CorsRequest r) {
        List<String> headers = r.requestHeaderNames(Dialect.RGW);
        return "the " + r.requestMethod() + " preflight from " + r.origin() + (headers.isEmpty() ? "" : " with " + String.join(", ", headers));
    }

    private static Probe describe(CorsConfiguration config, CorsRequest request) {
        CorsDecision a = CorsEvaluator.evaluate(config, Dialect.RGW, request);
        CorsDecision b = CorsEvaluator.evaluate(config, Dialect.RGW_2026, request);
        int ra = a.rule() == null ? 0 : a.rule();
        int rb = b.rule() == null ? 0 : b.rule();
        String why = "rule " + ra + " is the first rule whose origin matches but it does not allow " + describe(request).substring(4)
                + "; rule " + rb + " does. RGW before the 2026 change (origin-first) answers " + a.status()
                + ", RGW after it (full-match) " + b.status();
        return new Probe(request, a, b, ra, rb, why);
    }

    /** Origins that exercise every AllowedOrigin: literals as they are, a sample for each wildcard. */
    static List<String> candidateOrigins(CorsConfiguration config) {
        Set<String> out = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (CorsRule r : config.rules()) all.addAll(r.allowedOrigins());
        for (String pattern : all) if (pattern.indexOf('*') < 0) out.add(pattern);
        for (String pattern : all) {
            if (pattern.equals("*")) {
                out.add("https://s3sh-probe.example");
            } else if (pattern.indexOf('*') >= 0) {
                String witness = CorsLinter.witness(all, pattern);
                if (witness != null) out.add(witness);
                out.add(pattern.substring(0, pattern.indexOf('*')) + "app" + pattern.substring(pattern.indexOf('*') + 1));
            }
        }
        out.removeIf(o -> o.isEmpty() || !o.equals(o.strip()));
        return new ArrayList<>(out);
    }

    /** Header names a rule allows, one per AllowedHeader: literals, a sample for each wildcard. */
    static List<String> candidateHeaders(CorsRule rule) {
        Set<String> out = new LinkedHashSet<>();
        for (String h : rule.allowedHeaders()) {
            String name = h.equals("*") ? "x-s3sh-probe" : h.replace("*", "probe");
            if (!name.isEmpty() && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && ",;=".indexOf(c) < 0)) out.add(name);
        }
        return new ArrayList<>(out);
    }
}
