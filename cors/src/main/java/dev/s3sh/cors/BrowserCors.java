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
    /**
     * Chromium caches a preflight for at most 7200 s whatever Access-Control-Max-Age says (Chromium
     * services/network/cors/preflight_result.cc, kMaxTimeToLive = 2 hours, since Chrome 76; Firefox caps at
     * 86400 s; without the header both use 5 s, Fetch standard "CORS-preflight cache").
     */
    public static final int CHROMIUM_MAX_AGE_CAP = 7200;
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

    /**
     * Where an endpoint sits for Local Network Access (Chrome 142+, WICG "Local Network Access" spec, address
     * spaces as in Chromium net/base/ip_address_space.cc and the IANA special-purpose registries): a public page
     * that calls a {@code LOOPBACK} or {@code LOCAL} address needs the user's permission first. {@code UNKNOWN}
     * is a host name, which only DNS can place (resolve it, then ask again with the address).
     */
    public enum AddressSpace { LOOPBACK, LOCAL, PUBLIC, UNKNOWN }

    /**
     * The address space of an endpoint host: an IPv4 or IPv6 literal (brackets allowed), or a name. Pure: names
     * are not resolved, except {@code localhost} and {@code *.localhost}, which browsers map to loopback themselves.
     */
    public static AddressSpace addressSpace(String host) {
        if (host == null || host.isBlank()) return AddressSpace.UNKNOWN;
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.equals("localhost") || h.endsWith(".localhost")) return AddressSpace.LOOPBACK;
        byte[] ip = ipLiteral(h);
        if (ip == null) return AddressSpace.UNKNOWN;
        if (ip.length == 16) {
            boolean mapped = true;
            for (int k = 0; k < 10; k++) mapped &= ip[k] == 0;
            mapped &= ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
            if (mapped) ip = Arrays.copyOfRange(ip, 12, 16);
        }
        int[] b = new int[ip.length];
        for (int k = 0; k < ip.length; k++) b[k] = ip[k] & 0xff;
        if (b.length == 4) {
            if (b[0] == 127 || b[0] == 0) return AddressSpace.LOOPBACK; // 0.0.0.0/8 reaches this machine (Chrome blocks it as local)
            if (b[0] == 10 || b[0] == 172 && (b[1] & 0xf0) == 16 || b[0] == 192 && b[1] == 168
                    || b[0] == 169 && b[1] == 254 || b[0] == 100 && (b[1] & 0xc0) == 64 || b[0] == 198 && (b[1] & 0xfe) == 18) {
                return AddressSpace.LOCAL;
            }
            return AddressSpace.PUBLIC;
        }
        boolean zeroPrefix = true;
        for (int k = 0; k < 15; k++) zeroPrefix &= b[k] == 0;
        if (zeroPrefix && (b[15] == 1 || b[15] == 0)) return AddressSpace.LOOPBACK; // ::1 and ::
        if ((b[0] & 0xfe) == 0xfc || b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressSpace.LOCAL; // fc00::/7, fe80::/10
        return AddressSpace.PUBLIC;
    }

    /**
     * A warning for an endpoint on a loopback or local address (Local Network Access), or null when there is
     * nothing to say or the host is a name that was not resolved.
     */
    public static String localNetworkWarning(String host) {
        return localNetworkWarning(host, host);
    }

    /**
     * As {@link #localNetworkWarning(String)} for a host name that resolved to {@code address} (the caller
     * resolves: this class does no I/O); the warning names both.
     */
    public static String localNetworkWarning(String host, String address) {
        AddressSpace space = addressSpace(address);
        if (space != AddressSpace.LOOPBACK && space != AddressSpace.LOCAL) return null;
        String named = host == null || host.equalsIgnoreCase(address) ? address : host + " (" + address + ")";
        return "the endpoint " + named + " is a " + (space == AddressSpace.LOOPBACK ? "loopback" : "private (local network)")
                + " address: since Chrome 142 (Local Network Access) a page served from a public site must get the user's "
                + "permission before it can call it, and CORS alone does not grant that";
    }

    private static byte[] ipLiteral(String h) {
        if (h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            byte[] out = new byte[4];
            String[] parts = h.split("\\.");
            for (int k = 0; k < 4; k++) {
                int v = Integer.parseInt(parts[k]);
                if (v > 255) return null;
                out[k] = (byte) v;
            }
            return out;
        }
        if (h.indexOf(':') >= 0 && h.matches("[0-9a-f:.%a-z]+")) {
            String noZone = h.contains("%") ? h.substring(0, h.indexOf('%')) : h;
            if (!noZone.matches("[0-9a-f:.]+")) return null;
            return ipv6(noZone);
        }
        return null;
    }

    /** An IPv6 literal (with "::" and an optional dotted IPv4 tail) as 16 bytes, or null. Pure: no java.net. */
    private static byte[] ipv6(String text) {
        String h = text;
        byte[] tail = null;
        int lastColon = h.lastIndexOf(':');
        if (h.indexOf('.') > lastColon) {
            tail = ipLiteral(h.substring(lastColon + 1));
            if (tail == null || tail.length != 4) return null;
            h = h.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = h.indexOf("::");
        if (dbl >= 0 && h.indexOf("::", dbl + 1) >= 0) return null;
        String[] head = dbl < 0 ? h.split(":", -1) : h.substring(0, dbl).isEmpty() ? new String[0] : h.substring(0, dbl).split(":", -1);
        String[] rest = dbl < 0 ? new String[0] : h.substring(dbl + 2).isEmpty() ? new String[0] : h.substring(dbl + 2).split(":", -1);
        if (dbl < 0 && head.length != 8 || dbl >= 0 && head.length + rest.length > 7) return null;
        int[] groups = new int[8];
        try {
            for (int k = 0; k < head.length; k++) groups[k] = group(head[k]);
            for (int k = 0; k < rest.length; k++) groups[8 - rest.length + k] = group(rest[k]);
        } catch (NumberFormatException e) {
            return null;
        }
        byte[] out = new byte[16];
        for (int k = 0; k < 8; k++) {
            out[2 * k] = (byte) (groups[k] >> 8);
            out[2 * k + 1] = (byte) groups[k];
        }
        if (tail != null) System.arraycopy(tail, 0, out, 12, 4);
        return out;
    }

    private static int group(String g) {
        if (g.isEmpty() || g.length() > 4) throw new NumberFormatException(g);
        return Integer.parseInt(g, 16);
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
