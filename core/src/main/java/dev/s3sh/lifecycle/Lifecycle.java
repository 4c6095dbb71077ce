package dev.s3sh.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * A bucket's lifecycle configuration as s3sh holds it: the elements RGW stores, values kept as the
 * text written (so the validator, not the reader, says what RGW makes of "ten" days). A null field
 * is an element that is not there.
 */
public record Lifecycle(List<Rule> rules) {

    public record Tag(String key, String value) {
    }

    /**
     * {@code <Filter>}: a Prefix, a Tag, or an And of them; nothing for {@code <Filter/>}. RGW also takes
     * a Prefix and Tags side by side without And (and answers an And so), hence a list.
     */
    public record Filter(String prefix, List<Tag> tags, And and) {
        public boolean empty() {
            return prefix == null && tags.isEmpty() && and == null;
        }
    }

    public record And(String prefix, List<Tag> tags) {
    }

    public record Expiration(String days, String date, String expiredObjectDeleteMarker) {
    }

    public record Transition(String days, String date, String storageClass) {
    }

    /** {@code prefix}: the old top-level {@code <Prefix>} (s3cmd writes it), next to or instead of a Filter. */
    public record Rule(String id, String prefix, Filter filter, String status, Expiration expiration,
                       String noncurrentDays, String abortDays, List<Transition> transitions) {

        /** "objects under 'logs/'", "objects tagged k=v", "every object". */
        public String scope() {
            if (filter != null && filter.and() != null) {
                List<String> parts = new ArrayList<>();
                if (filter.and().prefix() != null) parts.add("under '" + filter.and().prefix() + "'");
                for (Tag t : filter.and().tags()) parts.add("tagged " + t.key() + "=" + t.value());
                return "objects " + String.join(" and ", parts);
            }
            String p = filter != null && filter.prefix() != null ? filter.prefix() : prefix;
            List<String> parts = new ArrayList<>();
            if (p != null && !p.isEmpty()) parts.add("under '" + p + "'");
            if (filter != null) for (Tag t : filter.tags()) parts.add("tagged " + t.key() + "=" + t.value());
            return parts.isEmpty() ? "every object" : "objects " + String.join(" and ", parts);
        }

        /** "expire after 30 days; abort uploads after 7 days". */
        public String actions() {
            List<String> parts = new ArrayList<>();
            for (Transition t : transitions) {
                parts.add("move to " + t.storageClass() + (t.days() != null ? " after " + t.days() + " days" : " on " + t.date()));
            }
            if (expiration != null) {
                parts.add(expiration.days() != null ? "expire after " + expiration.days() + " days"
                        : expiration.date() != null ? "expire on " + expiration.date() : "remove expired delete markers");
            }
            if (noncurrentDays != null) parts.add("expire old versions after " + noncurrentDays + " days");
            if (abortDays != null) parts.add("abort incomplete uploads after " + abortDays + " days");
            return parts.isEmpty() ? "no action" : String.join(", ", parts);
        }
    }

    /** "no lifecycle", or "2 rules: logs: objects under 'logs/' expire after 30 days; ...". */
    public static String describe(Lifecycle lifecycle) {
        if (lifecycle == null) return "no lifecycle";
        List<Rule> rules = lifecycle.rules();
        StringBuilder b = new StringBuilder().append(rules.size()).append(rules.size() == 1 ? " rule" : " rules");
        for (int i = 0; i < Math.min(3, rules.size()); i++) {
            Rule r = rules.get(i);
            b.append(i == 0 ? ": " : "; ").append(r.id() == null || r.id().isEmpty() ? "(no ID)" : r.id()).append(": ")
                    .append(r.scope()).append(": ").append(r.actions());
            if ("Disabled".equals(r.status())) b.append(" (disabled)");
        }
        if (rules.size() > 3) b.append("; ...");
        return b.toString();
    }
}
