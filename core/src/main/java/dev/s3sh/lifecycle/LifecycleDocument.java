package dev.s3sh.lifecycle;

import com.ctc.wstx.stax.WstxInputFactory;
import dev.s3sh.lifecycle.Lifecycle.And;
import dev.s3sh.lifecycle.Lifecycle.Expiration;
import dev.s3sh.lifecycle.Lifecycle.Filter;
import dev.s3sh.lifecycle.Lifecycle.Rule;
import dev.s3sh.lifecycle.Lifecycle.Tag;
import dev.s3sh.lifecycle.Lifecycle.Transition;
import dev.s3sh.document.DocumentProblem;
import dev.s3sh.document.DocumentProblem.Severity;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lifecycle configuration (XML) as read, with where each element stood: StAX (Woodstox) with
 * DTDs refused and depth bounded, so every problem prints as FILE:LINE:COLUMN. The reader takes the
 * elements RGW stores and reports the rest: elements RGW ignores are warnings (they would not be
 * pushed), a shape s3sh cannot hold (an element twice, text where elements belong) is an error.
 * Whether the values are ones RGW takes is {@link LifecycleValidator}'s job.
 */
public final class LifecycleDocument {
    /** RGW's rgw_max_put_param_size is 1 MiB; 1000 rules of AWS's limit fit far below. */
    public static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_DEPTH = 16;

    /** An element with its place; {@code text} the trimmed character content. */
    record Node(String name, String text, int line, int column, List<Node> children) {
    }

    private final String source;
    private final Lifecycle lifecycle;
    private final List<DocumentProblem> problems;
    /** Per rule: element path ("" the rule, "Expiration/Days", "Transition[2]/StorageClass") → [line, column]. */
    private final List<Map<String, int[]>> places;

    private LifecycleDocument(String source, Lifecycle lifecycle, List<DocumentProblem> problems, List<Map<String, int[]>> places) {
        this.source = source;
        this.lifecycle = lifecycle;
        this.problems = List.copyOf(problems);
        this.places = places;
    }

    /** A configuration made by s3sh (a template, a history entry, expire): no places. */
    public static LifecycleDocument of(Lifecycle lifecycle, String source) {
        List<Map<String, int[]>> none = new ArrayList<>();
        for (int i = 0; i < lifecycle.rules().size(); i++) none.add(Map.of());
        return new LifecycleDocument(source, lifecycle, List.of(), none);
    }

    public String source() {
        return source;
    }

    /** The configuration; null when the text could not be read as one ({@link #problems()} says why). */
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public boolean readable() {
        return lifecycle != null;
    }

    /** What reading found: errors and warnings, in document order. */
    public List<DocumentProblem> problems() {
        return problems;
    }

    /** [line, column] of {@code path} in rule {@code rule} (0-based), falling back to the rule, or null. */
    int[] at(int rule, String path) {
        if (rule >= places.size()) return null;
        Map<String, int[]> p = places.get(rule);
        return p.containsKey(path) ? p.get(path) : p.get("");
    }

    public static LifecycleDocument read(byte[] bytes, String source) {
        if (bytes.length > MAX_BYTES) {
            return failed(source, 0, 0, "the file is larger than " + MAX_BYTES / 1024 + " KiB, more than RGW takes");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return read(text, source);
        } catch (CharacterCodingException e) {
            return failed(source, 0, 0, "the file is not UTF-8 text; save it as UTF-8");
        }
    }

    public static LifecycleDocument read(String text, String source) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.isBlank()) return failed(source, 0, 0, "the file is empty: a lifecycle configuration is <LifecycleConfiguration> with <Rule> elements");
        Node root;
        try {
            root = tree(text);
        } catch (XMLStreamException e) {
            Location l = e.getLocation();
            String message = e.getMessage() == null ? "unreadable" : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "");
            message = message.lines().findFirst().orElse(message).strip();
            return failed(source, l == null ? 0 : l.getLineNumber(), l == null ? 0 : l.getColumnNumber(), "the XML is not well-formed: " + message);
        } catch (IllegalArgumentException e) {
            return failed(source, 0, 0, e.getMessage());
        }
        return new Reader(source).configuration(root);
    }

    private static LifecycleDocument failed(String source, int line, int column, String message) {
        return new LifecycleDocument(source, null, List.of(new DocumentProblem(Severity.ERROR, source, line, column, null, message)), List.of());
    }

    private static Node tree(String text) throws XMLStreamException {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        XMLStreamReader r = factory.createXMLStreamReader(new StringReader(text));
        try {
            List<Node> stack = new ArrayList<>();
            List<StringBuilder> texts = new ArrayList<>();
            Node root = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) throw new IllegalArgumentException("a DOCTYPE is not allowed in a lifecycle configuration");
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (stack.size() >= MAX_DEPTH) throw new IllegalArgumentException("elements are nested more than " + MAX_DEPTH + " levels deep");
                    Location l = r.getLocation();
                    Node n = new Node(r.getLocalName(), null, l.getLineNumber(), l.getColumnNumber(), new ArrayList<>());
                    if (!stack.isEmpty()) stack.get(stack.size() - 1).children().add(n);
                    stack.add(n);
                    texts.add(new StringBuilder());
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (!texts.isEmpty()) texts.get(texts.size() - 1).append(r.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    Node open = stack.remove(stack.size() - 1);
                    String t = texts.remove(texts.size() - 1).toString();
                    Node done = new Node(open.name(), t.strip(), open.line(), open.column(), open.children());
                    if (stack.isEmpty()) root = done;
                    else {
                        List<Node> siblings = stack.get(stack.size() - 1).children();
                        siblings.set(siblings.size() - 1, done);
                    }
                }
            }
            return root;
        } finally {
            r.close();
        }
    }

    /** Builds the model from the tree, noting every problem with its place. */
    private static final class Reader {
        private final String source;
        private final List<DocumentProblem> problems = new ArrayList<>();
        private final List<Map<String, int[]>> places = new ArrayList<>();
        private Integer rule;
        private Map<String, int[]> here;

        Reader(String source) {
            this.source = source;
        }

        LifecycleDocument configuration(Node root) {
            if (!root.name().equals("LifecycleConfiguration")) {
                error(root, "the document is <" + root.name() + ">; a lifecycle configuration is <LifecycleConfiguration>");
                return new LifecycleDocument(source, null, problems, places);
            }
            List<Rule> rules = new ArrayList<>();
            for (Node n : root.children()) {
                if (!n.name().equals("Rule")) {
                    ignored(n, "LifecycleConfiguration");
                    continue;
                }
                rule = rules.size() + 1;
                here = new LinkedHashMap<>();
                here.put("", new int[] {n.line(), n.column()});
                places.add(here);
                rules.add(rule(n));
            }
            rule = null;
            if (rules.isEmpty()) error(root, "no <Rule>: RGW refuses an empty configuration (MalformedXML); to remove the lifecycle use 'lifecycle rm'");
            boolean fatal = problems.stream().anyMatch(DocumentProblem::isError);
            return new LifecycleDocument(source, fatal ? null : new Lifecycle(rules), problems, places);
        }

        private Rule rule(Node n) {
            Map<String, Node> c = children(n, "", "Rule", Set.of("ID", "Prefix", "Filter", "Status", "Expiration",
                    "NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload", "Transition"), Set.of("Transition"));
            for (Node x : n.children()) {
                if (x.name().equals("NoncurrentVersionTransition")) {
                    error(x, "s3sh does not handle NoncurrentVersionTransition yet: set such a rule with 'aws s3api put-bucket-lifecycle-configuration'");
                }
            }
            Filter filter = c.containsKey("Filter") ? filter(c.get("Filter")) : null;
            Expiration exp = null;
            if (c.containsKey("Expiration")) {
                Map<String, Node> e = children(c.get("Expiration"), "Expiration/", "Expiration", Set.of("Days", "Date", "ExpiredObjectDeleteMarker"), Set.of());
                exp = new Expiration(text(e.get("Days")), text(e.get("Date")), text(e.get("ExpiredObjectDeleteMarker")));
            }
            String noncurrent = null;
            if (c.containsKey("NoncurrentVersionExpiration")) {
                Map<String, Node> e = children(c.get("NoncurrentVersionExpiration"), "NoncurrentVersionExpiration/",
                        "NoncurrentVersionExpiration", Set.of("NoncurrentDays"), Set.of());
                noncurrent = e.containsKey("NoncurrentDays") ? text(e.get("NoncurrentDays")) : "";
            }
            String abort = null;
            if (c.containsKey("AbortIncompleteMultipartUpload")) {
                Map<String, Node> e = children(c.get("AbortIncompleteMultipartUpload"), "AbortIncompleteMultipartUpload/",
                        "AbortIncompleteMultipartUpload", Set.of("DaysAfterInitiation"), Set.of());
                abort = e.containsKey("DaysAfterInitiation") ? text(e.get("DaysAfterInitiation")) : "";
            }
            List<Transition> transitions = new ArrayList<>();
            int t = 0;
            for (Node x : n.children()) {
                if (!x.name().equals("Transition")) continue;
                t++;
                String p = "Transition[" + t + "]/";
                here.put("Transition[" + t + "]", new int[] {x.line(), x.column()});
                Map<String, Node> e = children(x, p, "Transition", Set.of("Days", "Date", "StorageClass"), Set.of());
                transitions.add(new Transition(text(e.get("Days")), text(e.get("Date")), text(e.get("StorageClass"))));
            }
            return new Rule(text(c.get("ID")), text(c.get("Prefix")), filter, text(c.get("Status")), exp, noncurrent, abort, transitions);
        }

        private Filter filter(Node n) {
            Map<String, Node> c = children(n, "Filter/", "Filter", Set.of("Prefix", "Tag", "And"), Set.of("Tag"));
            List<Tag> direct = new ArrayList<>();
            int t = 0;
            for (Node x : n.children()) {
                if (x.name().equals("Tag")) direct.add(tag(x, "Filter/Tag[" + ++t + "]/"));
            }
            And and = null;
            if (c.containsKey("And")) {
                Node a = c.get("And");
                Map<String, Node> ac = children(a, "Filter/And/", "And", Set.of("Prefix", "Tag"), Set.of("Tag"));
                List<Tag> tags = new ArrayList<>();
                int i = 0;
                for (Node x : a.children()) {
                    if (x.name().equals("Tag")) tags.add(tag(x, "Filter/And/Tag[" + ++i + "]/"));
                }
                and = new And(text(ac.get("Prefix")), tags);
            }
            return new Filter(text(c.get("Prefix")), direct, and);
        }

        private Tag tag(Node n, String path) {
            here.put(path.substring(0, path.length() - 1), new int[] {n.line(), n.column()});
            Map<String, Node> c = children(n, path, "Tag", Set.of("Key", "Value"), Set.of());
            if (!c.containsKey("Key")) error(n, "a <Tag> needs a <Key>");
            return new Tag(text(c.get("Key")), c.containsKey("Value") ? text(c.get("Value")) : "");
        }

        /** The known children by name (each at most once unless {@code repeatable}); places noted under {@code path}. */
        private Map<String, Node> children(Node n, String path, String parent, Set<String> known, Set<String> repeatable) {
            Map<String, Node> out = new LinkedHashMap<>();
            for (Node x : n.children()) {
                if (!known.contains(x.name())) {
                    if (!x.name().equals("NoncurrentVersionTransition")) ignored(x, parent);
                    continue;
                }
                if (repeatable.contains(x.name())) continue;
                if (out.containsKey(x.name())) {
                    error(x, "<" + x.name() + "> appears twice in <" + parent + ">; keep one");
                    continue;
                }
                out.put(x.name(), x);
                here.put(path + x.name(), new int[] {x.line(), x.column()});
                if (!x.children().isEmpty() && Set.of("ID", "Prefix", "Status", "Days", "Date", "StorageClass", "Key", "Value",
                        "NoncurrentDays", "DaysAfterInitiation", "ExpiredObjectDeleteMarker").contains(x.name())) {
                    error(x.children().get(0), "<" + x.name() + "> holds text, not elements");
                }
            }
            return out;
        }

        private static String text(Node n) {
            return n == null ? null : n.text();
        }

        private void ignored(Node n, String parent) {
            problems.add(new DocumentProblem(Severity.WARNING, source, n.line(), n.column(), part(),
                    "<" + n.name() + "> is not part of <" + parent + ">: RGW ignores it and s3sh does not push it"));
        }

        private String part() {
            return rule == null ? null : "rule " + rule;
        }

        private void error(Node n, String message) {
            problems.add(new DocumentProblem(Severity.ERROR, source, n.line(), n.column(), part(), message));
        }
    }
}
