package dev.s3sh.cors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What changes between two configurations, rule by rule and field by field, and a unified diff of
 * their canonical XML. Either side may be null (no configuration). Rules are paired by the longest
 * run of unchanged rules, then by ID, then by similarity (a third of their values in common); a pair that differs
 * gives value-level changes, an unpaired rule is added or removed.
 */
public record CorsDiff(CorsConfiguration before, CorsConfiguration after, List<Change> changes) {

    public CorsDiff {
        changes = List.copyOf(changes);
    }

    public enum Type {
        CONFIGURATION_ADDED, CONFIGURATION_REMOVED, RULE_ADDED, RULE_REMOVED,
        /** A value of a list field (AllowedOrigin, ...) is new in the rule. */
        VALUE_ADDED,
        /** A value of a list field is gone from the rule. */
        VALUE_REMOVED,
        /** ID or MaxAgeSeconds changed ({@code oldValue}/{@code newValue} null when absent). */
        VALUE_CHANGED,
        /** Same values in a list field, another order. */
        VALUES_REORDERED
    }

    /**
     * One change. {@code beforeRule}/{@code afterRule} are 1-based rule numbers on each side (null
     * on the side where the rule does not exist); {@code field} is an XML element name or null.
     */
    public record Change(Type type, Integer beforeRule, Integer afterRule, String field, String oldValue, String newValue) {
        /** One line, e.g. {@code rule 2: AllowedOrigin 'https://b.example' added}. */
        public String describe() {
            String rule = afterRule != null ? "rule " + afterRule
                    + (beforeRule != null && !beforeRule.equals(afterRule) ? " (was rule " + beforeRule + ")" : "")
                    : "rule " + beforeRule;
            return switch (type) {
                case CONFIGURATION_ADDED -> "CORS configuration added (" + newValue + ")";
                case CONFIGURATION_REMOVED -> "CORS configuration removed (" + oldValue + ")";
                case RULE_ADDED -> rule + " added: " + newValue;
                case RULE_REMOVED -> rule + " removed: " + oldValue;
                case VALUE_ADDED -> rule + ": " + field + " '" + newValue + "' added";
                case VALUE_REMOVED -> rule + ": " + field + " '" + oldValue + "' removed";
                case VALUE_CHANGED -> rule + ": " + field + " " + shown(oldValue) + " changed to " + shown(newValue);
                case VALUES_REORDERED -> rule + ": " + field + " order changed to " + newValue;
            };
        }

        private static String shown(String v) {
            return v == null ? "(none)" : "'" + v + "'";
        }
    }

    public static CorsDiff diff(CorsConfiguration before, CorsConfiguration after) {
        List<Change> changes = new ArrayList<>();
        if (before == null && after == null) return new CorsDiff(null, null, changes);
        if (before == null) {
            changes.add(new Change(Type.CONFIGURATION_ADDED, null, null, null, null, count(after)));
        } else if (after == null) {
            changes.add(new Change(Type.CONFIGURATION_REMOVED, null, null, null, count(before), null));
        } else {
            rules(before.rules(), after.rules(), changes);
        }
        return new CorsDiff(before, after, changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** One line per change. */
    public List<String> summary() {
        return changes.stream().map(Change::describe).toList();
    }

    /** The unified diff (three lines of context) of the canonical XML of both sides; empty when equal. */
    public String unified(String beforeName, String afterName) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        if (a.equals(b)) return "";
        List<int[]> same = Lcs.pairs(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(beforeName).append('\n').append("+++ ").append(afterName).append('\n');
        // edit script: walk both sides along the common lines
        List<String[]> script = new ArrayList<>(); // {op, text, aIndex, bIndex}
        int i = 0, j = 0;
        for (int[] p : same) {
            while (i < p[0]) script.add(new String[]{"-", a.get(i), String.valueOf(i++), String.valueOf(j)});
            while (j < p[1]) script.add(new String[]{"+", b.get(j), String.valueOf(i), String.valueOf(j++)});
            script.add(new String[]{" ", a.get(i), String.valueOf(i++), String.valueOf(j++)});
        }
        while (i < a.size()) script.add(new String[]{"-", a.get(i), String.valueOf(i++), String.valueOf(j)});
        while (j < b.size()) script.add(new String[]{"+", b.get(j), String.valueOf(i), String.valueOf(j++)});
        int k = 0;
        while (k < script.size()) {
            if (script.get(k)[0].equals(" ")) {
                k++;
                continue;
            }
            int start = Math.max(0, k - 3);
            int end = k;
            int lastChange = k;
            while (end < script.size()) {
                if (!script.get(end)[0].equals(" ")) lastChange = end;
                else if (end - lastChange > 6) break;
                end++;
            }
            end = Math.min(script.size(), lastChange + 4);
            int aStart = Integer.parseInt(script.get(start)[2]);
            int bStart = Integer.parseInt(script.get(start)[3]);
            int aCount = 0, bCount = 0;
            for (int h = start; h < end; h++) {
                String op = script.get(h)[0];
                if (!op.equals("+")) aCount++;
                if (!op.equals("-")) bCount++;
            }
            out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
            for (int h = start; h < end; h++) out.append(script.get(h)[0]).append(script.get(h)[1]).append('\n');
            k = end;
        }
        return out.toString();
    }

    /** The change lines, a blank line, then the unified diff; "no changes" when both are the same. */
    public String render(String beforeName, String afterName) {
        if (isEmpty()) return "no changes\n";
        StringBuilder b = new StringBuilder();
        for (String line : summary()) b.append(line).append('\n');
        String unified = unified(beforeName, afterName);
        if (!unified.isEmpty()) b.append('\n').append(unified);
        return b.toString();
    }

    private static String range(int start, int count) {
        // unified diff numbers lines from 1; an empty range names the line before it
        return (count == 0 ? start : start + 1) + "," + count;
    }

    private static List<String> lines(CorsConfiguration c) {
        return c == null ? List.of() : List.of(CorsXml.write(c).split("\n"));
    }

    private static String count(CorsConfiguration c) {
        int n = c.rules().size();
        return n + (n == 1 ? " rule" : " rules");
    }

    private static String summary(CorsRule r) {
        String s = String.join(", ", r.allowedMethods()) + " from " + String.join(", ", r.allowedOrigins());
        return r.id() == null ? s : "'" + r.id() + "' " + s;
    }

    // ---- rule pairing

    private static void rules(List<CorsRule> a, List<CorsRule> b, List<Change> changes) {
        List<int[]> anchors = new ArrayList<>(Lcs.pairs(a, b));
        anchors.add(new int[]{a.size(), b.size()});
        int i = 0, j = 0;
        for (int[] anchor : anchors) {
            gap(a, b, i, anchor[0], j, anchor[1], changes);
            i = anchor[0] + 1;
            j = anchor[1] + 1;
        }
        changes.sort((x, y) -> Integer.compare(order(x), order(y)));
    }

    /** Orders changes by the rule they concern (after-numbering, removals where they were). */
    private static int order(Change c) {
        int rule = c.afterRule() != null ? c.afterRule() : c.beforeRule();
        return rule * 2 + (c.type() == Type.RULE_REMOVED ? 0 : 1);
    }

    /** Rules a[i0..i1) and b[j0..j1) between two unchanged ones: pair by ID, then by position. */
    private static void gap(List<CorsRule> a, List<CorsRule> b, int i0, int i1, int j0, int j1, List<Change> changes) {
        List<Integer> left = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        for (int i = i0; i < i1; i++) left.add(i);
        for (int j = j0; j < j1; j++) right.add(j);
        for (Integer i : List.copyOf(left)) {
            String id = a.get(i).id();
            if (id == null || id.isEmpty()) continue;
            for (Integer j : right) {
                if (id.equals(b.get(j).id())) {
                    ruleChanges(a.get(i), b.get(j), i + 1, j + 1, changes);
                    left.remove(i);
                    right.remove(j);
                    break;
                }
            }
        }
        // then each remaining old rule with the most similar new one, if they share enough
        for (Integer i : List.copyOf(left)) {
            Integer best = null;
            double bestScore = MIN_SIMILARITY;
            for (Integer j : right) {
                double score = similarity(a.get(i), b.get(j));
                if (score >= bestScore && (best == null || score > bestScore)) {
                    best = j;
                    bestScore = score;
                }
            }
            if (best != null) {
                ruleChanges(a.get(i), b.get(best), i + 1, best + 1, changes);
                left.remove(i);
                right.remove(best);
            }
        }
        for (Integer i : left) changes.add(new Change(Type.RULE_REMOVED, i + 1, null, null, summary(a.get(i)), null));
        for (Integer j : right) changes.add(new Change(Type.RULE_ADDED, null, j + 1, null, null, summary(b.get(j))));
    }

    /** Two rules are taken for one edited rule when at least this share of their values is common. */
    private static final double MIN_SIMILARITY = 1.0 / 3;

    /** Shared values over all values (Jaccard), values tagged by field; two named rules with other IDs share nothing. */
    private static double similarity(CorsRule x, CorsRule y) {
        if (x.id() != null && y.id() != null && !x.id().isEmpty() && !y.id().isEmpty() && !x.id().equals(y.id())) return 0;
        Set<String> p = tokens(x), q = tokens(y);
        Set<String> union = new HashSet<>(p);
        union.addAll(q);
        p.retainAll(q);
        return union.isEmpty() ? 1 : (double) p.size() / union.size();
    }

    private static Set<String> tokens(CorsRule r) {
        Set<String> t = new HashSet<>();
        if (r.id() != null) t.add("I" + r.id());
        r.allowedMethods().forEach(v -> t.add("M" + v));
        r.allowedOrigins().forEach(v -> t.add("O" + v));
        r.allowedHeaders().forEach(v -> t.add("H" + v));
        r.exposeHeaders().forEach(v -> t.add("E" + v));
        if (r.maxAge() != null) t.add("A" + r.maxAge());
        return t;
    }

    private static void ruleChanges(CorsRule x, CorsRule y, int before, int after, List<Change> changes) {
        if (!Objects.equals(x.id(), y.id())) {
            changes.add(new Change(Type.VALUE_CHANGED, before, after, CorsField.ID.xml(), x.id(), y.id()));
        }
        values(CorsField.ALLOWED_METHOD.xml(), x.allowedMethods(), y.allowedMethods(), before, after, changes);
        values(CorsField.ALLOWED_ORIGIN.xml(), x.allowedOrigins(), y.allowedOrigins(), before, after, changes);
        values(CorsField.ALLOWED_HEADER.xml(), x.allowedHeaders(), y.allowedHeaders(), before, after, changes);
        if (!Objects.equals(x.maxAge(), y.maxAge())) {
            changes.add(new Change(Type.VALUE_CHANGED, before, after, CorsField.MAX_AGE_SECONDS.xml(),
                    x.maxAge() == null ? null : x.maxAge().toString(),
                    y.maxAge() == null ? null : y.maxAge().toString()));
        }
        values(CorsField.EXPOSE_HEADER.xml(), x.exposeHeaders(), y.exposeHeaders(), before, after, changes);
    }

    private static void values(String field, List<String> x, List<String> y, int before, int after, List<Change> changes) {
        if (x.equals(y)) return;
        List<String> removed = new ArrayList<>(x);
        for (String v : y) removed.remove(v);
        List<String> added = new ArrayList<>(y);
        for (String v : x) added.remove(v);
        for (String v : removed) changes.add(new Change(Type.VALUE_REMOVED, before, after, field, v, null));
        for (String v : added) changes.add(new Change(Type.VALUE_ADDED, before, after, field, null, v));
        if (removed.isEmpty() && added.isEmpty()) {
            changes.add(new Change(Type.VALUES_REORDERED, before, after, field, String.join(", ", x), String.join(", ", y)));
        }
    }
}
