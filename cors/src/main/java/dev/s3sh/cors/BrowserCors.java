package dev.s3sh.cors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a browser makes of a cross-origin {@code fetch}: whether it needs a preflight, which requests reach
 * the server, and whether the page finally gets the response or a CORS error. It applies the Fetch
 * standard's CORS checks to the answers {@link CorsEvaluator} predicts, so "allowed" means what users
 * mean by it: the page works.
 *
 * <pre>
 * BrowserCors.Verdict v = BrowserCors.verdict(config, Dialect.RGW, "https://app.example.com",
 *         BrowserCors.Fetch.of("PUT").header("Content-Type", "application/json"));
 * v.allowed();          // the page gets the response
 * v.plan().preflight(); // the OPTIONS the browser sends first, or null for a simple request
 * </pre>
 * Pure: no I/O, thread-safe.
 */
public final class BrowserCors {
    /** Methods a browser sends without a preflight (when every header is safelisted too). */
    public static final List<String> SIMPLE_METHODS = List.of("GET", "HEAD", "POST");
    private static final List<String> SIMPLE_CONTENT_TYPES = List.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    private BrowserCors() {
    }

    /**
     * A {@code fetch} as a page writes it: the method, the headers it sets (including the
     * {@code Content-Type} a body brings), and whether it sends credentials ({@code credentials:'include'}).
     * An {@code Authorization} header makes the actual request a signed one.
     */
    public record Fetch(String method, Map<String, String> headers, boolean credentials) {
        public Fetch {
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        public static Fetch of(String method) {
            return new Fetch(method, Map.of(), false);
        }

        public Fetch header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Fetch(method, h, credentials);
        }

        public Fetch withCredentials() {
            return new Fetch(method, headers, true);
        }

        public boolean authorized() {
            return headers.keySet().stream().anyMatch(n -> n.equalsIgnoreCase("Authorization"));
        }
    }

    /** The requests the browser sends: a preflight (null for a simple request), then the actual request. */
    public record Plan(CorsRequest preflight, CorsRequest actual) {
    }

    /**
     * The outcome: {@code allowed} when the page gets the response; else {@code blockedAt} says which answer
     * the browser refused ("preflight" or "response") and {@code reason} why, in the browser's terms.
     * {@code actualSent} is true when the actual request reaches the server (it does for a simple request
     * the browser then blocks). The evaluator's decisions are kept ({@code preflightDecision} is null for a
     * simple request, {@code actualDecision} null when the preflight failed).
     */
    public record Verdict(boolean allowed, String blockedAt, String reason, boolean actualSent, Plan plan,
                          CorsDecision preflightDecision, CorsDecision actualDecision) {
    }

    /** The CORS requests a browser derives from the fetch (Fetch standard, "CORS-preflight fetch"). */
    public static Plan plan(String origin, Fetch fetch) {
        List<String> unsafe = unsafeHeaderNames(fetch.headers());
        CorsRequest actual = CorsRequest.actual(fetch.method(), origin, fetch.authorized());
        boolean simple = SIMPLE_METHODS.contains(fetch.method()) && unsafe.isEmpty();
        if (simple) return new Plan(null, actual);
        CorsRequest preflight = CorsRequest.preflight(origin, fetch.method(), List.of())
                .withRequestHeaders(unsafe.isEmpty() ? null : String.join(",", unsafe));
        return new Plan(preflight, actual);
    }

    /** Evaluates the plan's requests with the dialect's server semantics and applies the browser's checks. */
    public static Verdict verdict(CorsConfiguration config, Dialect dialect, String origin, Fetch fetch) {
        Plan plan = plan(origin, fetch);
        CorsDecision pre = null;
        if (plan.preflight() != null) {
            pre = CorsEvaluator.evaluate(config, dialect, plan.preflight());
            String problem = preflightProblem(origin, fetch, pre.status(), pre.headers());
            if (problem != null) return new Verdict(false, "preflight", problem, false, plan, pre, null);
        }
        CorsDecision act = CorsEvaluator.evaluate(config, dialect, plan.actual());
        String problem = responseProblem(origin, fetch, act.headers());
        return new Verdict(problem == null, problem == null ? null : "response", problem == null ? "the page gets the response" : problem,
                true, plan, pre, act);
    }

    /**
     * The browser's check of a preflight answer ({@code headers}: lowercased names): null when it passes,
     * else why it fails.
     */
    public static String preflightProblem(String origin, Fetch fetch, int status, Map<String, String> headers) {
        String problem = originProblem(origin, fetch, headers);
        if (problem != null) return "preflight: " + problem;
        if (status < 200 || status > 299) return "preflight: the answer's status " + status + " is not ok";
        boolean wildcardOk = !fetch.credentials();
        List<String> methods = list(headers.get("access-control-allow-methods"));
        if (!methods.contains(fetch.method()) && !SIMPLE_METHODS.contains(fetch.method()) && !(wildcardOk && methods.contains("*"))) {
            return "preflight: Access-Control-Allow-Methods does not list " + fetch.method();
        }
        List<String> allowed = list(headers.get("access-control-allow-headers")).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        for (String name : unsafeHeaderNames(fetch.headers())) {
            boolean byStar = wildcardOk && allowed.contains("*") && !name.equals("authorization");
            if (!allowed.contains(name) && !byStar) return "preflight: Access-Control-Allow-Headers does not list " + name;
        }
        return null;
    }

    /** The browser's check of the actual response: null when the page gets it, else why not. */
    public static String responseProblem(String origin, Fetch fetch, Map<String, String> headers) {
        return originProblem(origin, fetch, headers);
    }

    private static String originProblem(String origin, Fetch fetch, Map<String, String> headers) {
        String allowOrigin = headers.get("access-control-allow-origin");
        if (allowOrigin == null) return "no Access-Control-Allow-Origin header";
        if (allowOrigin.equals("*")) {
            if (fetch.credentials()) return "Access-Control-Allow-Origin is * but the request sends credentials";
        } else if (!allowOrigin.equals(origin)) {
            return "Access-Control-Allow-Origin " + allowOrigin + " is not the page's origin " + origin;
        }
        if (fetch.credentials() && !"true".equals(headers.get("access-control-allow-credentials"))) {
            return "the request sends credentials but Access-Control-Allow-Credentials is not true";
        }
        return null;
    }

    /**
     * Whether the page can read a response header: CORS-safelisted response headers always, others only when
     * {@code Access-Control-Expose-Headers} lists them ({@code *} counts without credentials).
     */
    public static boolean readable(Fetch fetch, Map<String, String> headers, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (List.of("cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma").contains(lower)) {
            return true;
        }
        List<String> exposed = list(headers.get("access-control-expose-headers")).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        return exposed.contains(lower) || !fetch.credentials() && exposed.contains("*");
    }

    /**
     * The names the browser lists in {@code Access-Control-Request-Headers}: every header that is not
     * CORS-safelisted, lowercased, sorted and without duplicates.
     */
    public static List<String> unsafeHeaderNames(Map<String, String> headers) {
        TreeSet<String> names = new TreeSet<>();
        headers.forEach((name, value) -> {
            if (!safelisted(name, value)) names.add(name.toLowerCase(Locale.ROOT));
        });
        return new ArrayList<>(names);
    }

    /** A CORS-safelisted request header (Fetch standard), for the values a page normally sets. */
    static boolean safelisted(String name, String value) {
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 128) return false;
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "accept" -> value.chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f || "\"():<>?@[\\]{}".indexOf(c) >= 0);
            case "accept-language", "content-language" -> value.matches("[0-9A-Za-z *,.;=-]*");
            case "content-type" -> SIMPLE_CONTENT_TYPES.contains(value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT));
            case "range" -> value.matches("bytes=\\d+-\\d*");
            default -> false;
        };
    }

    private static List<String> list(String value) {
        if (value == null) return List.of();
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
