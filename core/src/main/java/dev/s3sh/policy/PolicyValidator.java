package dev.s3sh.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3sh.document.DocumentProblem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judges a bucket policy as RGW would (docs/rgw-policy.md): errors are what RGW refuses, and what
 * cannot apply to the bucket it is meant for (a Resource naming only another bucket, the classic
 * mistake, which RGW itself takes); warnings are what RGW takes but probably not as meant, and the
 * lint ({@code Principal "*"} with write actions, Resources of other buckets beside the right one).
 */
public final class PolicyValidator {
    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Federated", "Service", "CanonicalUser");
    static final String S3_ARN = "arn:aws:s3:::";

    private final PolicyDocument doc;
    private final String bucket;
    private final List<DocumentProblem> out = new ArrayList<>();

    private PolicyValidator(PolicyDocument doc, String bucket) {
        this.doc = doc;
        this.bucket = bucket;
    }

    /** Every problem, errors and warnings, in document order; {@code bucket} null: not judged against a bucket. */
    public static List<DocumentProblem> validate(PolicyDocument doc, String bucket) {
        if (!doc.readable()) return doc.syntaxProblems();
        PolicyValidator v = new PolicyValidator(doc, bucket);
        v.run();
        return List.copyOf(v.out);
    }

    public static List<DocumentProblem> errors(List<DocumentProblem> problems) {
        return problems.stream().filter(DocumentProblem::isError).toList();
    }

    private void run() {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            error("", null, "a policy is a JSON object ({\"Version\": ..., \"Statement\": [...]}), not " + kind(root));
            return;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TOP.contains(name)) {
                error("/" + name + "#key", null, "unknown field '" + name + "' (RGW refuses it; a policy has Version, Id and Statement"
                        + suggestion(name, TOP) + ")");
            }
        }
        JsonNode version = root.get("Version");
        if (version == null) {
            warning("", null, "no Version: add \"Version\": \"2012-10-17\" (without it AWS reads the policy with 2008 rules)");
        } else if (!version.isTextual() || !PolicyRules.VERSIONS.contains(version.asText())) {
            error("/Version", null, "Version " + version + " is not one RGW takes: use \"2012-10-17\"");
        }
        JsonNode statements = root.get("Statement");
        if (statements == null) {
            warning("", null, "no Statement: the policy allows and denies nothing");
            return;
        }
        if (!statements.isArray() && !statements.isObject()) {
            error("/Statement", null, "Statement is a list of statements, not " + kind(statements));
            return;
        }
        if (statements.isArray() && statements.isEmpty()) warning("/Statement", null, "Statement is empty: the policy allows and denies nothing");
        Map<String, Integer> sids = new HashMap<>();
        List<JsonNode> list = Policy.statements(root);
        for (int i = 0; i < list.size(); i++) {
            String at = statements.isArray() ? "/Statement/" + i : "/Statement";
            statement(list.get(i), at, i + 1, sids);
        }
    }

    private void statement(JsonNode s, String at, int n, Map<String, Integer> sids) {
        if (!s.isObject()) {
            error(at, n, "a statement is a JSON object, not " + kind(s));
            return;
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!STATEMENT.contains(name)) {
                error(at + "/" + name + "#key", n, "unknown field '" + name + "' (RGW refuses it" + suggestion(name, STATEMENT) + ")");
            }
        }
        JsonNode sid = s.get("Sid");
        if (sid != null) {
            if (!sid.isTextual()) {
                error(at + "/Sid", n, "Sid must be a string (RGW refuses " + kind(sid) + ")");
            } else {
                Integer first = sids.putIfAbsent(sid.asText(), n);
                if (first != null) {
                    warning(at + "/Sid", n, "Sid '" + sid.asText() + "' is also statement " + first
                            + "'s; RGW takes it, AWS refuses it: give each statement its own Sid");
                }
            }
        }
        JsonNode effect = s.get("Effect");
        if (effect == null) error(at, n, "no Effect: add \"Effect\": \"Allow\" or \"Deny\" (without it the statement never applies)");
        else if (!effect.isTextual() || !Set.of("Allow", "Deny").contains(effect.asText())) {
            error(at + "/Effect", n, "Effect " + effect + " is not \"Allow\" or \"Deny\" (spelt so; RGW refuses it)");
        }
        principal(s, at, n);
        actions(s, at, n);
        resources(s, at, n);
        conditions(s.get("Condition"), at + "/Condition", n);
        anyoneWrites(s, at, n);
    }

    /** Lint: an Allow for Principal "*" with actions that change the bucket: anyone on the internet can write. */
    private void anyoneWrites(JsonNode s, String at, int n) {
        Policy.Statement st = Policy.of(objectWith(s)).statements().get(0);
        if (!st.allows() || st.principals() == null || !st.principals().contains(Policy.ANYONE) || st.actions() == null) return;
        List<String> writes = st.actions().stream().filter(PolicyRules::isWrite).toList();
        if (writes.isEmpty() || !st.conditions().isEmpty()) return;
        warning(at + "/Action", n, "Principal \"*\" with " + String.join(", ", writes)
                + ": ANYONE on the internet can change this bucket; name the users instead");
    }

    private static JsonNode objectWith(JsonNode statement) {
        com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.set("Statement", statement);
        return o;
    }

    private void principal(JsonNode s, String at, int n) {
        String field = s.has("Principal") ? "Principal" : s.has("NotPrincipal") ? "NotPrincipal" : null;
        if (field == null) {
            error(at, n, "no Principal: a bucket policy names who it is for (\"*\" for anyone, {\"AWS\": \"arn:aws:iam:::user/NAME\"})");
            return;
        }
        if (s.has("Principal") && s.has("NotPrincipal")) warning(at + "/NotPrincipal#key", n, "both Principal and NotPrincipal: use one");
        JsonNode p = s.get(field);
        String here = at + "/" + field;
        if (p.isTextual()) {
            if (!"*".equals(p.asText())) {
                error(here, n, field + " \"" + p.asText() + "\" is refused: a string Principal can only be \"*\"; "
                        + "name a user as {\"AWS\": \"arn:aws:iam:::user/NAME\"}");
            }
            return;
        }
        if (!p.isObject()) {
            error(here, n, field + " must be \"*\" or an object such as {\"AWS\": [...]}, not " + kind(p) + " (RGW refuses it)");
            return;
        }
        if (p.isEmpty()) warning(here, n, field + " is empty: the statement applies to nobody");
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!PRINCIPAL_TYPES.contains(e.getKey())) {
                error(here + "/" + e.getKey() + "#key", n, field + " type '" + e.getKey() + "' is refused by RGW: use AWS"
                        + suggestion(e.getKey(), PRINCIPAL_TYPES));
                continue;
            }
            if (!"AWS".equals(e.getKey())) continue;
            List<String> values = Policy.strings(e.getValue());
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                String vAt = e.getValue().isArray() ? here + "/AWS/" + i : here + "/AWS";
                if (!v.equals("*") && !v.startsWith("arn:aws:iam::")) {
                    warning(vAt, n, "principal '" + v + "' is not an ARN: RGW matches users as arn:aws:iam:::user/NAME "
                            + "(arn:aws:iam::TENANT:user/NAME in a tenant)");
                }
            }
        }
    }

    private void actions(JsonNode s, String at, int n) {
        String field = s.has("Action") ? "Action" : s.has("NotAction") ? "NotAction" : null;
        if (field == null) {
            error(at, n, "no Action: name what the statement allows or denies, such as \"s3:GetObject\"");
            return;
        }
        JsonNode a = s.get(field);
        if (!a.isTextual() && !a.isArray()) {
            error(at + "/" + field, n, field + " is a string or a list of strings, not " + kind(a));
            return;
        }
        if (a.isArray() && a.isEmpty()) warning(at + "/" + field, n, field + " is empty: the statement applies to nothing");
        for (int i = 0; i < (a.isArray() ? a.size() : 1); i++) {
            JsonNode one = a.isArray() ? a.get(i) : a;
            String here = at + "/" + field + (a.isArray() ? "/" + i : "");
            if (!one.isTextual()) {
                error(here, n, field + " entries are strings, not " + kind(one));
                continue;
            }
            String action = one.asText();
            String lower = action.toLowerCase(Locale.ROOT);
            if (lower.equals("*")) continue;
            int colon = lower.indexOf(':');
            String service = colon < 0 ? "" : lower.substring(0, colon);
            String name = colon < 0 ? "" : lower.substring(colon + 1);
            if (service.equals("s3")) {
                if (name.contains("*") || name.contains("?")) {
                    if (PolicyRules.S3_ACTIONS.stream().noneMatch(k -> Wildcard.matches(name, k))) {
                        warning(here, n, "action '" + action + "' matches no S3 action RGW knows");
                    }
                } else if (!PolicyRules.S3_ACTIONS.contains(name)) {
                    error(here, n, "action '" + action + "' is not an S3 action RGW knows (it refuses the policy)" + actionSuggestion(name));
                }
            } else if (PolicyRules.OTHER_SERVICES_TAKEN.contains(service)) {
                warning(here, n, "action '" + action + "' is not an S3 action: it has no effect in a bucket policy");
            } else {
                error(here, n, "action '" + action + "' is refused by RGW: a bucket policy takes s3: actions (\"s3:GetObject\")");
            }
        }
    }

    private void resources(JsonNode s, String at, int n) {
        String field = s.has("Resource") ? "Resource" : s.has("NotResource") ? "NotResource" : null;
        if (field == null) {
            error(at, n, "no Resource: name the bucket (\"arn:aws:s3:::BUCKET\") or its objects (\"arn:aws:s3:::BUCKET/*\")");
            return;
        }
        JsonNode r = s.get(field);
        if (!r.isTextual() && !r.isArray()) {
            error(at + "/" + field, n, field + " is a string or a list of strings, not " + kind(r));
            return;
        }
        int ours = 0;
        List<String[]> others = new ArrayList<>();
        for (int i = 0; i < (r.isArray() ? r.size() : 1); i++) {
            JsonNode one = r.isArray() ? r.get(i) : r;
            String here = at + "/" + field + (r.isArray() ? "/" + i : "");
            String arn = one.asText();
            if (!one.isTextual()) {
                error(here, n, field + " entries are strings, not " + kind(one));
                continue;
            }
            if (arn.equals("*")) {
                ours++;
                continue;
            }
            if (!arn.startsWith("arn:aws:")) {
                error(here, n, "resource '" + arn + "' is not an ARN (RGW refuses it): write \"arn:aws:s3:::" + arn + "\"");
                continue;
            }
            if (arn.startsWith("arn:aws:s3:") && !arn.startsWith(S3_ARN)) {
                error(here, n, "resource '" + arn + "' has a region or account: RGW refuses it; write \"arn:aws:s3:::BUCKET/...\"");
                continue;
            }
            if (arn.startsWith(S3_ARN) && bucketPart(arn).contains(":")) {
                error(here, n, "resource '" + arn + "' is refused by RGW: the bucket part holds ':'");
                continue;
            }
            if (bucket == null || namesBucket(arn, bucket)) ours++;
            else others.add(new String[] {here, arn});
        }
        if (bucket == null || "NotResource".equals(field)) return;
        if (ours == 0 && (r.isTextual() || !r.isEmpty())) {
            for (String[] o : others) {
                error(o[0], n, "resource '" + o[1] + "' is not in s3://" + bucket + ": the statement cannot apply to it "
                        + "(RGW takes it silently); write \"arn:aws:s3:::" + bucket + "/*\" or \"arn:aws:s3:::" + bucket + "\"");
            }
        } else {
            for (String[] o : others) {
                warning(o[0], n, "resource '" + o[1] + "' is not in s3://" + bucket + ": that part of the statement does nothing here");
            }
        }
        objectActionsOnBucketOnly(s, at, n, r, field);
    }

    /** s3:GetObject on "arn:aws:s3:::b" alone (no "/*") applies to no object. */
    private void objectActionsOnBucketOnly(JsonNode s, String at, int n, JsonNode r, String field) {
        List<String> resources = Policy.strings(r);
        if (resources.isEmpty() || resources.stream().anyMatch(x -> x.contains("/") || x.contains("*"))) return;
        JsonNode a = s.get("Action");
        if (a == null) return;
        for (String action : Policy.strings(a)) {
            String name = action.toLowerCase(Locale.ROOT);
            if (name.endsWith("object") || name.endsWith("objectacl")) {
                warning(at + "/" + field, n, "action '" + action + "' is about objects, but the Resource names only the bucket: "
                        + "add \"" + resources.get(0) + "/*\"");
                return;
            }
        }
    }

    private void conditions(JsonNode c, String at, int n) {
        if (c == null) return;
        if (!c.isObject()) {
            error(at, n, "Condition is an object such as {\"Bool\": {\"aws:SecureTransport\": \"false\"}}, not " + kind(c));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> op = it.next();
            String name = op.getKey();
            String base = name.replaceFirst("^For(Any|All)Value(s)?:", "").replaceFirst("IfExists$", "");
            if (!PolicyRules.CONDITION_OPERATORS.contains(base)) {
                error(at + "/" + name + "#key", n, "condition operator '" + name + "' is refused by RGW"
                        + suggestion(base, PolicyRules.CONDITION_OPERATORS));
                continue;
            }
            if (!op.getValue().isObject()) {
                error(at + "/" + name, n, "condition " + name + " takes an object of keys and values");
                continue;
            }
            for (Iterator<String> keys = op.getValue().fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                String k = key.toLowerCase(Locale.ROOT);
                if (PolicyRules.CONDITION_KEYS.stream().noneMatch(known -> k.equals(known) || k.startsWith(known + "/"))) {
                    warning(at + "/" + name + "/" + key + "#key", n, "condition key '" + key
                            + "' is not one RGW evaluates for S3 requests: RGW takes the policy, but the condition never matches");
                }
            }
        }
    }

    /** True when the ARN (with wildcards) can name the bucket or an object in it. */
    static boolean namesBucket(String arn, String bucket) {
        if (arn.equals("*")) return true;
        if (!arn.startsWith(S3_ARN)) return false;
        String part = bucketPart(arn);
        return Wildcard.matches(part, bucket) || Wildcard.matches(arn, S3_ARN + bucket + "/x");
    }

    private static String bucketPart(String arn) {
        String rest = arn.substring(S3_ARN.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static String kind(JsonNode n) {
        if (n.isArray()) return "a list";
        if (n.isObject()) return "an object";
        if (n.isTextual()) return "the string \"" + n.asText() + "\"";
        if (n.isNull()) return "null";
        return n.toString();
    }

    private static String suggestion(String name, Set<String> known) {
        for (String k : known) if (k.equalsIgnoreCase(name)) return "; did you mean '" + k + "'?";
        return "";
    }

    private static String actionSuggestion(String lowerName) {
        for (String k : PolicyRules.S3_ACTIONS) {
            if (distance(k, lowerName) <= 2) return "; did you mean 's3:" + PolicyRules.canonical(k) + "'?";
        }
        return "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    private void error(String pointer, Integer n, String message) {
        add(DocumentProblem.Severity.ERROR, pointer, n, message);
    }

    private void warning(String pointer, Integer n, String message) {
        add(DocumentProblem.Severity.WARNING, pointer, n, message);
    }

    private void add(DocumentProblem.Severity severity, String pointer, Integer n, String message) {
        int[] at = doc.position(pointer);
        out.add(new DocumentProblem(severity, doc.source(), at[0], at[1], n == null ? null : "statement " + n, message));
    }
}
