package dev.s3sh.cors;

import dev.s3sh.cors.CorsDocument.Finding;
import dev.s3sh.cors.CorsProblem.Severity;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Says what a server would refuse in a CORS document, per dialect, as located problems: errors for
 * what the server rejects (or what s3sh cannot read), warnings for what it takes but probably not as
 * meant (a value with spaces around it is stored and then never matches). RGW's behaviour was measured
 * against Ceph RGW 16 (docs/rgw-cors-validation.md); AWS's follows its documentation.
 */
public final class CorsValidator {
    /** The methods S3 CORS rules know, in the order messages list them. */
    public static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "HEAD");
    public static final int MAX_RULES = 100;
    public static final int MAX_ID_BYTES = 255;

    private static final List<String> FIELDS = java.util.stream.Stream.concat(
            java.util.Arrays.stream(CorsField.values()).map(CorsField::xml), java.util.stream.Stream.of("CORSRule")).toList();

    private final CorsDocument doc;
    private final Dialect dialect;
    private final String source;
    private final List<CorsProblem> problems = new ArrayList<>();

    private CorsValidator(CorsDocument doc, Dialect dialect, String source) {
        this.doc = doc;
        this.dialect = dialect;
        this.source = source;
    }

    /**
     * Every problem of a document read by {@link CorsParser#read}: its syntax problems, the tolerated
     * oddities judged for {@code dialect}, and the rule checks, ordered by position.
     */
    public static List<CorsProblem> validate(CorsDocument doc, Dialect dialect) {
        CorsValidator v = new CorsValidator(doc, dialect, doc.source());
        v.problems.addAll(doc.syntaxProblems());
        v.findings();
        if (doc.configuration() != null) v.check(doc.configuration());
        return v.sorted();
    }

    /**
     * Notes about the document as a whole that are not problems with its rules, for the command to show after a
     * passing verdict (warning severity, never errors): today one, for a JSON document, which s3sh converts to
     * XML when it pushes it but which RGW and {@code s3cmd setcors} (and the S3 API itself) cannot read.
     */
    public static List<CorsProblem> notes(CorsDocument doc, Dialect dialect) {
        if (doc.format() != CorsFormat.JSON || doc.configuration() == null) return List.of();
        return List.of(new CorsProblem(Severity.WARNING, doc.source(), null, null, null, "the document is JSON: s3sh converts it to XML "
                + "when it pushes it (cors set), but " + (dialect.isRgw() ? "RGW" : "the S3 API") + " and s3cmd setcors read only XML: "
                + "do not hand this file to them directly"));
    }

    /** The rule checks for a configuration built in memory (no positions), named "configuration". */
    public static List<CorsProblem> validate(CorsConfiguration config, Dialect dialect) {
        return validate(config, dialect, "configuration");
    }

    public static List<CorsProblem> validate(CorsConfiguration config, Dialect dialect, String sourceName) {
        CorsValidator v = new CorsValidator(null, dialect, sourceName);
        v.check(config);
        return v.sorted();
    }

    /** True when none of the problems is an error (warnings allowed). */
    public static boolean isValid(List<CorsProblem> problems) {
        return problems.stream().noneMatch(CorsProblem::isError);
    }

    public static List<CorsProblem> errors(List<CorsProblem> problems) {
        return problems.stream().filter(CorsProblem::isError).toList();
    }

    private List<CorsProblem> sorted() {
        Comparator<CorsProblem> byPosition = Comparator.comparing(
                (CorsProblem p) -> p.position() == null ? 0L : ((long) p.position().line() << 32) | p.position().column());
        List<CorsProblem> out = new ArrayList<>(problems);
        out.sort(byPosition);
        return List.copyOf(out);
    }

    // ---- rule checks

    private void check(CorsConfiguration config) {
        List<CorsRule> rules = config.rules();
        if (rules.isEmpty()) {
            error(doc == null ? null : SourcePosition.xml(1, 1), null, "CORSRule",
                    "the configuration has no CORSRule; S3 needs at least one rule (to remove CORS from a bucket, delete its configuration instead)");
        }
        if (rules.size() > MAX_RULES) {
            error(ruleStart(MAX_RULES), MAX_RULES + 1, "CORSRule", "there are " + rules.size()
                    + " rules; S3 allows at most " + MAX_RULES + (dialect.isRgw() ? " (RGW answers InvalidRequest)" : ""));
        }
        for (int i = 0; i < rules.size(); i++) rule(i, rules.get(i));
    }

    private void rule(int i, CorsRule r) {
        int n = i + 1;
        if (r.id() != null) {
            long bytes = CorsParser.utf8Length(r.id());
            if (bytes > MAX_ID_BYTES) {
                error(at(i, CorsField.ID.xml(), 0), n, CorsField.ID.xml(), "ID is " + bytes + " bytes long; S3 allows at most " + MAX_ID_BYTES + " bytes");
            } else if (r.id().isEmpty()) {
                warning(at(i, CorsField.ID.xml(), 0), n, CorsField.ID.xml(), "ID is empty; the server drops it (leave the ID out or name the rule)");
            }
        }
        methods(i, r);
        List<String> origins = r.allowedOrigins();
        if (origins.isEmpty()) {
            error(ruleStart(i), n, CorsField.ALLOWED_ORIGIN.xml(), "the rule has no AllowedOrigin; S3 needs at least one (use '*' for any origin)");
        }
        matchedValues(i, CorsField.ALLOWED_ORIGIN.xml(), origins, "use '*' for any origin", "a browser's Origin", false);
        matchedValues(i, CorsField.ALLOWED_HEADER.xml(), r.allowedHeaders(), "leave it out, or use '*' for any header", "a requested header", true);
        List<String> expose = r.exposeHeaders();
        for (int j = 0; j < expose.size(); j++) {
            String h = expose.get(j);
            SourcePosition at = at(i, CorsField.EXPOSE_HEADER.xml(), j);
            if (h.isEmpty()) {
                if (dialect == Dialect.AWS) error(at, n, CorsField.EXPOSE_HEADER.xml(), "ExposeHeader is empty; AWS S3 refuses it");
                else warning(at, n, CorsField.EXPOSE_HEADER.xml(), "ExposeHeader is empty; RGW keeps it but it exposes nothing");
                continue;
            }
            if (h.strip().equals("*") && dialect == Dialect.AWS) {
                error(at, n, CorsField.EXPOSE_HEADER.xml(), "ExposeHeader '*' is not accepted by AWS S3; name each header to expose, e.g. 'ETag'");
            }
            controlCharacters(at, n, CorsField.EXPOSE_HEADER.xml(), h);
            spaces(at, n, CorsField.EXPOSE_HEADER.xml(), h, "a response header");
        }
        maxAge(i, r);
    }

    /**
     * MaxAgeSeconds beyond what the document says on its face. AWS S3 takes 0 to 2147483647. RGW accepts any
     * integer and keeps what {@link CorsRule#rgwMaxAge()} says (ceph v16.2.15 rgw_cors_s3.cc: strtoull, then
     * nothing kept at 2^32 and above or at its 4294967295 marker): say what it keeps and what it then sends.
     */
    private void maxAge(int i, CorsRule r) {
        BigInteger written = r.maxAge();
        if (written == null) return;
        int n = i + 1;
        SourcePosition at = at(i, CorsField.MAX_AGE_SECONDS.xml(), 0);
        if (dialect == Dialect.AWS) {
            if (written.signum() < 0) {
                error(at, n, CorsField.MAX_AGE_SECONDS.xml(), "MaxAgeSeconds " + written + " is negative; use 0 or more seconds");
            } else if (r.maxAgeOutsideInt()) {
                error(at, n, CorsField.MAX_AGE_SECONDS.xml(), "MaxAgeSeconds " + written + " is out of range; AWS S3 takes 0 to " + Integer.MAX_VALUE + " seconds");
            }
            return;
        }
        long stored = r.rgwMaxAge();
        if (stored < 0) {
            warning(at, n, CorsField.MAX_AGE_SECONDS.xml(), "MaxAgeSeconds " + written + (written.signum() < 0 ? " is negative" : " is 4294967295 or more")
                    + "; RGW accepts it but keeps no MaxAgeSeconds (it reads the value as an unsigned 32-bit number), so it sends no "
                    + "Access-Control-Max-Age and browsers cache the preflight for their default 5 seconds");
        } else if (!BigInteger.valueOf(stored).equals(written)) {
            warning(at, n, CorsField.MAX_AGE_SECONDS.xml(), "MaxAgeSeconds " + written + " is negative; RGW reads it with strtoull, which wraps it to "
                    + stored + ", and sends Access-Control-Max-Age: " + stored);
        } else if (r.maxAgeOutsideInt()) {
            warning(at, n, CorsField.MAX_AGE_SECONDS.xml(), "MaxAgeSeconds " + written + " is beyond " + Integer.MAX_VALUE + "; RGW accepts it and sends "
                    + "Access-Control-Max-Age: " + stored + ", AWS S3 refuses it, and browsers cap it anyway (Chromium at "
                    + BrowserCors.CHROMIUM_MAX_AGE_CAP + " seconds)");
        }
    }

    /**
     * A header name the server repeats in a response (ExposeHeader) or compares with one (AllowedHeader) must not
     * hold CR, LF or another control character: RGW stored ExposeHeader verbatim and wrote it into
     * Access-Control-Expose-Headers, so a line break split the response (CVE-2020-10753; RGW 16 now writes LF as
     * backslash-n, a CR still goes out raw). s3sh refuses them on every dialect. A tab is left to the
     * "spaces around" warning.
     */
    private void controlCharacters(SourcePosition at, int n, String field, String value) {
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                error(at, n, field, field + " '" + visible(value) + "' holds a control character (" + String.format("U+%04X", (int) c)
                        + "); a line break in a header name is a response header injection (CVE-2020-10753), so s3sh refuses it: remove it");
                return;
            }
        }
    }

    /** The value on one line: line breaks and other control characters as escapes. */
    static String visible(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c < 0x20 && c != '\t' || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    /**
     * AllowedOrigin and AllowedHeader values, which the server matches against requests: none empty,
     * at most one wildcard, no spaces around, no duplicates; headers also no comma lists.
     */
    private void matchedValues(int i, String field, List<String> values, String emptyHint, String what, boolean header) {
        int n = i + 1;
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < values.size(); j++) {
            String v = values.get(j);
            SourcePosition at = at(i, field, j);
            if (v.isEmpty()) {
                error(at, n, field, field + " is empty; S3 refuses it (" + emptyHint + ")");
                continue;
            }
            wildcards(at, n, field, v);
            if (header) controlCharacters(at, n, field, v);
            spaces(at, n, field, v, what);
            if (header && v.strip().contains(",")) {
                warning(at, n, field, field + " '" + v + "' holds a comma; the server takes it as one header name "
                        + "that never matches: give each header its own " + field);
            }
            if (!seen.add(header ? v.toLowerCase(Locale.ROOT) : v)) {
                warning(at, n, field, field + " '" + v + "' is given twice in this rule" + (header ? " (header names ignore case)" : ""));
            }
        }
    }

    private void methods(int i, CorsRule r) {
        int n = i + 1;
        List<String> methods = r.allowedMethods();
        if (methods.isEmpty()) {
            if (dialect == Dialect.AWS) {
                error(ruleStart(i), n, CorsField.ALLOWED_METHOD.xml(), "the rule has no AllowedMethod; AWS S3 needs at least one of " + String.join(", ", METHODS));
            } else {
                warning(ruleStart(i), n, CorsField.ALLOWED_METHOD.xml(), "the rule has no AllowedMethod; RGW accepts it but it allows no request");
            }
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < methods.size(); j++) {
            String m = methods.get(j);
            SourcePosition at = at(i, CorsField.ALLOWED_METHOD.xml(), j);
            String upper = m.strip().toUpperCase(Locale.ROOT);
            if (m.isEmpty()) {
                error(at, n, CorsField.ALLOWED_METHOD.xml(), "AllowedMethod is empty; use one of " + String.join(", ", METHODS));
            } else if (!m.equals(m.strip())) {
                error(at, n, CorsField.ALLOWED_METHOD.xml(), "AllowedMethod '" + m + "' has spaces around it, which S3 refuses; write '" + m.strip() + "'");
            } else if (METHODS.contains(upper)) {
                if (!m.equals(upper)) {
                    if (dialect == Dialect.AWS) {
                        error(at, n, CorsField.ALLOWED_METHOD.xml(), "AllowedMethod '" + m + "' must be in capitals on AWS S3; write '" + upper + "'");
                    } else {
                        warning(at, n, CorsField.ALLOWED_METHOD.xml(), "AllowedMethod '" + m + "' is not in capitals; RGW stores it as '" + upper + "'");
                    }
                }
            } else if (upper.equals("COPY") && dialect.isRgw()) {
                warning(at, n, CorsField.ALLOWED_METHOD.xml(), "AllowedMethod '" + m + "' is an RGW extension that browsers never send; AWS S3 refuses it");
            } else {
                error(at, n, CorsField.ALLOWED_METHOD.xml(), "AllowedMethod '" + m + "' is not one of " + String.join(", ", METHODS));
            }
            if (!m.isEmpty() && !seen.add(upper)) {
                warning(at, n, CorsField.ALLOWED_METHOD.xml(), "AllowedMethod '" + m + "' is given twice in this rule");
            }
        }
    }

    private void wildcards(SourcePosition at, int n, String field, String value) {
        long stars = value.chars().filter(c -> c == '*').count();
        if (stars > 1) {
            error(at, n, field, field + " '" + value + "' has " + stars + " wildcards (*); S3 allows at most one");
        }
    }

    private void spaces(SourcePosition at, int n, String field, String value, String what) {
        String trimmed = value.strip();
        if (!trimmed.equals(value)) {
            warning(at, n, field, field + " '" + value + "' has spaces around it; the server stores them and it never matches "
                    + what + ": write '" + trimmed + "' (s3sh trims it before a push)");
        }
    }

    // ---- what the parser tolerated

    private void findings() {
        int prefixed = 0;
        Finding firstPrefixed = null;
        for (Finding f : doc.findings()) {
            boolean rgw = dialect.isRgw();
            switch (f.kind()) {
                case UNKNOWN_ELEMENT -> {
                    String hint = suggestion(f.detail());
                    String what = "<" + f.detail() + "> is not a CORS element" + hint;
                    if (rgw) warning(f.position(), f.rule(), f.field(), what + "; RGW ignores it");
                    else error(f.position(), f.rule(), f.field(), what + "; AWS S3 refuses the document (MalformedXML)");
                }
                case DUPLICATE_ELEMENT -> {
                    String what = "a second <" + f.field() + "> in one rule ('" + f.detail() + "')";
                    if (rgw) warning(f.position(), f.rule(), f.field(), what + "; RGW keeps the first and ignores this one");
                    else error(f.position(), f.rule(), f.field(), what + "; AWS S3 refuses the document (MalformedXML)");
                }
                case STRAY_TEXT -> {
                    String what = "text '" + abbreviate(f.detail()) + "' outside any value element";
                    if (rgw) warning(f.position(), f.rule(), null, what + "; RGW ignores it");
                    else error(f.position(), f.rule(), null, what + "; AWS S3 refuses the document (MalformedXML)");
                }
                case PREFIXED_ELEMENT -> {
                    if (prefixed++ == 0) firstPrefixed = f;
                }
                case FOREIGN_NAMESPACE -> {
                    String what = "the root element's namespace is '" + f.detail() + "', not S3's '" + CorsXml.NAMESPACE + "'";
                    if (rgw) warning(f.position(), null, null, what + "; RGW ignores namespaces");
                    else error(f.position(), null, null, what + "; AWS S3 refuses the document (MalformedXML)");
                }
                case ATTRIBUTE -> warning(f.position(), f.rule(), f.field(),
                        "attribute '" + f.detail() + "' on <" + f.field() + "> means nothing to S3; the server ignores it");
                case EMPTY_MAX_AGE -> {
                    if (rgw) warning(f.position(), f.rule(), f.field(), "MaxAgeSeconds is empty; RGW stores it as 0");
                    else error(f.position(), f.rule(), f.field(), "MaxAgeSeconds is empty; AWS S3 needs a number of seconds");
                }
                case MAX_AGE_SPACES -> {
                    if (rgw && f.detail().equals("trailing")) {
                        error(f.position(), f.rule(), f.field(), "MaxAgeSeconds has spaces after the number, which RGW refuses; remove them");
                    } else {
                        warning(f.position(), f.rule(), f.field(), "MaxAgeSeconds has spaces around the number; remove them");
                    }
                }
                case UNKNOWN_KEY -> error(f.position(), f.rule(), f.field(), f.rule() == null
                        ? "\"" + f.detail() + "\" is not allowed here; the document's only key is \"CORSRules\""
                        : "\"" + f.detail() + "\" is not a CORS rule key" + jsonSuggestion(f.detail())
                        + " (the keys are ID, AllowedHeaders, AllowedMethods, AllowedOrigins, ExposeHeaders, MaxAgeSeconds)");
                case DUPLICATE_KEY -> error(f.position(), f.rule(), f.field(), "\"" + f.detail()
                        + "\" is given twice in one object; JSON readers disagree on which one counts, so keep one");
            }
        }
        if (firstPrefixed != null && dialect.isRgw()) {
            error(firstPrefixed.position(), firstPrefixed.rule(), firstPrefixed.field(), "RGW does not understand prefixed element names such as <"
                    + firstPrefixed.detail() + "> and ignores them" + (prefixed > 1 ? " (" + prefixed + " elements here)" : "")
                    + "; drop the prefix and put xmlns=\"" + CorsXml.NAMESPACE + "\" on <CORSConfiguration>");
        }
    }

    private static String suggestion(String name) {
        String bare = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
        for (String f : FIELDS) {
            if (bare.equalsIgnoreCase(f) || bare.equalsIgnoreCase(f + "s") || bare.equalsIgnoreCase(f + "es")) {
                return bare.equals(f) ? "" : " (did you mean <" + f + ">?)";
            }
        }
        return "";
    }

    private static String jsonSuggestion(String key) {
        for (String k : java.util.Arrays.stream(CorsField.values()).map(CorsField::json).toList()) {
            if (key.equalsIgnoreCase(k) || (key + "s").equalsIgnoreCase(k)) return " (did you mean \"" + k + "\"?)";
        }
        return "";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    // ---- positions and output

    private SourcePosition ruleStart(int ruleIndex) {
        return doc == null ? null : doc.ruleStart(ruleIndex);
    }

    private SourcePosition at(int ruleIndex, String field, int valueIndex) {
        return doc == null ? null : doc.position(ruleIndex, field, valueIndex);
    }

    private void error(SourcePosition at, Integer rule, String field, String message) {
        problems.add(new CorsProblem(Severity.ERROR, source, at, rule, field, message));
    }

    private void warning(SourcePosition at, Integer rule, String field, String message) {
        problems.add(new CorsProblem(Severity.WARNING, source, at, rule, field, message));
    }
}
