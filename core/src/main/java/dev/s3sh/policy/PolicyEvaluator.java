package dev.s3sh.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides one request against a bucket policy as RGW does: an explicit Deny wins, then an Allow;
 * when no statement applies the bucket's ACL decides (a private bucket: only its owner).
 * Conditions s3sh can judge locally: {@code aws:SecureTransport}, which RGW 16 never sets (so it
 * never matches, docs/rgw-policy.md); a statement with any other
 * condition is reported as not judged and left out.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /** {@code principal}: null for anonymous, else an ARN ({@code arn:aws:iam:::user/NAME}); {@code key} null for a bucket request. */
    public record Request(String principal, String action, String bucket, String key, boolean secure) {
        String resource() {
            return PolicyValidator.S3_ARN + bucket + (key == null ? "" : "/" + key);
        }
    }

    public enum Verdict { ALLOWED, DENIED, NO_STATEMENT }

    /** {@code statement}: the deciding statement (1-based) or null; {@code unjudged}: statements left out for their conditions. */
    public record Decision(Verdict verdict, Integer statement, String sid, String reason, List<Integer> unjudged) {
        public boolean allowedByPolicy() {
            return verdict == Verdict.ALLOWED;
        }
    }

    public static Decision decide(Policy policy, Request request) {
        Policy.Statement allow = null;
        List<Integer> unjudged = new ArrayList<>();
        for (Policy.Statement s : policy.statements()) {
            if (s.effect() == null || !applies(s, request)) continue;
            Boolean conditions = conditions(s.conditions(), request);
            if (conditions == null) {
                unjudged.add(s.number());
                continue;
            }
            if (!conditions) continue;
            if ("Deny".equals(s.effect())) {
                return new Decision(Verdict.DENIED, s.number(), s.sid(), "denied by statement " + name(s) + " (an explicit Deny wins)", unjudged);
            }
            if (allow == null && s.allows()) allow = s;
        }
        if (allow != null) return new Decision(Verdict.ALLOWED, allow.number(), allow.sid(), "allowed by statement " + name(allow), unjudged);
        return new Decision(Verdict.NO_STATEMENT, null, null,
                "no statement applies: the bucket's ACL decides (a private bucket lets only its owner in)", unjudged);
    }

    private static String name(Policy.Statement s) {
        return s.number() + (s.sid() == null || s.sid().isEmpty() ? "" : " (" + s.sid() + ")");
    }

    static boolean applies(Policy.Statement s, Request r) {
        return principal(s, r) && action(s, r) && resource(s, r);
    }

    private static boolean principal(Policy.Statement s, Request r) {
        if (s.principals() != null) return anyPrincipal(s.principals(), r);
        if (s.notPrincipals() != null) return !anyPrincipal(s.notPrincipals(), r);
        return false;
    }

    private static boolean anyPrincipal(List<String> principals, Request r) {
        for (String p : principals) {
            if (p.equals(Policy.ANYONE)) return true;
            if (r.principal() != null && p.startsWith("AWS:") && p.substring(4).equals(r.principal())) return true;
        }
        return false;
    }

    private static boolean action(Policy.Statement s, Request r) {
        String a = r.action().toLowerCase(Locale.ROOT);
        if (s.actions() != null) return s.actions().stream().anyMatch(p -> Wildcard.matches(p.toLowerCase(Locale.ROOT), a));
        if (s.notActions() != null) return s.notActions().stream().noneMatch(p -> Wildcard.matches(p.toLowerCase(Locale.ROOT), a));
        return false;
    }

    private static boolean resource(Policy.Statement s, Request r) {
        String res = r.resource();
        if (s.resources() != null) return s.resources().stream().anyMatch(p -> Wildcard.matches(p, res));
        if (s.notResources() != null) return s.notResources().stream().noneMatch(p -> Wildcard.matches(p, res));
        return false;
    }

    /** True/false when every condition could be judged, null when one cannot be judged locally. */
    private static Boolean conditions(Map<String, Map<String, List<String>>> conditions, Request r) {
        for (Map.Entry<String, Map<String, List<String>>> op : conditions.entrySet()) {
            for (Map.Entry<String, List<String>> key : op.getValue().entrySet()) {
                if (!op.getKey().equals("Bool") || !key.getKey().equalsIgnoreCase("aws:SecureTransport")) return null;
                // measured (PolicyIT): RGW 16 leaves aws:SecureTransport unset, so a condition on it never
                // matches, whichever value it asks for and however the request came
                return false;
            }
        }
        return true;
    }
}
