package dev.s3sh.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bucket policy's statements, read leniently from a JSON tree (the validator says what is wrong;
 * this only takes what is there). Principal {@code "*"} and {@code {"AWS": "*"}} are both
 * {@link #ANYONE}. Condition values are kept as lists of strings.
 */
public record Policy(String version, List<Statement> statements) {
    public static final String ANYONE = "*";

    /**
     * One statement. {@code principals} holds {@code "*"} or {@code TYPE:VALUE} for other forms
     * ({@code AWS:arn:aws:iam:::user/u}); null lists mean the element is absent.
     */
    public record Statement(int number, String sid, String effect, List<String> principals, List<String> notPrincipals,
                            List<String> actions, List<String> notActions, List<String> resources, List<String> notResources,
                            Map<String, Map<String, List<String>>> conditions) {
        public boolean allows() {
            return "Allow".equals(effect);
        }

        /** Every action the statement names (Action or NotAction). */
        public List<String> anyActions() {
            return actions != null ? actions : notActions != null ? notActions : List.of();
        }
    }

    public static Policy of(JsonNode root) {
        String version = root.path("Version").isTextual() ? root.get("Version").asText() : null;
        List<Statement> out = new ArrayList<>();
        int n = 0;
        for (JsonNode s : statements(root)) {
            n++;
            Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
            JsonNode c = s.path("Condition");
            for (Iterator<Map.Entry<String, JsonNode>> ops = c.fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                Map<String, List<String>> keys = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> ks = op.getValue().fields(); ks.hasNext(); ) {
                    Map.Entry<String, JsonNode> k = ks.next();
                    keys.put(k.getKey(), strings(k.getValue()));
                }
                conditions.put(op.getKey(), keys);
            }
            out.add(new Statement(n, s.path("Sid").isTextual() ? s.get("Sid").asText() : null,
                    s.path("Effect").isTextual() ? s.get("Effect").asText() : null,
                    principals(s.get("Principal")), principals(s.get("NotPrincipal")),
                    list(s.get("Action")), list(s.get("NotAction")), list(s.get("Resource")), list(s.get("NotResource")),
                    conditions));
        }
        return new Policy(version, out);
    }

    /** The statements whether {@code Statement} is a list or a single object. */
    static List<JsonNode> statements(JsonNode root) {
        JsonNode s = root.get("Statement");
        List<JsonNode> out = new ArrayList<>();
        if (s == null) return out;
        if (s.isObject()) out.add(s);
        else if (s.isArray()) s.forEach(out::add);
        return out;
    }

    static List<String> strings(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (v.isArray()) v.forEach(e -> out.add(e.asText()));
        else out.add(v.asText());
        return out;
    }

    private static List<String> list(JsonNode v) {
        return v == null ? null : strings(v);
    }

    private static List<String> principals(JsonNode v) {
        if (v == null) return null;
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            out.add(v.asText());
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (String value : strings(e.getValue())) {
                out.add("AWS".equals(e.getKey()) && ANYONE.equals(value) ? ANYONE : e.getKey() + ":" + value);
            }
        }
        return out;
    }
}
