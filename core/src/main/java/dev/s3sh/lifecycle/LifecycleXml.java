package dev.s3sh.lifecycle;

import dev.s3sh.lifecycle.Lifecycle.Filter;
import dev.s3sh.lifecycle.Lifecycle.Rule;
import dev.s3sh.lifecycle.Lifecycle.Tag;
import dev.s3sh.lifecycle.Lifecycle.Transition;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a configuration as XML (the elements in the order RGW answers them, two-space indents) and
 * says whether two configurations are the same as RGW stores them: RGW answers {@code <Filter/>} and
 * {@code <Filter><Prefix/></Filter>} as the old {@code <Prefix></Prefix>}, an And as its Prefix and
 * Tags side by side, and gives a rule without ID a random one.
 */
public final class LifecycleXml {
    public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private LifecycleXml() {
    }

    public static String write(Lifecycle lifecycle) {
        StringBuilder b = new StringBuilder("<LifecycleConfiguration xmlns=\"").append(NAMESPACE).append("\">\n");
        for (Rule r : lifecycle.rules()) {
            b.append("  <Rule>\n");
            element(b, 4, "ID", r.id());
            element(b, 4, "Prefix", r.prefix());
            if (r.filter() != null) {
                Filter f = r.filter();
                if (f.empty()) b.append("    <Filter/>\n");
                else {
                    b.append("    <Filter>\n");
                    element(b, 6, "Prefix", f.prefix());
                    for (Tag t : f.tags()) tag(b, 6, t);
                    if (f.and() != null) {
                        b.append("      <And>\n");
                        element(b, 8, "Prefix", f.and().prefix());
                        for (Tag t : f.and().tags()) tag(b, 8, t);
                        b.append("      </And>\n");
                    }
                    b.append("    </Filter>\n");
                }
            }
            element(b, 4, "Status", r.status());
            if (r.expiration() != null) {
                b.append("    <Expiration>\n");
                element(b, 6, "Days", r.expiration().days());
                element(b, 6, "Date", r.expiration().date());
                element(b, 6, "ExpiredObjectDeleteMarker", r.expiration().expiredObjectDeleteMarker());
                b.append("    </Expiration>\n");
            }
            if (r.noncurrentDays() != null) {
                b.append("    <NoncurrentVersionExpiration>\n");
                element(b, 6, "NoncurrentDays", r.noncurrentDays());
                b.append("    </NoncurrentVersionExpiration>\n");
            }
            if (r.abortDays() != null) {
                b.append("    <AbortIncompleteMultipartUpload>\n");
                element(b, 6, "DaysAfterInitiation", r.abortDays());
                b.append("    </AbortIncompleteMultipartUpload>\n");
            }
            for (Transition t : r.transitions()) {
                b.append("    <Transition>\n");
                element(b, 6, "Days", t.days());
                element(b, 6, "Date", t.date());
                element(b, 6, "StorageClass", t.storageClass());
                b.append("    </Transition>\n");
            }
            b.append("  </Rule>\n");
        }
        return b.append("</LifecycleConfiguration>\n").toString();
    }

    private static void tag(StringBuilder b, int indent, Tag t) {
        b.append(" ".repeat(indent)).append("<Tag>\n");
        element(b, indent + 2, "Key", t.key());
        element(b, indent + 2, "Value", t.value());
        b.append(" ".repeat(indent)).append("</Tag>\n");
    }

    private static void element(StringBuilder b, int indent, String name, String value) {
        if (value == null) return;
        b.append(" ".repeat(indent)).append('<').append(name).append('>').append(escape(value)).append("</").append(name).append(">\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Whether the server holding {@code server} holds {@code sent} (null: no configuration). A rule
     * sent without an ID matches whatever ID RGW gave it.
     */
    public static boolean same(Lifecycle sent, Lifecycle server) {
        if (sent == null || server == null) return sent == server;
        Lifecycle a = canonical(sent);
        Lifecycle b = canonical(server);
        if (a.rules().size() != b.rules().size()) return false;
        for (int i = 0; i < a.rules().size(); i++) {
            Rule x = a.rules().get(i);
            Rule y = b.rules().get(i);
            if (x.id() == null || x.id().isEmpty()) x = withId(x, y.id());
            if (!x.equals(y)) return false;
        }
        return true;
    }

    /** As RGW answers it: see the class comment. */
    public static Lifecycle canonical(Lifecycle lifecycle) {
        List<Rule> rules = new ArrayList<>();
        for (Rule r : lifecycle.rules()) {
            Filter f = r.filter();
            String prefix = r.prefix();
            if (f != null && f.and() != null) {
                List<Tag> tags = new ArrayList<>(f.tags());
                tags.addAll(f.and().tags());
                f = new Filter(f.prefix() != null ? f.prefix() : f.and().prefix(), tags, null);
            }
            if (f != null && f.tags().isEmpty() && (f.prefix() == null || f.prefix().isEmpty()) && prefix == null) {
                f = null;
                prefix = "";
            }
            rules.add(new Rule(r.id(), prefix, f, r.status(), r.expiration(), r.noncurrentDays(), r.abortDays(), r.transitions()));
        }
        return new Lifecycle(rules);
    }

    private static Rule withId(Rule r, String id) {
        return new Rule(id, r.prefix(), r.filter(), r.status(), r.expiration(), r.noncurrentDays(), r.abortDays(), r.transitions());
    }

    /** A filter on a key prefix ("" for every object). */
    public static Filter prefixFilter(String prefix) {
        return new Filter(prefix == null ? "" : prefix, List.of(), null);
    }
}
