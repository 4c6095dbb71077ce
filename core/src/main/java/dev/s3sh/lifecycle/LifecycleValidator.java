package dev.s3sh.lifecycle;

import dev.s3sh.lifecycle.Lifecycle.Rule;
import dev.s3sh.lifecycle.Lifecycle.Tag;
import dev.s3sh.lifecycle.Lifecycle.Transition;
import dev.s3sh.document.DocumentProblem;
import dev.s3sh.document.DocumentProblem.Severity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges a lifecycle configuration as RGW does (errors: RGW refuses it, measured in
 * docs/rgw-lifecycle.md) and lints it (warnings: RGW takes it, but it probably does not do what was
 * meant, or AWS would refuse it).
 */
public final class LifecycleValidator {
    /** The storage class every RGW zone group has; others exist only where an operator added them. */
    public static final String STANDARD = "STANDARD";
    private static final int MAX_ID = 255;
    private static final Pattern WHOLE = Pattern.compile("[0-9]+");
    /** RGW takes a day (2030-01-01) or midnight UTC (2030-01-01T00:00:00Z, with or without .000). */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T00:00:00(\\.0+)?Z)?");

    private LifecycleValidator() {
    }

    public static List<DocumentProblem> errors(List<DocumentProblem> problems) {
        return problems.stream().filter(DocumentProblem::isError).toList();
    }

    /** Every problem: what reading found, then each rule's, then the configuration's lint. */
    public static List<DocumentProblem> validate(LifecycleDocument doc) {
        List<DocumentProblem> out = new ArrayList<>(doc.problems());
        Lifecycle lc = doc.lifecycle();
        if (lc == null) return out;
        Set<String> ids = new HashSet<>();
        boolean aborts = false;
        for (int i = 0; i < lc.rules().size(); i++) {
            Rule r = lc.rules().get(i);
            Check c = new Check(doc, i, out);
            if (r.id() == null || r.id().isEmpty()) {
                c.warn("", "no ID: RGW makes up a random one; give the rule a name you will recognise");
            } else {
                if (r.id().length() > MAX_ID) c.error("ID", "the ID is " + r.id().length() + " characters long; RGW takes at most " + MAX_ID);
                if (!ids.add(r.id())) c.error("ID", "ID '" + r.id() + "' is used by an earlier rule; RGW refuses two rules with one ID");
            }
            if (r.prefix() == null && r.filter() == null) {
                c.error("", "neither <Filter> nor <Prefix>: RGW refuses the rule (MalformedXML); add <Filter/> for every object or <Filter><Prefix>P</Prefix></Filter>");
            }
            if (r.prefix() != null && r.filter() != null) {
                c.warn("Prefix", "both the old <Prefix> and a <Filter>: RGW takes it, AWS refuses it; keep the <Filter>");
            }
            if (r.filter() != null && r.filter().and() == null && r.filter().tags().size() + (r.filter().prefix() == null ? 0 : 1) > 1) {
                c.warn("Filter", "a Prefix and Tags (or several Tags) side by side: RGW takes it as all of them, AWS wants them inside <And>");
            }
            boolean tagged = r.filter() != null && (!r.filter().tags().isEmpty() || r.filter().and() != null && !r.filter().and().tags().isEmpty());
            if (r.filter() != null) {
                List<Tag> all = new ArrayList<>(r.filter().tags());
                if (r.filter().and() != null) all.addAll(r.filter().and().tags());
                for (Tag t : all) if (t.key() != null && t.key().isEmpty()) c.error("Filter", "a tag with an empty <Key>");
            }
            if (r.status() == null) c.error("", "no <Status>: RGW refuses the rule (MalformedXML); add <Status>Enabled</Status>");
            else if (!r.status().equals("Enabled") && !r.status().equals("Disabled")) {
                c.error("Status", "<Status> is '" + r.status() + "'; RGW takes exactly Enabled or Disabled (MalformedXML)");
            }
            if (r.expiration() == null && r.noncurrentDays() == null && r.abortDays() == null && r.transitions().isEmpty()) {
                c.error("", "no action: RGW refuses a rule without <Expiration>, <NoncurrentVersionExpiration>, <AbortIncompleteMultipartUpload> or <Transition> (MalformedXML)");
            }
            Integer expireDays = null;
            if (r.expiration() != null) {
                var e = r.expiration();
                int given = (e.days() != null ? 1 : 0) + (e.date() != null ? 1 : 0) + (e.expiredObjectDeleteMarker() != null ? 1 : 0);
                if (given == 0) c.error("Expiration", "<Expiration> needs <Days>, <Date> or <ExpiredObjectDeleteMarker> (RGW: MalformedXML)");
                if (e.days() != null && e.date() != null) c.error("Expiration/Date", "<Expiration> has both <Days> and <Date>; RGW takes one (MalformedXML)");
                if (e.days() != null) expireDays = days(c, "Expiration/Days", "<Days>", e.days());
                if (e.date() != null) date(c, "Expiration/Date", e.date());
                if (e.expiredObjectDeleteMarker() != null && !Set.of("true", "false").contains(e.expiredObjectDeleteMarker())) {
                    c.error("Expiration/ExpiredObjectDeleteMarker", "<ExpiredObjectDeleteMarker> is true or false");
                }
            }
            if (r.noncurrentDays() != null) days(c, "NoncurrentVersionExpiration/NoncurrentDays", "<NoncurrentDays>", r.noncurrentDays());
            if (r.abortDays() != null) {
                days(c, "AbortIncompleteMultipartUpload/DaysAfterInitiation", "<DaysAfterInitiation>", r.abortDays());
                if (tagged) {
                    c.error("AbortIncompleteMultipartUpload", "<AbortIncompleteMultipartUpload> in a rule filtered by tags: uploads have no tags yet, RGW refuses it (InvalidRequest); put it in a rule with a prefix filter");
                }
                if ("Enabled".equals(r.status())) aborts = true;
            }
            for (int t = 0; t < r.transitions().size(); t++) {
                Transition tr = r.transitions().get(t);
                String p = "Transition[" + (t + 1) + "]";
                if (tr.storageClass() == null || tr.storageClass().isEmpty()) {
                    c.error(p, "<Transition> needs a <StorageClass> (RGW: MalformedXML)");
                } else if (!tr.storageClass().equals(STANDARD)) {
                    c.warn(p + "/StorageClass", "storage class " + tr.storageClass() + ": RGW takes any name, but moves objects only to a class its zone group defines "
                            + "(a fresh RGW has only STANDARD; 'radosgw-admin zonegroup placement list' shows them)");
                }
                if (tr.days() == null && tr.date() == null) c.error(p, "<Transition> needs <Days> or <Date>");
                if (tr.days() != null && tr.date() != null) c.error(p + "/Date", "<Transition> has both <Days> and <Date>; keep one");
                Integer moveDays = null;
                if (tr.days() != null) {
                    if (!WHOLE.matcher(tr.days()).matches()) c.error(p + "/Days", "<Days> is '" + tr.days() + "'; it is a whole number of days");
                    else moveDays = parse(tr.days());
                }
                if (tr.date() != null) date(c, p + "/Date", tr.date());
                if (moveDays != null && expireDays != null && expireDays <= moveDays) {
                    c.warn("Expiration/Days", "objects expire after " + expireDays + " days, before (or when) they would move to "
                            + tr.storageClass() + " after " + moveDays + ": the transition never happens");
                }
            }
        }
        if (!aborts && !lc.rules().isEmpty()) {
            out.add(new DocumentProblem(Severity.WARNING, doc.source(), 0, 0, null, "no enabled rule aborts incomplete multipart uploads: their parts are "
                    + "kept (and take space) until someone aborts them; 'lifecycle template abort-incomplete-uploads' gives such a rule"));
        }
        return out;
    }

    private static Integer days(Check c, String path, String name, String value) {
        if (!WHOLE.matcher(value).matches() || parse(value) == null || parse(value) < 1) {
            c.error(path, name + " is '" + value + "'; RGW takes a whole number of days, 1 or more (InvalidArgument)");
            return null;
        }
        return parse(value);
    }

    private static void date(Check c, String path, String value) {
        if (!DATE.matcher(value).matches()) {
            c.error(path, "<Date> is '" + value + "'; RGW takes a day at midnight UTC: 2030-01-31 or 2030-01-31T00:00:00Z (MalformedXML)");
        }
    }

    private static Integer parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record Check(LifecycleDocument doc, int rule, List<DocumentProblem> out) {
        void error(String path, String message) {
            add(Severity.ERROR, path, message);
        }

        void warn(String path, String message) {
            add(Severity.WARNING, path, message);
        }

        private void add(Severity s, String path, String message) {
            int[] at = doc.at(rule, path);
            out.add(new DocumentProblem(s, doc.source(), at == null ? 0 : at[0], at == null ? 0 : at[1], "rule " + (rule + 1), message));
        }
    }
}
