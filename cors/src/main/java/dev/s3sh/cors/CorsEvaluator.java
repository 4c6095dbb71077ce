package dev.s3sh.cors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides what a server of a given {@link Dialect} answers to a browser request under a CORS
 * configuration: allowed or not, the deciding rule, the status and the exact {@code Access-Control-*}
 * and {@code Vary} headers, with an explanation and, for a denial, the smallest change that would allow
 * it (RGW behaviour measured against the real server, see docs/rgw-cors-semantics.md).
 *
 * <pre>
 * CorsDecision d = CorsEvaluator.evaluate(config, Dialect.RGW,
 *         CorsRequest.preflight("https://app.example.com", "PUT", List.of("Content-Type")));
 * </pre>
 * Pure: no I/O, thread-safe.
 */
public final class CorsEvaluator {
    private CorsEvaluator() {
    }

    /**
     * Evaluates a request against a bucket's configuration; {@code config} null means the bucket exists but
     * has no CORS configuration.
     */
    public static CorsDecision evaluate(CorsConfiguration config, Dialect dialect, CorsRequest request) {
        request = asReceived(request);
        Outcome out = new Outcome(request, dialect);
        if (request.preflight()) {
            if (missingPreflightHeaders(out)) return out.build();
        } else if (request.origin() == null) {
            return out.status(200).reason("without an Origin header this is not a cross-origin request: the server sends no CORS headers")
                    .build();
        }
        if (config == null) return noConfiguration(out);
        CorsConfiguration held = CorsNormalizer.storedForm(config, dialect);
        return dialect.isRgw() ? rgw(held, out) : aws(held, out);
    }

    /**
     * The request as the server's HTTP layer hands it over: leading and trailing spaces and tabs of a header
     * value are not part of it (RFC 9110 §5.5, "optional white space"), so {@code Origin: " https://a "} is
     * judged, and echoed, as {@code https://a} (measured on RGW 16.2.15 with curl).
     */
    static CorsRequest asReceived(CorsRequest r) {
        return new CorsRequest(r.preflight(), r.method(), ows(r.origin()), ows(r.requestMethod()), ows(r.requestHeaders()), r.authorized());
    }

    private static String ows(String value) {
        if (value == null) return null;
        int a = 0;
        int b = value.length();
        while (a < b && (value.charAt(a) == ' ' || value.charAt(a) == '\t')) a++;
        while (b > a && (value.charAt(b - 1) == ' ' || value.charAt(b - 1) == '\t')) b--;
        return value.substring(a, b);
    }

    /** Evaluates a request sent to a bucket that does not exist. */
    public static CorsDecision bucketMissing(Dialect dialect, CorsRequest request) {
        Outcome out = new Outcome(request, dialect);
        if (dialect == Dialect.AWS && request.preflight()) {
            if (missingPreflightHeaders(out)) return out.build();
            return out.status(403).error("AccessForbidden").reason("the bucket does not exist: AWS answers the preflight with 403 \"CORSResponse: Bucket not found\"")
                    .suggest("create the bucket or check its name").build();
        }
        return out.status(404).error("NoSuchBucket").reason("the bucket does not exist: the server answers 404 NoSuchBucket before looking at CORS")
                .suggest("create the bucket or check its name").build();
    }

    private static boolean missingPreflightHeaders(Outcome out) {
        CorsRequest r = out.request;
        String code = out.dialect.isRgw() ? "InvalidArgument" : "BadRequest";
        if (r.origin() == null) {
            out.status(400).error(code).reason("a preflight without an Origin header is rejected with 400 " + code)
                    .suggest("send an Origin header (browsers always send one)");
            return true;
        }
        if (r.requestMethod() == null) {
            out.status(400).error(code).reason("a preflight without Access-Control-Request-Method is rejected with 400 " + code)
                    .suggest("send Access-Control-Request-Method with the method of the request that follows");
            return true;
        }
        return false;
    }

    private static CorsDecision noConfiguration(Outcome out) {
        out.suggest("add a CORS configuration with a rule: " + newRule(out));
        if (out.request.preflight()) {
            String why = out.dialect.isRgw() ? "403 AccessDenied" : "403 \"CORS is not enabled for this bucket\"";
            return out.status(403).error(out.dialect.isRgw() ? "AccessDenied" : "AccessForbidden")
                    .reason("the bucket has no CORS configuration: the preflight is answered " + why).build();
        }
        return out.status(200).reason("the bucket has no CORS configuration: the response carries no CORS headers").build();
    }

    // ---------------------------------------------------------------- RGW

    /*
     * Both RGW behaviours, read from Ceph's source (v16.2.15 src/rgw/rgw_op.cc: RGWOptionsCORS::execute and
     * validate_cors_request for a preflight, RGWOp::generate_cors_headers for an actual request,
     * get_cors_response_headers; src/rgw/rgw_rest.cc dump_access_control; src/rgw/rgw_cors.cc) and measured:
     *
     *  - origin-first (Dialect.RGW): RGWCORSConfiguration::host_name_rule() returns the first rule whose
     *    AllowedOrigin matches; validate_cors_rule_method / validate_cors_rule_header then judge that rule alone.
     *  - full-match (Dialect.RGW_2026): Ceph PR #69190 "rgw: match CORS rules like Amazon S3" (merged to main,
     *    backported to Tentacle 20.2.x as PR #69647) adds RGWCORSRule::matches() and
     *    RGWCORSConfiguration::match_rule(): the first rule whose origin matches, whose methods hold the method
     *    (ACRM on a preflight, else the request's own; an empty one never matches) and, on a preflight, that
     *    allows every requested header. generate_cors_headers() and RGWOptionsCORS use it; how the answer is
     *    written (get_cors_response_headers, dump_access_control, format_exp_headers) is unchanged by the PR.
     *    Source: the PR's description and review threads (rgw_cors.cc hunk "@@ -238,6 +239,56 @@" adding
     *    RGWCORSRule::matches_method). The merge commit's hash was not in the material s3sh could read, so
     *    it is not cited here; the PR number is.
     */
    private static CorsDecision rgw(CorsConfiguration config, Outcome out) {
        CorsRequest r = out.request;
        String origin = r.origin();
        String method = r.judgedMethod();
        List<String> requested = r.requestHeaderNames(out.dialect);
        int index;
        if (out.dialect == Dialect.RGW) {
            index = firstOriginMatch(config, out.dialect, origin);
            if (index < 0) return noOriginMatch(config, out);
            out.rule(index + 1).step("rule " + (index + 1) + " is the first rule whose AllowedOrigin matches " + quote(origin)
                    + "; RGW before the 2026 change (origin-first) judges the request by this rule alone");
        } else {
            index = -1;
            for (int i = 0; i < config.rules().size() && index < 0; i++) {
                if (fits(config.rules().get(i), out.dialect, origin, method, r.preflight() ? requested : List.of())) index = i;
            }
            if (index < 0) {
                if (firstOriginMatch(config, out.dialect, origin) < 0) return noOriginMatch(config, out);
                int best = closestRule(config, out.dialect, origin, method, r.preflight() ? requested : List.of());
                CorsRule rule = config.rules().get(best);
                boolean methodOk = CorsMatching.methodAllowed(rule.allowedMethods(), method);
                List<String> bad = r.preflight() ? disallowedHeaders(rule, out.dialect, requested) : List.of();
                out.step("no rule matches origin, method" + (r.preflight() ? " and every requested header" : "")
                        + " together (RGW after the 2026 change, full-match); the closest is rule " + (best + 1));
                if (!methodOk) out.step(methodProblem(rule, best, method));
                if (!bad.isEmpty()) out.step(headerProblem(best, bad));
                out.suggest(fixDecidingRule(config, out.dialect, best, method, methodOk, bad, origin, requested));
                if (r.preflight()) {
                    return out.status(403).error("AccessDenied").reason("no rule allows " + method + " from " + quote(origin)
                            + (requested.isEmpty() ? "" : " with these headers") + ", so RGW denies the preflight (403 AccessDenied)").build();
                }
                return out.status(200).reason("no rule allows " + method + " from " + quote(origin) + ": the response carries no CORS headers").build();
            }
            out.rule(index + 1).step("rule " + (index + 1) + " is the first rule matching the origin, the method"
                    + (r.preflight() && !requested.isEmpty() ? " and every requested header" : "") + " (RGW after the 2026 change, full-match)");
        }
        CorsRule rule = config.rules().get(index);
        boolean methodOk = CorsMatching.methodAllowed(rule.allowedMethods(), method);
        List<String> badHeaders = r.preflight() ? disallowedHeaders(rule, out.dialect, requested) : List.of();
        if (!methodOk || !badHeaders.isEmpty()) {
            if (!methodOk) out.step(methodProblem(rule, index, method));
            if (!badHeaders.isEmpty()) out.step(headerProblem(index, badHeaders));
            out.suggest(fixDecidingRule(config, out.dialect, index, method, methodOk, badHeaders, origin, requested));
            if (r.preflight()) {
                return out.status(403).error("AccessDenied").reason("rule " + (index + 1) + " matches the origin but "
                        + (methodOk ? "not every requested header" : "not the method " + method) + ", so RGW denies the preflight (403 AccessDenied)").build();
            }
            return out.status(200).reason("rule " + (index + 1) + " matches the origin but not the method " + method
                    + ", so the response carries no CORS headers").build();
        }
        // generate_cors_headers: "*" instead of the origin when the rule lists the literal origin * and the
        // request has no Authorization; RGWOptionsCORS always echoes.
        boolean star = !r.authorized() && rule.allowedOrigins().contains("*");
        String allowOrigin = star && !r.preflight() ? "*" : origin;
        out.status(200);
        if (allowOrigin.isEmpty()) {
            // dump_access_control writes nothing at all for an empty origin
            out.step("the Origin header is empty: RGW sends no CORS headers at all");
            return out.reason("rule " + (index + 1) + " matches, but RGW sends no CORS headers for an empty Origin, so a browser would block it")
                    .suggest("send a non-empty Origin (browsers always do)").build();
        }
        out.header("Access-Control-Allow-Origin", allowOrigin);
        if (!allowOrigin.equals("*")) out.header("Vary", "Origin");
        if (!method.isEmpty()) out.header("Access-Control-Allow-Methods", method);
        List<String> echoed = new ArrayList<>();
        for (String h : requested) if (CorsMatching.headerMatches(out.dialect, rule.allowedHeaders(), h)) echoed.add(h);
        if (!r.preflight() && echoed.size() < requested.size()) {
            out.step("RGW drops the requested headers rule " + (index + 1) + " does not allow: "
                    + String.join(", ", disallowedHeaders(rule, out.dialect, requested)));
        }
        if (!echoed.isEmpty()) out.header("Access-Control-Allow-Headers", String.join(",", echoed));
        String expose = rgwExposeHeaders(rule);
        if (!expose.isEmpty()) out.header("Access-Control-Expose-Headers", expose);
        long maxAge = rule.rgwMaxAge();
        if (maxAge >= 0) out.header("Access-Control-Max-Age", Long.toString(maxAge));
        if (!r.preflight()) {
            out.step(allowOrigin.equals("*") ? "the rule lists the origin *, and the request carries no Authorization: Allow-Origin is *"
                    : "Allow-Origin echoes the request's origin" + (rule.allowedOrigins().contains("*") ? " because the request carries Authorization" : ""));
        }
        return out.allowed().reason("rule " + (index + 1) + " allows " + method + " from " + quote(origin)
                + (requested.isEmpty() || !r.preflight() ? "" : " with " + String.join(", ", requested))).build();
    }

    /**
     * RGW's Access-Control-Expose-Headers value (RGWCORSRule::format_exp_headers): the stored values in order, a
     * "," written before a value only when something was written already (so an empty first value vanishes and an
     * empty last one leaves a trailing comma), each line feed written as the two characters backslash and n (the
     * CVE-2020-10753 fix); an empty result sends no header (dump_access_control).
     */
    static String rgwExposeHeaders(CorsRule rule) {
        StringBuilder b = new StringBuilder();
        for (String h : rule.exposeHeaders()) {
            if (b.length() > 0) b.append(',');
            b.append(h.replace("\n", "\\n"));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- AWS

    private static CorsDecision aws(CorsConfiguration config, Outcome out) {
        CorsRequest r = out.request;
        String origin = r.origin();
        String method = r.judgedMethod();
        List<String> requested = r.requestHeaderNames(Dialect.AWS);
        int index = -1;
        for (int i = 0; i < config.rules().size() && index < 0; i++) {
            if (fits(config.rules().get(i), Dialect.AWS, origin, method, requested)) index = i;
        }
        if (index < 0) {
            int originIndex = firstOriginMatch(config, Dialect.AWS, origin);
            if (originIndex < 0) return noOriginMatch(config, out);
            int best = closestRule(config, Dialect.AWS, origin, method, requested);
            CorsRule rule = config.rules().get(best);
            boolean methodOk = CorsMatching.methodAllowed(rule.allowedMethods(), method);
            List<String> bad = disallowedHeaders(rule, Dialect.AWS, requested);
            out.step("no rule matches origin, method and every requested header together; the closest is rule " + (best + 1));
            if (!methodOk) out.step(methodProblem(rule, best, method));
            if (!bad.isEmpty()) out.step(headerProblem(best, bad));
            out.suggest(fixDecidingRule(config, Dialect.AWS, best, method, methodOk, bad, origin, requested));
            if (r.preflight()) {
                return out.status(403).error("AccessForbidden")
                        .reason("no rule allows " + method + " from " + quote(origin) + (requested.isEmpty() ? "" : " with these headers")
                                + ": AWS answers 403 \"CORSResponse: This CORS request is not allowed\"").build();
            }
            return out.status(200).reason("no rule allows " + method + " from " + quote(origin) + ": the response carries no CORS headers").build();
        }
        CorsRule rule = config.rules().get(index);
        out.rule(index + 1).step("rule " + (index + 1) + " is the first rule matching the origin" + (requested.isEmpty() ? " and" : ",") + " the method"
                + (requested.isEmpty() ? "" : " and every requested header"));
        boolean star = rule.allowedOrigins().contains("*");
        out.status(200).header("Access-Control-Allow-Origin", star ? "*" : origin);
        out.header("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!requested.isEmpty()) {
            out.header("Access-Control-Allow-Headers", String.join(", ", requested.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()));
        }
        if (!rule.exposeHeaders().isEmpty()) out.header("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        if (rule.maxAgeSeconds() != null) out.header("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
        if (!star) out.header("Access-Control-Allow-Credentials", "true");
        out.header("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        return out.allowed().reason("rule " + (index + 1) + " allows " + method + " from " + quote(origin)
                + (requested.isEmpty() ? "" : " with " + String.join(", ", requested))).build();
    }

    // ---------------------------------------------------------------- shared

    private static CorsDecision noOriginMatch(CorsConfiguration config, Outcome out) {
        CorsRequest r = out.request;
        String origin = r.origin();
        String method = r.judgedMethod();
        List<String> requested = r.requestHeaderNames(out.dialect);
        out.step("no rule's AllowedOrigin matches " + quote(origin) + " (origins match case-sensitively, scheme and port included)");
        int host = -1;
        for (int i = 0; i < config.rules().size() && host < 0; i++) {
            CorsRule rule = config.rules().get(i);
            if (CorsMatching.methodAllowed(rule.allowedMethods(), method) && disallowedHeaders(rule, out.dialect, requested).isEmpty()) host = i;
        }
        out.suggest(host >= 0 ? "add <AllowedOrigin>" + origin + "</AllowedOrigin> to rule " + (host + 1)
                : "add a rule: " + newRule(out));
        if (r.preflight()) {
            String code = out.dialect.isRgw() ? "AccessDenied" : "AccessForbidden";
            return out.status(403).error(code).reason("no rule allows the origin " + quote(origin) + ", so the preflight is denied (403 " + code + ")").build();
        }
        return out.status(200).reason("no rule allows the origin " + quote(origin) + ": the response carries no CORS headers").build();
    }

    /** The smallest change to make {@code ruleIndex} allow the request, pointing out RGW's first-origin-match trap. */
    private static String fixDecidingRule(CorsConfiguration config, Dialect dialect, int ruleIndex, String method, boolean methodOk,
                                          List<String> badHeaders, String origin, List<String> requested) {
        if (!methodOk && !CorsMatching.isCorsMethod(method)) {
            String upper = method == null ? null : method.toUpperCase(Locale.ROOT);
            return CorsMatching.isCorsMethod(upper) ? "methods are case-sensitive: send " + upper + ", not " + method
                    : "CORS rules can only allow " + String.join(", ", CorsMatching.METHODS) + "; " + method + " is never allowed";
        }
        List<String> changes = new ArrayList<>();
        if (!methodOk) changes.add("<AllowedMethod>" + method + "</AllowedMethod>");
        for (String h : badHeaders) changes.add("<AllowedHeader>" + h + "</AllowedHeader>");
        String add = "add " + String.join(" and ", changes) + " to rule " + (ruleIndex + 1);
        if (dialect == Dialect.RGW) {
            for (int k = ruleIndex + 1; k < config.rules().size(); k++) {
                if (fits(config.rules().get(k), dialect, origin, method, requested)) {
                    return add + ", or move rule " + (k + 1) + " before it: rule " + (k + 1) + " would allow this request (AWS would use it), "
                            + "but RGW never looks past rule " + (ruleIndex + 1) + ", the first rule whose origin matches";
                }
            }
        }
        return add;
    }

    private static String methodProblem(CorsRule rule, int index, String method) {
        return "rule " + (index + 1) + " allows the methods " + String.join(" ", rule.allowedMethods()) + ", not " + method
                + (CorsMatching.isCorsMethod(method) ? "" : " (methods are exact and case-sensitive)");
    }

    private static String headerProblem(int index, List<String> bad) {
        return "rule " + (index + 1) + " does not allow the requested header" + (bad.size() > 1 ? "s " : " ") + String.join(", ", bad)
                + " (header names match case-insensitively)";
    }

    private static String newRule(Outcome out) {
        StringBuilder rule = new StringBuilder("<AllowedOrigin>" + out.request.origin() + "</AllowedOrigin> <AllowedMethod>"
                + out.request.judgedMethod() + "</AllowedMethod>");
        for (String h : out.request.requestHeaderNames(out.dialect)) rule.append(" <AllowedHeader>").append(h).append("</AllowedHeader>");
        return rule.toString();
    }

    static int firstOriginMatch(CorsConfiguration config, Dialect dialect, String origin) {
        for (int i = 0; i < config.rules().size(); i++) {
            if (CorsMatching.originMatches(dialect, config.rules().get(i).allowedOrigins(), origin)) return i;
        }
        return -1;
    }

    /** True when the rule allows origin, method and every header on its own (how AWS picks a rule). */
    static boolean fits(CorsRule rule, Dialect dialect, String origin, String method, List<String> headers) {
        return CorsMatching.originMatches(dialect, rule.allowedOrigins(), origin)
                && CorsMatching.methodAllowed(rule.allowedMethods(), method)
                && disallowedHeaders(rule, dialect, headers).isEmpty();
    }

    static List<String> disallowedHeaders(CorsRule rule, Dialect dialect, List<String> headers) {
        return headers.stream().filter(h -> !CorsMatching.headerMatches(dialect, rule.allowedHeaders(), h)).toList();
    }

    /** Among rules matching the origin, the one needing the fewest additions. */
    private static int closestRule(CorsConfiguration config, Dialect dialect, String origin, String method, List<String> headers) {
        int best = -1;
        int bestCost = Integer.MAX_VALUE;
        for (int i = 0; i < config.rules().size(); i++) {
            CorsRule rule = config.rules().get(i);
            if (!CorsMatching.originMatches(dialect, rule.allowedOrigins(), origin)) continue;
            int cost = (CorsMatching.methodAllowed(rule.allowedMethods(), method) ? 0 : 1) + disallowedHeaders(rule, dialect, headers).size();
            if (cost < bestCost) {
                best = i;
                bestCost = cost;
            }
        }
        return best;
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    /** Collects one decision. */
    private static final class Outcome {
        final CorsRequest request;
        final Dialect dialect;
        boolean allowed;
        Integer rule;
        int status = 200;
        String errorCode;
        final Map<String, String> headers = new LinkedHashMap<>();
        String reason = "";
        final List<String> steps = new ArrayList<>();
        String suggestion;

        Outcome(CorsRequest request, Dialect dialect) {
            this.request = request;
            this.dialect = dialect;
        }

        Outcome status(int s) {
            status = s;
            return this;
        }

        Outcome error(String code) {
            errorCode = code;
            return this;
        }

        Outcome rule(int oneBased) {
            rule = oneBased;
            return this;
        }

        Outcome allowed() {
            allowed = true;
            suggestion = null;
            return this;
        }

        /** A response header as a client reads it: spaces and tabs around the value are not part of it. */
        Outcome header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), ows(value));
            return this;
        }

        Outcome step(String text) {
            steps.add(text);
            return this;
        }

        Outcome reason(String text) {
            reason = text;
            return this;
        }

        Outcome suggest(String text) {
            suggestion = text;
            return this;
        }

        CorsDecision build() {
            List<String> explanation = new ArrayList<>(steps);
            if (explanation.isEmpty() || !explanation.get(explanation.size() - 1).equals(reason)) explanation.add(reason);
            return new CorsDecision(allowed, rule, status, errorCode, headers, reason, explanation, suggestion);
        }
    }
}
