package dev.s3sh.cors;

import com.ctc.wstx.stax.WstxInputFactory;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.s3sh.cors.CorsDocument.Finding;
import dev.s3sh.cors.CorsDocument.Kind;
import dev.s3sh.cors.CorsDocument.RuleLocation;
import dev.s3sh.cors.CorsProblem.Severity;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a CORS document, XML or JSON (detected from its first character), safely: at most
 * {@link #MAX_DOCUMENT_BYTES}, strict UTF-8 (a UTF-8 byte-order mark is skipped), no DOCTYPE and so no
 * entities of any kind, nesting at most {@link #MAX_DEPTH} levels. Every problem is located (line and
 * column, plus the JSON path for JSON) and the reader goes on after a problem whenever the document
 * is well-formed, so one run reports them all. Whether a tolerated oddity (an unknown element, a
 * second ID, ...) is an error depends on the server: {@link CorsValidator} judges the
 * {@link CorsDocument#findings() findings}.
 */
public final class CorsParser {
    /** AWS S3's limit for a CORS document (RGW takes up to 1 MiB). */
    public static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    /** Deepest element or JSON nesting accepted; a CORS document needs 3 (XML) or 4 (JSON). */
    public static final int MAX_DEPTH = 32;
    /**
     * Largest document read back from a server: RGW stores documents up to its rgw_max_put_param_size (1 MiB by
     * default) and answers GET ?cors with the same elements, so a stored document may be far over AWS's 64 KB.
     */
    public static final int MAX_STORED_DOCUMENT_BYTES = 2 * 1024 * 1024;

    static final String ID = CorsField.ID.xml();
    static final String METHOD = CorsField.ALLOWED_METHOD.xml();
    static final String ORIGIN = CorsField.ALLOWED_ORIGIN.xml();
    static final String HEADER = CorsField.ALLOWED_HEADER.xml();
    static final String EXPOSE = CorsField.EXPOSE_HEADER.xml();
    static final String MAX_AGE = CorsField.MAX_AGE_SECONDS.xml();
    private static final List<String> LIST_FIELDS = List.of(METHOD, ORIGIN, HEADER, EXPOSE);
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
    /** What C's isspace() skips before a number (the "C" locale). */
    private static final String C_SPACE = " \t\n\u000B\f\r";

    private CorsParser() {
    }

    /**
     * The configuration held by {@code text}, or a {@link CorsParseException} listing every problem
     * that kept it from being read, one located line each. Problems that only a server judges (an
     * unknown method, two wildcards, ...) are not checked here: see {@link CorsValidator}.
     */
    public static CorsConfiguration parse(String text, String sourceName) throws CorsParseException {
        return require(read(text, sourceName));
    }

    /** As {@link #parse(String, String)}, from the bytes of a file (strict UTF-8). */
    public static CorsConfiguration parse(byte[] bytes, String sourceName) throws CorsParseException {
        return require(read(bytes, sourceName));
    }

    private static CorsConfiguration require(CorsDocument doc) throws CorsParseException {
        if (doc.readable()) return doc.configuration();
        List<String> lines = doc.syntaxProblems().stream().map(CorsProblem::render).toList();
        int n = lines.size();
        throw new CorsParseException(doc.source() + " is not a readable CORS document: " + n
                + (n == 1 ? " problem" : " problems"), lines);
    }

    /** Reads a document given as text (a leading byte-order mark is skipped). Never throws. */
    public static CorsDocument read(String text, String sourceName) {
        String source = sourceName == null ? "<input>" : sourceName;
        if (text == null) text = "";
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        long size = utf8Length(text);
        if (size > MAX_DOCUMENT_BYTES) return tooLarge(source, size);
        return readText(text, source, (int) size);
    }

    /** Reads a document given as the bytes of a file: strict UTF-8, a UTF-8 byte-order mark skipped. Never throws. */
    public static CorsDocument read(byte[] bytes, String sourceName) {
        String source = sourceName == null ? "<input>" : sourceName;
        if (bytes.length > MAX_DOCUMENT_BYTES) return tooLarge(source, bytes.length);
        return decode(bytes, source);
    }

    /**
     * Reads the document a server answered with (GET ?cors): as {@link #read(byte[], String)}, but up to
     * {@link #MAX_STORED_DOCUMENT_BYTES}, since what the server already holds is not ours to refuse.
     */
    public static CorsDocument readStored(byte[] bytes, String sourceName) {
        String source = sourceName == null ? "<server>" : sourceName;
        if (bytes.length > MAX_STORED_DOCUMENT_BYTES) {
            return failed(source, bytes.length, null, null, "the server's CORS document is " + bytes.length
                    + " bytes; s3sh reads at most " + MAX_STORED_DOCUMENT_BYTES + " bytes");
        }
        return decode(bytes, source);
    }

    private static CorsDocument decode(byte[] bytes, String source) {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            start = 3;
        } else if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF
                || (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE)) {
            return failed(source, bytes.length, null, SourcePosition.xml(1, 1),
                    "the document is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            String before = out.flip().toString();
            int offset = in.position();
            return failed(source, bytes.length, null, positionAfter(before),
                    String.format("byte 0x%02X (byte offset %d) is not valid UTF-8; save the file as UTF-8", bytes[offset] & 0xff, offset));
        }
        return readText(out.flip().toString(), source, bytes.length);
    }

    private static CorsDocument readText(String text, String source, int size) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        if (i == text.length()) {
            return failed(source, size, null, null, "the document is empty; a CORS document is XML (<CORSConfiguration>) or JSON ({\"CORSRules\":[...]})");
        }
        char c = text.charAt(i);
        if (c == '<') return new XmlReader(text, source, size).read();
        if (c == '{' || c == '[') return new JsonReader(text, source, size).read();
        int cp = text.codePointAt(i);
        return failed(source, size, null, positionAfter(text.substring(0, i)),
                "the document is neither XML nor JSON: it starts with '" + new String(Character.toChars(cp))
                        + "' where '<', '{' or '[' was expected");
    }

    /** The document a file of {@code size} bytes gives when it is over the limit, without reading it. */
    public static CorsDocument tooLarge(String source, long size) {
        return failed(source, (int) Math.min(size, Integer.MAX_VALUE), null, null, "the document is " + size
                + " bytes; a CORS document may hold at most " + MAX_DOCUMENT_BYTES + " bytes (64 KB)");
    }

    private static CorsDocument failed(String source, int size, CorsFormat format, SourcePosition at, String message) {
        return new CorsDocument(source, format, size, null, List.of(),
                List.of(new CorsProblem(Severity.ERROR, source, at, null, null, message)), List.of());
    }

    /** The position just after {@code prefix}: 1-based line and column (columns count characters). */
    static SourcePosition positionAfter(String prefix) {
        int line = 1, column = 1;
        for (int k = 0; k < prefix.length(); k++) {
            char ch = prefix.charAt(k);
            if (ch == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(ch)) {
                column++;
            }
        }
        return SourcePosition.xml(line, column);
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (ch < 0x80) n += 1;
            else if (ch < 0x800) n += 2;
            else if (Character.isHighSurrogate(ch) && k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
                n += 4;
                k++;
            } else n += 3;
        }
        return n;
    }

    /** What one rule collects while it is read; shared by both formats. */
    private static final class RuleBuilder {
        final int number;
        final SourcePosition start;
        String id;
        boolean idSeen;
        BigInteger maxAge;
        boolean maxAgeSeen;
        final Map<String, List<String>> values = new LinkedHashMap<>();
        final Map<String, List<SourcePosition>> positions = new LinkedHashMap<>();

        RuleBuilder(int number, SourcePosition start) {
            this.number = number;
            this.start = start;
            for (String f : LIST_FIELDS) values.put(f, new ArrayList<>());
        }

        void add(String field, String value, SourcePosition at) {
            values.get(field).add(value);
            positions.computeIfAbsent(field, k -> new ArrayList<>()).add(at);
        }

        void single(String field, SourcePosition at) {
            positions.put(field, List.of(at));
        }

        CorsRule rule() {
            return new CorsRule(id, values.get(METHOD), values.get(ORIGIN), values.get(HEADER), values.get(EXPOSE), null, maxAge);
        }

        RuleLocation location() {
            return new RuleLocation(start, positions);
        }
    }

    /** Problems and findings of one read, and the rules read so far. */
    private abstract static class Reader {
        final String text;
        final String source;
        final int size;
        final List<CorsProblem> problems = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        final List<RuleBuilder> rules = new ArrayList<>();

        Reader(String text, String source, int size) {
            this.text = text;
            this.source = source;
            this.size = size;
        }

        void error(SourcePosition at, Integer rule, String field, String message) {
            problems.add(new CorsProblem(Severity.ERROR, source, at, rule, field, message));
        }

        void finding(Kind kind, SourcePosition at, Integer rule, String field, String detail) {
            findings.add(new Finding(kind, at, rule, field, detail));
        }

        /**
         * MaxAgeSeconds from its text as RGW reads it ({@code strtoull}, ceph v16.2.15 rgw_cors_s3.cc): C white space
         * (space, tab, LF, VT, FF, CR) before an optional sign and digits, nothing after them; empty is 0. Any size
         * is kept: which values a server accepts, and what it does with them, is the validator's and evaluator's
         * business per dialect.
         */
        BigInteger maxAge(String value, SourcePosition at, int rule) {
            if (value.isEmpty()) {
                finding(Kind.EMPTY_MAX_AGE, at, rule, MAX_AGE, "");
                return BigInteger.ZERO;
            }
            int start = 0;
            while (start < value.length() && C_SPACE.indexOf(value.charAt(start)) >= 0) start++;
            String number = value.substring(start);
            String trimmed = number.strip();
            if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
                error(at, rule, MAX_AGE, "MaxAgeSeconds '" + value + "' is not a whole number of seconds");
                return null;
            }
            if (!trimmed.equals(number)) {
                finding(Kind.MAX_AGE_SPACES, at, rule, MAX_AGE, "trailing");
            } else if (start > 0) {
                finding(Kind.MAX_AGE_SPACES, at, rule, MAX_AGE, "leading");
            }
            return new BigInteger(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
        }

        CorsDocument document(CorsFormat format, boolean fatal) {
            CorsConfiguration config = fatal ? null : new CorsConfiguration(rules.stream().map(RuleBuilder::rule).toList());
            List<RuleLocation> locations = fatal ? List.of() : rules.stream().map(RuleBuilder::location).toList();
            return new CorsDocument(source, format, size, config, locations, problems, findings);
        }
    }

    /** StAX (Woodstox) over the text; DTDs refused, depth bounded by hand. */
    private static final class XmlReader extends Reader {
        private XMLStreamReader r;
        private int depth;

        XmlReader(String text, String source, int size) {
            super(text, source, size);
        }

        CorsDocument read() {
            XMLInputFactory factory = new WstxInputFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
            factory.setProperty(XMLInputFactory.IS_COALESCING, true);
            factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
            try {
                r = factory.createXMLStreamReader(new StringReader(text));
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.DTD) {
                        error(here(), null, null, "a DOCTYPE is not allowed in a CORS document (it can define entities that "
                                + "read local files or expand without bound); remove it");
                        return document(CorsFormat.XML, true);
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        if (!root()) return document(CorsFormat.XML, true);
                    }
                }
                return document(CorsFormat.XML, false);
            } catch (XMLStreamException e) {
                Location loc = e.getLocation();
                SourcePosition at = loc != null && loc.getLineNumber() > 0
                        ? SourcePosition.xml(loc.getLineNumber(), Math.max(1, loc.getColumnNumber())) : here();
                error(at, null, null, "the XML is not well-formed: " + woodstoxMessage(e));
                return document(CorsFormat.XML, true);
            } catch (DepthException e) {
                error(e.at, null, null, "elements are nested more than " + MAX_DEPTH + " levels deep; a CORS document needs 3");
                return document(CorsFormat.XML, true);
            } finally {
                try {
                    if (r != null) r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release for a string source
                }
            }
        }

        private SourcePosition here() {
            Location loc = r == null ? null : r.getLocation();
            return loc == null ? SourcePosition.xml(1, 1) : SourcePosition.xml(Math.max(1, loc.getLineNumber()), Math.max(1, loc.getColumnNumber()));
        }

        /** The root element; false when it is not a CORS document at all. */
        private boolean root() throws XMLStreamException {
            depth = 1;
            SourcePosition at = here();
            String name = r.getLocalName();
            if (!name.equals("CORSConfiguration")) {
                error(at, null, null, "the root element is <" + qualifiedName() + ">; a CORS document's root element is <CORSConfiguration>");
                return false;
            }
            noteNamespace(at, null);
            String ns = r.getNamespaceURI();
            if (r.getPrefix() == null || r.getPrefix().isEmpty()) {
                if (ns != null && !ns.isEmpty() && !ns.equals(CorsXml.NAMESPACE)) {
                    finding(Kind.FOREIGN_NAMESPACE, at, null, null, ns);
                }
            }
            noteAttributes(at, null);
            while (true) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) break;
                if (event == XMLStreamConstants.START_ELEMENT) {
                    enter();
                    SourcePosition child = here();
                    if (isCors("CORSRule")) {
                        rule(child);
                    } else {
                        unknown(child, null);
                    }
                    depth--;
                } else if (isText(event)) {
                    strayText(null);
                }
            }
            return true;
        }

        private void rule(SourcePosition start) throws XMLStreamException {
            RuleBuilder rule = new RuleBuilder(rules.size() + 1, start);
            rules.add(rule);
            noteNamespace(start, rule.number);
            noteAttributes(start, rule.number);
            while (true) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) return;
                if (event == XMLStreamConstants.START_ELEMENT) {
                    enter();
                    SourcePosition at = here();
                    String field = r.getLocalName();
                    boolean known = isCors(field) && (LIST_FIELDS.contains(field) || field.equals(ID) || field.equals(MAX_AGE));
                    if (!known) {
                        unknown(at, rule.number);
                    } else {
                        noteNamespace(at, rule.number);
                        noteAttributes(at, rule.number);
                        String value = value(field, at, rule.number);
                        if (value != null) field(rule, field, value, at);
                    }
                    depth--;
                } else if (isText(event)) {
                    strayText(rule.number);
                }
            }
        }

        private void field(RuleBuilder rule, String field, String value, SourcePosition at) {
            // the single-valued fields; every other name holds a list
            CorsField single = CorsField.ofXml(field).filter(f -> !f.list()).orElse(null);
            if (single == null) {
                rule.add(field, value, at);
                return;
            }
            switch (single) {
                case ID -> {
                    if (rule.idSeen) {
                        finding(Kind.DUPLICATE_ELEMENT, at, rule.number, ID, value);
                    } else {
                        rule.idSeen = true;
                        rule.id = value;
                        rule.single(ID, at);
                    }
                }
                case MAX_AGE_SECONDS -> {
                    if (rule.maxAgeSeen) {
                        finding(Kind.DUPLICATE_ELEMENT, at, rule.number, MAX_AGE, value);
                    } else {
                        rule.maxAgeSeen = true;
                        rule.maxAge = maxAge(value, at, rule.number);
                        rule.single(MAX_AGE, at);
                    }
                }
                default -> throw new IllegalStateException("a single-valued field without a rule: " + single);
            }
        }

        /** The text of a value element; null (and an error) when it holds elements. */
        private String value(String field, SourcePosition at, int rule) throws XMLStreamException {
            StringBuilder b = new StringBuilder();
            boolean nested = false;
            while (true) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) break;
                if (event == XMLStreamConstants.START_ELEMENT) {
                    enter();
                    if (!nested) {
                        error(here(), rule, field, field + " holds an element <" + qualifiedName() + ">; it must hold text only");
                    }
                    nested = true;
                    skip();
                    depth--;
                } else if (isText(event)) {
                    b.append(r.getText());
                } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    error(here(), rule, field, field + " uses the undefined entity &" + r.getLocalName() + ";");
                    nested = true;
                }
            }
            return nested ? null : b.toString();
        }

        private void unknown(SourcePosition at, Integer rule) throws XMLStreamException {
            String name = qualifiedName();
            finding(Kind.UNKNOWN_ELEMENT, at, rule, name, name);
            skip();
        }

        private void strayText(Integer rule) {
            String t = r.getText().strip();
            if (!t.isEmpty()) finding(Kind.STRAY_TEXT, here(), rule, null, t);
        }

        /** Skips the rest of the current element, minding the depth. */
        private void skip() throws XMLStreamException {
            int level = 1;
            while (level > 0) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    enter();
                    level++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    level--;
                }
            }
            depth++; // the caller leaves the element it entered
        }

        private void enter() {
            depth++;
            if (depth > MAX_DEPTH) throw new DepthException(here());
        }

        private boolean isCors(String local) {
            if (!r.getLocalName().equals(local)) return false;
            String prefix = r.getPrefix();
            if (prefix == null || prefix.isEmpty()) return true;
            return CorsXml.NAMESPACE.equals(r.getNamespaceURI());
        }

        private void noteNamespace(SourcePosition at, Integer rule) {
            String prefix = r.getPrefix();
            if (prefix != null && !prefix.isEmpty()) finding(Kind.PREFIXED_ELEMENT, at, rule, r.getLocalName(), qualifiedName());
        }

        private void noteAttributes(SourcePosition at, Integer rule) {
            for (int k = 0; k < r.getAttributeCount(); k++) {
                String prefix = r.getAttributePrefix(k);
                String name = (prefix == null || prefix.isEmpty() ? "" : prefix + ":") + r.getAttributeLocalName(k);
                finding(Kind.ATTRIBUTE, at, rule, r.getLocalName(), name);
            }
        }

        private String qualifiedName() {
            String prefix = r.getPrefix();
            return (prefix == null || prefix.isEmpty() ? "" : prefix + ":") + r.getLocalName();
        }

        private static boolean isText(int event) {
            return event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE;
        }

        /** Woodstox's message without its location suffix (we give the location ourselves). */
        private static String woodstoxMessage(XMLStreamException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            int at = m.indexOf("\n at [");
            if (at >= 0) m = m.substring(0, at);
            m = m.replace("ParseError at [row,col]:", "").strip();
            if (m.startsWith("Message:")) m = m.substring(8).strip();
            return m.replace('\n', ' ');
        }
    }

    private static final class DepthException extends RuntimeException {
        final SourcePosition at;

        DepthException(SourcePosition at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    /** Jackson's streaming parser: paths and positions for every value, duplicate keys noticed. */
    private static final class JsonReader extends Reader {
        private static final JsonFactory FACTORY = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        private static final Map<String, String> LIST_KEYS = java.util.Arrays.stream(CorsField.values()).filter(CorsField::list)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(CorsField::json, CorsField::xml));
        private JsonParser p;

        JsonReader(String text, String source, int size) {
            super(text, source, size);
        }

        CorsDocument read() {
            try (JsonParser parser = FACTORY.createParser(text)) {
                p = parser;
                JsonToken t = p.nextToken();
                boolean ok;
                if (t == JsonToken.START_ARRAY) {
                    rules("$");
                    ok = true;
                } else {
                    ok = top();
                }
                if (ok && p.nextToken() != null) {
                    error(at("$"), null, null, "there is more after the end of the JSON document");
                }
                return document(CorsFormat.JSON, !ok);
            } catch (StreamConstraintsException e) {
                error(at(e.getLocation() != null ? e.getLocation() : p.currentLocation(), null), null, null, "values are nested more than " + MAX_DEPTH + " levels deep; a CORS document needs 4");
                return document(CorsFormat.JSON, true);
            } catch (JsonProcessingException e) {
                error(at(e.getLocation(), null), null, null, "the JSON is not well-formed: " + jacksonMessage(e));
                return document(CorsFormat.JSON, true);
            } catch (IOException e) {
                error(null, null, null, "the JSON could not be read: " + e.getMessage());
                return document(CorsFormat.JSON, true);
            }
        }

        /** The {"CORSRules":[...]} object; false when it is not one. */
        private boolean top() throws IOException {
            boolean found = false;
            boolean looksLikeRule = false;
            Set<String> seen = new HashSet<>();
            List<Finding> unknown = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String path = "$." + key;
                JsonToken value = p.nextToken();
                if (!seen.add(key)) {
                    finding(Kind.DUPLICATE_KEY, at(path), null, key, key);
                    p.skipChildren();
                } else if (key.equals("CORSRules")) {
                    found = true;
                    if (value == JsonToken.START_ARRAY) {
                        rules(path);
                    } else {
                        error(at(path), null, null, "CORSRules must be a list of rules [{...}], not " + describe(value));
                        p.skipChildren();
                    }
                } else {
                    looksLikeRule |= LIST_KEYS.containsKey(key);
                    unknown.add(new Finding(Kind.UNKNOWN_KEY, at(path), null, key, key));
                    p.skipChildren();
                }
            }
            if (!found) {
                error(SourcePosition.json(1, 1, "$"), null, null, looksLikeRule
                        ? "the JSON object is a single rule; wrap it as {\"CORSRules\": [ ... ]}"
                        : "the JSON object has no \"CORSRules\" list; write {\"CORSRules\": [ ... ]} or a bare list of rules");
                return false;
            }
            findings.addAll(unknown);
            return true;
        }

        private void rules(String path) throws IOException {
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                String rulePath = path + "[" + index + "]";
                if (t == JsonToken.START_OBJECT) {
                    rule(new RuleBuilder(rules.size() + 1, at(rulePath)), rulePath);
                } else {
                    error(at(rulePath), index + 1, null, "a rule must be an object {...}, not " + describe(t));
                    p.skipChildren();
                }
                index++;
            }
        }

        private void rule(RuleBuilder rule, String path) throws IOException {
            rules.add(rule);
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String keyPath = path + "." + key;
                JsonToken t = p.nextToken();
                SourcePosition at = at(keyPath);
                if (!seen.add(key)) {
                    finding(Kind.DUPLICATE_KEY, at, rule.number, key, key);
                    p.skipChildren();
                    continue;
                }
                if (t == JsonToken.VALUE_NULL) continue;
                String listField = LIST_KEYS.get(key);
                if (listField != null) {
                    list(rule, key, listField, keyPath, t);
                } else if (key.equals(ID)) {
                    if (t == JsonToken.VALUE_STRING) {
                        rule.id = p.getText();
                        rule.single(ID, at);
                    } else {
                        error(at, rule.number, ID, "ID must be a string, not " + describe(t));
                        p.skipChildren();
                    }
                } else if (key.equals(MAX_AGE)) {
                    rule.single(MAX_AGE, at);
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        rule.maxAge = p.getBigIntegerValue();
                    } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                        error(at, rule.number, MAX_AGE, "MaxAgeSeconds " + p.getText() + " is not a whole number of seconds");
                    } else {
                        error(at, rule.number, MAX_AGE, "MaxAgeSeconds must be a number of seconds, not " + describe(t));
                        p.skipChildren();
                    }
                } else {
                    finding(Kind.UNKNOWN_KEY, at, rule.number, key, key);
                    p.skipChildren();
                }
            }
        }

        private void list(RuleBuilder rule, String key, String field, String path, JsonToken t) throws IOException {
            if (t != JsonToken.START_ARRAY) {
                error(at(path), rule.number, field, key + " must be a list of strings such as [\"" + example(field)
                        + "\"], not " + describe(t));
                p.skipChildren();
                return;
            }
            int index = 0;
            JsonToken v;
            while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                String valuePath = path + "[" + index + "]";
                if (v == JsonToken.VALUE_STRING) {
                    rule.add(field, p.getText(), at(valuePath));
                } else {
                    error(at(valuePath), rule.number, field, key + "[" + index + "] must be a string, not " + describe(v));
                    p.skipChildren();
                }
                index++;
            }
        }

        /** Jackson's message without its source excerpts, which only repeat the location. */
        private static String jacksonMessage(JsonProcessingException e) {
            String m = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
            m = m.replaceAll("\\s*\\(start marker at \\[Source:[^]]*\\]\\)", "");
            m = m.replaceAll("\\s*at \\[Source:[^]]*\\]", "");
            return m.replace('\n', ' ').strip();
        }

        private SourcePosition at(String path) {
            return at(p.currentTokenLocation(), path);
        }

        private SourcePosition at(JsonLocation loc, String path) {
            if (loc == null) return SourcePosition.json(1, 1, path);
            return SourcePosition.json(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()), path);
        }

        private static String example(String field) {
            return switch (CorsField.ofXml(field).orElse(CorsField.EXPOSE_HEADER)) {
                case ALLOWED_METHOD -> "GET";
                case ALLOWED_ORIGIN -> "https://example.com";
                case ALLOWED_HEADER -> "Authorization";
                default -> "ETag";
            };
        }

        private String describe(JsonToken t) throws IOException {
            if (t == null) return "nothing";
            return switch (t) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "a list";
                case VALUE_STRING -> "the string \"" + p.getText() + "\"";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
                case VALUE_TRUE, VALUE_FALSE -> p.getText();
                case VALUE_NULL -> "null";
                default -> t.asString() == null ? t.name() : t.asString();
            };
        }
    }
}
