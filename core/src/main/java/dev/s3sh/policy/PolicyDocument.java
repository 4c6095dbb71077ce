package dev.s3sh.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3sh.document.DocumentProblem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bucket policy as read from a file, an editor or the server: its JSON tree and where each value
 * stood (line and column by JSON pointer), so problems can be located as {@code FILE:LINE:COLUMN}.
 * A document that is not readable JSON has no tree and one syntax problem.
 */
public final class PolicyDocument {
    /** RGW's limit on a policy is 20 KB as AWS's is; more than this is not read. */
    public static final int MAX_BYTES = 20 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private final String source;
    private final JsonNode root;
    private final Map<String, int[]> positions;
    private final DocumentProblem syntax;

    private PolicyDocument(String source, JsonNode root, Map<String, int[]> positions, DocumentProblem syntax) {
        this.source = source;
        this.root = root;
        this.positions = positions;
        this.syntax = syntax;
    }

    public static PolicyDocument read(byte[] bytes, String source) {
        if (bytes.length > MAX_BYTES) {
            return failed(source, 0, 0, "the policy is " + bytes.length + " bytes; RGW takes at most " + MAX_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return failed(source, 0, 0, "the file is not UTF-8 text; save it as UTF-8");
        }
        return read(text, source);
    }

    public static PolicyDocument read(String text, String source) {
        if (text.isBlank()) return failed(source, 0, 0, "the policy is empty");
        Map<String, int[]> positions = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            JsonNode root = value(p, first, "", positions);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                JsonLocation at = p.currentTokenLocation();
                return failed(source, at.getLineNr(), at.getColumnNr(), "unexpected text after the end of the policy");
            }
            return new PolicyDocument(source, root, positions, null);
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            String why = e.getOriginalMessage();
            if (why != null && why.startsWith("Duplicate field")) {
                why = why.replace("Duplicate field", "the field") + " appears twice in one object; RGW refuses that";
            }
            return failed(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid JSON: " + firstLine(why));
        } catch (IOException e) {
            return failed(source, 0, 0, "not readable: " + e.getMessage());
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static PolicyDocument failed(String source, int line, int column, String message) {
        return new PolicyDocument(source, null, Map.of(),
                new DocumentProblem(DocumentProblem.Severity.ERROR, source, line, column, null, message));
    }

    private static JsonNode value(JsonParser p, JsonToken t, String pointer, Map<String, int[]> positions) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        positions.put(pointer, new int[] {at.getLineNr(), at.getColumnNr()});
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                    JsonLocation keyAt = p.currentTokenLocation();
                    positions.put(child + "#key", new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
                    o.set(name, value(p, p.nextToken(), child, positions));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e, pointer + "/" + i++, positions));
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return f.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> throw new JsonParseException(p, "unexpected " + t);
        }
    }

    /** A policy s3sh builds (a template) or the server returns. */
    public static PolicyDocument of(JsonNode root, String source) {
        return read(pretty(root), source);
    }

    public String source() {
        return source;
    }

    public boolean readable() {
        return root != null;
    }

    /** The JSON tree; null when not readable. */
    public JsonNode root() {
        return root;
    }

    public List<DocumentProblem> syntaxProblems() {
        return syntax == null ? List.of() : List.of(syntax);
    }

    /** Line and column of the value at {@code pointer} (or of its key with {@code #key}); the nearest enclosing value's when absent. */
    int[] position(String pointer) {
        String p = pointer;
        while (true) {
            int[] at = positions.get(p);
            if (at != null) return at;
            if (p.isEmpty()) return new int[] {0, 0};
            int cut = p.lastIndexOf('/');
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /** Two-space indented JSON, one field a line: how s3sh shows, saves and diffs a policy. */
    public static String pretty(JsonNode root) {
        try {
            return PRETTY.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line, as sent to the server. */
    public static String compact(JsonNode root) {
        try {
            return COMPACT.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
