package dev.s3sh.cors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds what is valid but risky or surprising in a CORS configuration: write access for any origin,
 * http next to https, rules that never decide (shadowed, or unreachable on RGW because an earlier
 * rule matches the same origin first), any header for writes, and what browser uploads commonly need.
 * Each warning names the rule and says what to do. Pure.
 */
public final class CorsLinter {
    private static final Set<String> WRITE_METHODS = Set.of("PUT", "POST", "DELETE");
    private static final Pattern ANY_ORIGIN = Pattern.compile("\\*|[A-Za-z]+://\\*");
    private static final Pattern ORIGIN_SHAPE = Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s]+");

    private CorsLinter() {
    }

    /**
     * The 1-based numbers of the rules that let any origin write (PUT, POST or DELETE): the one
     * warning a push asks about separately, even when told to assume yes.
     */
    public static List<Integer> anyOriginWriteRules(CorsConfiguration config) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < config.rules().size(); i++) {
            CorsRule rule = config.rules().get(i);
            boolean writes = rule.allowedMethods().stream().anyMatch(m -> WRITE_METHODS.contains(m.strip().toUpperCase(Locale.ROOT)));
            boolean anyOrigin = rule.allowedOrigins().stream().anyMatch(o -> ANY_ORIGIN.matcher(o.strip()).matches());
            if (writes && anyOrigin) out.add(i + 1);
        }
        return out;
    }

    /**
     * The findings for {@code config} as {@code dialect}'s server will hold it (on RGW: methods in capitals,
     * MaxAgeSeconds as RGW reads it, see {@link CorsNormalizer#storedForm}). Findings whose verdict depends on
     * the RGW version (origin-first before the 2026 change, full-match after it) say so and name a request.
     */
    public static List<CorsWarning> lint(CorsConfiguration config, Dialect dialect) {
        config = CorsNormalizer.storedForm(config, dialect);
        List<CorsWarning> out = new ArrayList<>();
        boolean anyHttps = config.rules().stream().flatMap(r -> r.allowedOrigins().stream()).anyMatch(o -> o.startsWith("https://"));
        OriginIndex earlierRules = new OriginIndex(config);
        Map<Integer, List<CorsRequest>> lostByRule = dialect.isRgw() ? lostToOriginFirst(config) : Map.of();
        for (int i = 0; i < config.rules().size(); i++) {
            CorsRule rule = config.rules().get(i);
            int n = i + 1;
            List<String> writes = rule.allowedMethods().stream().filter(WRITE_METHODS::contains).toList();
            String writeList = String.join(", ", writes);
            if (rule.allowedMethods().isEmpty()) {
                out.add(warn(n, "has no AllowedMethod, so it allows nothing"
                        + (dialect.isRgw() ? "; on RGW before the 2026 change (origin-first) it still captures its origins and later rules never see them" : "")
                        + ": add the methods it is meant for or remove it"));
            }
            List<String> anyOrigin = rule.allowedOrigins().stream().filter(o -> ANY_ORIGIN.matcher(o).matches()).toList();
            if (!anyOrigin.isEmpty() && !writes.isEmpty()) {
                out.add(warn(n, "AllowedOrigin " + anyOrigin.get(0) + " with " + writeList
                        + ": any web site can make its visitors' browsers write to this bucket; list your own origins instead"));
            }
            List<String> http = rule.allowedOrigins().stream().filter(o -> o.startsWith("http://")).toList();
            if (anyHttps && !http.isEmpty()) {
                out.add(warn(n, "allows plain http origins (" + String.join(", ", http) + ") next to https ones: a page served over http "
                        + "can be altered in transit and then acts with these permissions; drop the http:// origins unless the site really is served over http"));
            }
            for (String origin : rule.allowedOrigins()) {
                String problem = originProblem(origin);
                if (problem != null) out.add(warn(n, "AllowedOrigin '" + origin + "' " + problem));
            }
            if (rule.allowedHeaders().contains("*") && !writes.isEmpty()) {
                out.add(warn(n, "AllowedHeader * with " + writeList + ": any request header is accepted for writes (x-amz-acl, x-amz-grant-* too); "
                        + "list the headers your uploads send, e.g. Content-Type, Content-MD5, x-amz-meta-*"));
            }
            if (rule.allowedMethods().contains("PUT") && rule.exposeHeaders().stream().noneMatch(h -> h.equalsIgnoreCase("ETag") || h.equals("*"))) {
                out.add(warn(n, "allows PUT but does not expose ETag: browser multipart uploads (Uppy, the AWS SDK for JavaScript) read each part's ETag "
                        + "and fail without it; add <ExposeHeader>ETag</ExposeHeader>"));
            }
            if (!writes.isEmpty()) {
                if (!allowsHeader(dialect, rule, "content-type") && (rule.allowedMethods().contains("PUT") || rule.allowedMethods().contains("POST"))) {
                    out.add(info(n, "allows " + writeList + " but not the Content-Type header that browser uploads (presigned PUTs included) usually send; "
                            + "add <AllowedHeader>Content-Type</AllowedHeader> unless every upload is text/plain or a form"));
                }
                List<String> signing = new ArrayList<>();
                for (String h : List.of("Authorization", "x-amz-date", "x-amz-content-sha256")) {
                    if (!allowsHeader(dialect, rule, h)) signing.add(h);
                }
                if (!signing.isEmpty()) {
                    out.add(info(n, "allows " + writeList + " but not " + String.join(", ", signing) + ", which pages that sign requests themselves "
                            + "(the AWS SDK for JavaScript) send; add <AllowedHeader>Authorization</AllowedHeader> and <AllowedHeader>x-amz-*</AllowedHeader> "
                            + "if they do (presigned URLs need neither)"));
                }
            }
            maxAge(rule, dialect, n, out);
            if (rule.exposeHeaders().contains("*")) {
                out.add(info(n, "ExposeHeader * exposes every header only to requests without credentials; a fetch with credentials:'include' "
                        + "reads none of them (Fetch standard, Access-Control-Expose-Headers): name the headers, e.g. ETag"));
            }
            ruleOrder(config, dialect, i, out, earlierRules, lostByRule);
        }
        return out;
    }

    /** Shadowed rules, and (RGW) rules an earlier rule hides by matching the same origin first. */
    private static void ruleOrder(CorsConfiguration config, Dialect dialect, int k, List<CorsWarning> out, OriginIndex earlierRules,
                                  Map<Integer, List<CorsRequest>> lostByRule) {
        CorsRule rule = config.rules().get(k);
        int n = k + 1;
        for (int j : earlierRules.thatCanMatchAll(rule.allowedOrigins(), k)) {
            CorsRule earlier = config.rules().get(j);
            if (coversAll(dialect, earlier.allowedOrigins(), rule.allowedOrigins())
                    && earlier.allowedMethods().containsAll(rule.allowedMethods())
                    && rule.allowedHeaders().stream().allMatch(h -> h.indexOf('*') < 0 ? allowsHeader(dialect, earlier, h)
                    : earlier.allowedHeaders().contains("*") || earlier.allowedHeaders().contains(h))) {
                out.add(warn(n, "is shadowed by rule " + (j + 1) + ", which allows every origin, method and header it allows: it never decides, "
                        + "so its ExposeHeader and MaxAgeSeconds never apply; remove it or merge it into rule " + (j + 1)));
                return;
            }
        }
        if (!dialect.isRgw()) return;
        List<CorsRequest> lost = lostByRule.getOrDefault(n, List.of());
        int decider = lost.isEmpty() ? -1 : CorsEvaluator.evaluate(config, Dialect.RGW, lost.get(0)).rule();
        if (lost.isEmpty()) return;
        boolean everyOriginTaken = true;
        for (String pattern : rule.allowedOrigins()) {
            boolean taken = false;
            for (int j : earlierRules.thatCanMatch(pattern, k)) {
                taken |= coversAll(Dialect.RGW, config.rules().get(j).allowedOrigins(), List.of(pattern));
            }
            everyOriginTaken &= taken;
        }
        String verdict = (everyOriginTaken ? "is never used on RGW before the 2026 change" : "is partly unreachable on RGW before the 2026 change")
                + ": rule " + decider + " matches the same origins first and RGW before the change (origin-first) only tries the first rule whose "
                + "origin matches, so " + CorsDetector.describe(lost.get(0)) + " is denied there although RGW after the change (full-match, "
                + "Ceph PR #69190) and AWS allow it" + (lost.size() > 1 ? " (" + (lost.size() >= 64 ? "64 or more" : lost.size()) + " such requests)" : "");
        if (dialect == Dialect.RGW) {
            out.add(warn(n, verdict + "; merge the two rules into one, or give them origins that do not overlap"));
        } else {
            out.add(info(n, verdict + "; fine on this server, but merge the two rules if the bucket may be served by an older RGW"));
        }
    }

    /**
     * For each rule (1-based), the requests the two RGW behaviours answer differently that full-match gives to it:
     * computed once for the whole configuration, so that linting a long answer stays near-linear.
     */
    private static Map<Integer, List<CorsRequest>> lostToOriginFirst(CorsConfiguration config) {
        Map<Integer, List<CorsRequest>> byRule = new HashMap<>();
        for (CorsRequest r : CorsDetector.differingRequests(config, 64)) {
            Integer rule = CorsEvaluator.evaluate(config, Dialect.RGW_2026, r).rule();
            if (rule != null) byRule.computeIfAbsent(rule, x -> new ArrayList<>()).add(r);
        }
        return byRule;
    }

    /** A max age a browser will not honour, judged on what the server sends (RGW: as it read the number). */
    private static void maxAge(CorsRule rule, Dialect dialect, int n, List<CorsWarning> out) {
        long sent = dialect.isRgw() ? rule.rgwMaxAge() : rule.maxAgeSeconds() == null ? -1 : rule.maxAgeSeconds();
        if (sent > BrowserCors.CHROMIUM_MAX_AGE_CAP) {
            out.add(warn(n, "MaxAgeSeconds " + sent + " is more than Chromium's cap of " + BrowserCors.CHROMIUM_MAX_AGE_CAP
                    + " seconds (2 hours; Firefox caps at 86400): Chromium re-sends the preflight after " + BrowserCors.CHROMIUM_MAX_AGE_CAP
                    + " s anyway; use " + BrowserCors.CHROMIUM_MAX_AGE_CAP + " or less so what the rule says is what browsers do"));
        }
    }

    private static boolean allowsHeader(Dialect dialect, CorsRule rule, String header) {
        return CorsMatching.headerMatches(dialect, rule.allowedHeaders(), header);
    }

    /** Every origin {@code inner} matches is matched by one of {@code outer}. */
    static boolean coversAll(Dialect dialect, List<String> outer, List<String> inner) {
        if (inner.isEmpty()) return false;
        for (String b : inner) {
            boolean covered = false;
            for (String a : outer) covered |= covers(dialect, a, b);
            if (!covered) return false;
        }
        return true;
    }

    private static boolean covers(Dialect dialect, String a, String b) {
        if (a.equals("*") || a.equals(b)) return true;
        if (b.indexOf('*') < 0) return CorsMatching.originMatches(dialect, List.of(a), b);
        if (a.indexOf('*') < 0) return false;
        return b.substring(0, b.indexOf('*')).startsWith(a.substring(0, a.indexOf('*')))
                && b.substring(b.indexOf('*') + 1).endsWith(a.substring(a.indexOf('*') + 1));
    }

    /** An origin matched both by {@code pattern} and one of {@code patterns} (RGW matching), or null. */
    static String witness(List<String> patterns, String pattern) {
        List<String> candidates = new ArrayList<>();
        if (pattern.indexOf('*') < 0) {
            candidates.add(pattern);
        } else {
            String p = pattern.substring(0, pattern.indexOf('*'));
            String s = pattern.substring(pattern.indexOf('*') + 1);
            candidates.add(p + "app" + s);
            for (String other : patterns) {
                if (other.indexOf('*') < 0) {
                    candidates.add(other);
                } else {
                    String op = other.substring(0, other.indexOf('*'));
                    String os = other.substring(other.indexOf('*') + 1);
                    candidates.add((op.length() > p.length() ? op : p) + "app" + (os.length() > s.length() ? os : s));
                }
            }
        }
        for (String c : candidates) {
            if (CorsMatching.originMatches(Dialect.RGW, List.of(pattern), c) && CorsMatching.originMatches(Dialect.RGW, patterns, c)) {
                return c.isEmpty() || c.equals("app") ? "https://app.example" : c;
            }
        }
        return null;
    }

    private static String originProblem(String origin) {
        if (origin.indexOf('*') >= 0) {
            if (!origin.equals(origin.strip()) || origin.indexOf(' ') >= 0 || origin.indexOf('\t') >= 0) {
                return "holds whitespace, which RGW cuts the pattern at: it will not match what it says; remove the spaces";
            }
            return null;
        }
        if (!origin.equals(origin.strip())) return "has spaces around it and never matches: browsers send origins without them; trim it";
        if (origin.equals("null")) return "matches sandboxed and file:// pages, which anyone can make; list real origins";
        if (!ORIGIN_SHAPE.matcher(origin.toLowerCase(Locale.ROOT)).matches()) {
            return "never matches what browsers send (scheme://host[:port], no path, no trailing slash), e.g. '"
                    + suggestOrigin(origin) + "'";
        }
        if (!origin.equals(origin.toLowerCase(Locale.ROOT))) {
            return "has capital letters and never matches: browsers send scheme and host in lower case and origins match case-sensitively; use '"
                    + origin.toLowerCase(Locale.ROOT) + "'";
        }
        return null;
    }

    private static String suggestOrigin(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (!o.contains("://")) o = "https://" + o;
        int slash = o.indexOf('/', o.indexOf("://") + 3);
        return slash < 0 ? o : o.substring(0, slash);
    }

    private static CorsWarning warn(int rule, String message) {
        return new CorsWarning(rule, message, CorsWarning.Severity.WARNING);
    }

    private static CorsWarning info(int rule, String message) {
        return new CorsWarning(rule, message, CorsWarning.Severity.INFO);
    }
}
