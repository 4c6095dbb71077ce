package dev.s3sh.cors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every document of src/test/resources/cors/hostile (listed with its expected verdicts in
 * MANIFEST.tsv) is read and validated in both dialects: no exception escapes, the verdict is the
 * expected one, every problem is one located line naming the file, and the expected message is there.
 */
public class CorsHostileCorpusTest {

    /** One line of MANIFEST.tsv. */
    public record Entry(String file, String rgw, String aws, String fragment, String relation) {
        @Override
        public String toString() {
            return file;
        }
    }

    public static List<Entry> corpus() {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CorsHostileCorpusTest.class.getResourceAsStream("/cors/hostile/MANIFEST.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\t", -1);
                entries.add(new Entry(f[0], f[1], f[2], f[3], f[4]));
            }
        } catch (Exception e) {
            throw new AssertionError("cannot read the corpus manifest", e);
        }
        return entries;
    }

    static String verdict(List<CorsProblem> problems) {
        if (!CorsValidator.isValid(problems)) return "error";
        return problems.isEmpty() ? "ok" : "warning";
    }

    @Test
    void theCorpusHoldsAtLeastFortyDocuments() {
        assertTrue(corpus().size() >= 40, "corpus size " + corpus().size());
        long refused = corpus().stream().filter(e -> e.rgw().equals("error")).count();
        assertTrue(refused >= 30, "most of the corpus is refused: " + refused);
    }

    /**
     * The manifest has one message fragment a document; where the rgw dialects say something else this gives
     * theirs: RGW accepts a MaxAgeSeconds beyond 2^31-1, so the rgw dialects warn where aws refuses.
     * file -> {rgw verdict, message fragment}.
     */
    static final java.util.Map<String, String[]> RGW_VERDICT_CHANGES = java.util.Map.of(
            "maxage-huge.xml", new String[]{"warning", "4294967295 or more"},
            "maxage-huge.json", new String[]{"warning", "4294967295 or more"});

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachDocumentGetsItsVerdictWithLocatedOneLineProblems(Entry original) {
        String[] change = RGW_VERDICT_CHANGES.get(original.file());
        byte[] bytes = CorsParserTest.resource("hostile/" + original.file());
        for (Dialect dialect : Dialect.values()) {
            Entry entry = change != null && dialect.isRgw() ? new Entry(original.file(), change[0], original.aws(), change[1], original.relation()) : original;
            String expected = dialect.isRgw() ? entry.rgw() : entry.aws();
            List<CorsProblem> problems = CorsValidator.validate(CorsParser.read(bytes, entry.file()), dialect);
            String shown = String.join("\n", problems.stream().map(CorsProblem::render).toList());
            assertEquals(expected, verdict(problems), dialect + ":\n" + shown);
            if (!entry.fragment().isEmpty() && !expected.equals("ok")) {
                assertTrue(problems.stream().anyMatch(p -> p.message().contains(entry.fragment())),
                        dialect + ": expected '" + entry.fragment() + "' in:\n" + shown);
            }
            for (CorsProblem p : problems) {
                String line = p.render();
                assertTrue(line.startsWith(entry.file() + ":"), line);
                assertFalse(line.contains("\n") || line.contains("Exception") || line.contains("\tat "), line);
                boolean unlocatable = p.message().startsWith("the document is");
                if (!unlocatable) assertNotNull(p.position(), "located: " + line);
            }
        }
    }

    @Test
    void aTenMegabyteDocumentIsRefusedUnreadWithItsSize() {
        byte[] huge = tenMegabytes();
        CorsDocument doc = CorsParser.read(huge, "huge.xml");
        assertEquals(List.of("huge.xml: the document is 10485760 bytes; a CORS document may hold at most 65536 bytes (64 KB)"),
                CorsValidator.validate(doc, Dialect.RGW).stream().map(CorsProblem::render).toList());
        String asText = new String(huge, StandardCharsets.ISO_8859_1);
        assertFalse(CorsParser.read(asText, "huge.xml").readable());
    }

    /** A well-formed 10 MiB CORS document (one rule padded with a comment): generated, never committed. */
    static byte[] tenMegabytes() {
        String head = "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule><!--";
        String tail = "--></CORSConfiguration>";
        byte[] bytes = new byte[10 * 1024 * 1024];
        Arrays.fill(bytes, (byte) 'x');
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, head.length());
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, bytes, bytes.length - tail.length(), tail.length());
        return bytes;
    }

    @Test
    void deepNestingGeneratedFarBeyondTheCorpusIsBoundedToo() {
        int levels = 10_000; // 70 KB of tags would hit the size cap first; keep it just under
        String xml = "<CORSConfiguration>" + "<a>".repeat(levels / 2) + "</a>".repeat(levels / 2) + "</CORSConfiguration>";
        assertTrue(CorsParser.utf8Length(xml) < CorsParser.MAX_DOCUMENT_BYTES);
        assertTrue(CorsParser.read(xml, "d.xml").syntaxProblems().get(0).message().contains("nested more than 32 levels"));
        String json = "[" + "{\"a\":".repeat(levels) + "1" + "}".repeat(levels) + "]";
        assertTrue(CorsParser.read(json.substring(0, Math.min(json.length(), 60_000)), "d.json")
                .syntaxProblems().get(0).message().contains("nested more than 32 levels"));
    }
}
