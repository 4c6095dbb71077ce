package dev.s3sh.cors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsParserTest {
    static final CorsConfiguration EXAMPLE = new CorsConfiguration(List.of(
            new CorsRule("reads", List.of("GET", "HEAD"), List.of("https://example.com", "https://*.example.com"),
                    List.of("Authorization"), List.of("ETag"), 3000),
            new CorsRule(null, List.of("PUT", "POST", "DELETE"), List.of("https://example.com"),
                    List.of("Authorization", "Content-*"), List.of("ETag", "x-amz-request-id"), null)));

    static byte[] resource(String name) {
        try (InputStream in = CorsParserTest.class.getResourceAsStream("/cors/" + name)) {
            assertNotNull(in, "test resource /cors/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String text(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    @Test
    void readsTheXmlExampleAsS3cmdTakesIt() throws Exception {
        assertEquals(EXAMPLE, CorsParser.parse(text("cors.xml"), "cors.xml"));
        CorsDocument doc = CorsParser.read(resource("cors.xml"), "cors.xml");
        assertEquals(CorsFormat.XML, doc.format());
        assertTrue(doc.readable());
        assertEquals(resource("cors.xml").length, doc.sizeBytes());
    }

    @Test
    void readsBothJsonShapes() throws Exception {
        assertEquals(EXAMPLE, CorsParser.parse(text("cors.json"), "cors.json"));
        assertEquals(EXAMPLE, CorsParser.parse(text("console.json"), "console.json"));
        assertEquals(CorsFormat.JSON, CorsParser.read(text("console.json"), "c").format());
    }

    @Test
    void readsWhatRgwReturnsOnOneLineWithValuesInItsOwnOrder() throws Exception {
        CorsConfiguration returned = CorsParser.parse(text("server-returned.xml"), "server.xml");
        assertTrue(CorsNormalizer.sameRules(EXAMPLE, returned));
        assertEquals(List.of("PUT", "DELETE", "POST"), returned.rules().get(1).allowedMethods());
    }

    @Test
    void readsXmlWithoutNamespaceOrDeclarationInAnyElementOrder() throws Exception {
        String xml = "<CORSConfiguration><CORSRule><MaxAgeSeconds>10</MaxAgeSeconds><ExposeHeader>ETag</ExposeHeader>"
                + "<AllowedHeader>*</AllowedHeader><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<ID>x</ID></CORSRule></CORSConfiguration>";
        assertEquals(new CorsConfiguration(List.of(new CorsRule("x", List.of("GET"), List.of("*"), List.of("*"),
                List.of("ETag"), 10))), CorsParser.parse(xml, "t.xml"));
    }

    @Test
    void keepsValuesExactlyIncludingSpacesEntitiesAndCdata() throws Exception {
        String xml = "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod>"
                + "<AllowedOrigin> https://a.example?x=1&amp;y=&lt;2&gt; </AllowedOrigin>"
                + "<AllowedOrigin><![CDATA[https://b.example]]></AllowedOrigin>"
                + "<AllowedOrigin>https://<!-- split -->c.example</AllowedOrigin></CORSRule></CORSConfiguration>";
        assertEquals(List.of(" https://a.example?x=1&y=<2> ", "https://b.example", "https://c.example"),
                CorsParser.parse(xml, "t.xml").rules().get(0).allowedOrigins());
    }

    @Test
    void locatesEveryRuleAndValue() {
        CorsDocument doc = CorsParser.read(text("cors.xml"), "cors.xml");
        assertEquals(SourcePosition.xml(4, 3), doc.ruleStart(0));
        assertEquals(SourcePosition.xml(14, 3), doc.ruleStart(1));
        assertEquals(SourcePosition.xml(7, 5), doc.position(0, "AllowedOrigin", 1));
        assertEquals(SourcePosition.xml(11, 5), doc.position(0, "MaxAgeSeconds", 0));
        assertEquals(SourcePosition.xml(17, 5), doc.position(1, "AllowedMethod", 2));
        // a value the rule does not have falls back to the rule
        assertEquals(SourcePosition.xml(14, 3), doc.position(1, "ID", 0));
        assertNull(doc.position(5, "ID", 0));

        CorsDocument json = CorsParser.read(text("cors.json"), "cors.json");
        SourcePosition p = json.position(1, "AllowedMethod", 1);
        assertEquals("$.CORSRules[1].AllowedMethods[1]", p.jsonPath());
        assertEquals(13, p.line());
        assertEquals("$.CORSRules[0].MaxAgeSeconds", json.position(0, "MaxAgeSeconds", 0).jsonPath());
    }

    @Test
    void reportsEveryProblemOfAWellFormedDocumentAtOnce() {
        String xml = """
                <CORSConfiguration>
                  <CORSRule>
                    <AllowedMethod>GET</AllowedMethod>
                    <MaxAgeSeconds>soon</MaxAgeSeconds>
                  </CORSRule>
                  <CORSRule>
                    <AllowedOrigin><b>x</b></AllowedOrigin>
                    <MaxAgeSeconds>2.5</MaxAgeSeconds>
                  </CORSRule>
                </CORSConfiguration>
                """;
        CorsParseException e = assertThrows(CorsParseException.class, () -> CorsParser.parse(xml, "cors.xml"));
        assertEquals(List.of(
                "cors.xml:4:5: rule 1: MaxAgeSeconds 'soon' is not a whole number of seconds",
                "cors.xml:7:20: rule 2: AllowedOrigin holds an element <b>; it must hold text only",
                "cors.xml:8:5: rule 2: MaxAgeSeconds '2.5' is not a whole number of seconds"), e.problems());
        assertEquals("cors.xml is not a readable CORS document: 3 problems", e.getMessage());
    }

    @Test
    void maxAgeIsReadAsRgwReadsIt() throws Exception {
        assertEquals(30, maxAge("+30"));
        assertEquals(7, maxAge("007"));
        assertEquals(-1, maxAge("-1"));
        assertEquals(0, maxAge(""));
        assertEquals(30, maxAge(" 30"));
        assertEquals(Integer.MAX_VALUE, maxAge("2147483647"));
        for (String bad : List.of("abc", "1.5", "0x10", "30x", "1e3", "   ", "+", "- 5")) {
            CorsDocument doc = CorsParser.read(withMaxAge(bad), "m.xml");
            assertFalse(doc.readable(), bad);
            CorsProblem p = doc.syntaxProblems().get(0);
            assertEquals("MaxAgeSeconds", p.field());
            assertEquals(1, p.rule());
            assertNotNull(p.position());
        }
    }

    /** Issue 15 class 2: RGW accepts any integer, so the parser keeps it whole and leaves the verdict to the dialect. */
    @Test
    void maxAgeOutsideIntIsKeptWhole() throws Exception {
        for (String big : List.of("2147483648", "3000000000", "4294967295", "-2147483649", "99999999999999999999", "-18446744073709551615")) {
            CorsDocument doc = CorsParser.read(withMaxAge(big), "m.xml");
            assertTrue(doc.readable(), big + ": " + doc.syntaxProblems());
            CorsRule rule = doc.configuration().rules().get(0);
            assertEquals(new java.math.BigInteger(big), rule.maxAge(), big);
            assertNull(rule.maxAgeSeconds(), big);
        }
        assertEquals(new java.math.BigInteger("3000000000"), CorsParser.parse(
                "{\"CORSRules\":[{\"AllowedOrigins\":[\"*\"],\"AllowedMethods\":[\"GET\"],\"MaxAgeSeconds\":3000000000}]}".getBytes(),
                "m.json").rules().get(0).maxAge());
        // C white space only before the number (strtoull); line breaks count, a no-break space does not
        assertEquals(5, maxAge("\n\r 5"));
        assertFalse(CorsParser.read(withMaxAge("\u00a05"), "m.xml").readable());
    }

    private static int maxAge(String text) throws CorsParseException {
        return CorsParser.parse(withMaxAge(text), "m.xml").rules().get(0).maxAgeSeconds();
    }

    private static String withMaxAge(String text) {
        return "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin>"
                + "<MaxAgeSeconds>" + text + "</MaxAgeSeconds></CORSRule></CORSConfiguration>";
    }

    @Test
    void jsonProblemsCarryPathLineAndColumn() {
        String json = "{\n  \"CORSRules\": [\n    {\"AllowedMethods\": [\"GET\", 7], \"MaxAgeSeconds\": 1.5,\n"
                + "     \"AllowedOrigins\": \"*\"}\n  ]\n}\n";
        CorsDocument doc = CorsParser.read(json, "cors.json");
        List<String> lines = doc.syntaxProblems().stream().map(CorsProblem::render).toList();
        assertEquals(List.of(
                "cors.json:3:32: $.CORSRules[0].AllowedMethods[1]: rule 1: AllowedMethods[1] must be a string, not the number 7",
                "cors.json:3:53: $.CORSRules[0].MaxAgeSeconds: rule 1: MaxAgeSeconds 1.5 is not a whole number of seconds",
                "cors.json:4:24: $.CORSRules[0].AllowedOrigins: rule 1: AllowedOrigins must be a list of strings such as "
                        + "[\"https://example.com\"], not the string \"*\""), lines);
    }

    @Test
    void jsonNullsMeanAbsent() throws Exception {
        CorsConfiguration c = CorsParser.parse("[{\"ID\":null,\"AllowedMethods\":[\"GET\"],\"AllowedOrigins\":[\"*\"],"
                + "\"AllowedHeaders\":null,\"MaxAgeSeconds\":null}]", "c.json");
        assertEquals(new CorsRule(null, List.of("GET"), List.of("*"), List.of(), List.of(), null), c.rules().get(0));
    }

    @Test
    void notWellFormedXmlIsOneLocatedProblemWithoutStackTrace() {
        CorsDocument doc = CorsParser.read("<CORSConfiguration>\n<CORSRule>\n</CORSConfiguration>", "x.xml");
        assertNull(doc.configuration());
        assertEquals(1, doc.syntaxProblems().size());
        String line = doc.syntaxProblems().get(0).render();
        assertTrue(line.startsWith("x.xml:3:"), line);
        assertTrue(line.contains("not well-formed"), line);
        assertFalse(line.contains("Exception") || line.contains("\n") || line.contains("[row,col"), line);
    }

    @Test
    void refusesDocumentsOverTheLimitBeforeParsing() {
        String big = "<CORSConfiguration>" + "<!--" + "x".repeat(CorsParser.MAX_DOCUMENT_BYTES) + "-->" + "</CORSConfiguration>";
        CorsDocument doc = CorsParser.read(big, "big.xml");
        assertNull(doc.format(), "not even sniffed");
        assertEquals("big.xml: the document is " + CorsParser.utf8Length(big) + " bytes; a CORS document may hold at most 65536 bytes (64 KB)",
                doc.syntaxProblems().get(0).render());
        // counted in UTF-8 bytes, not characters
        String wide = "\u00e4".repeat(CorsParser.MAX_DOCUMENT_BYTES / 2 + 1);
        assertFalse(CorsParser.read(wide, "w").readable());
        assertEquals(CorsParser.MAX_DOCUMENT_BYTES + 2, CorsParser.utf8Length(wide));
        assertEquals(4, CorsParser.utf8Length("\uD83D\uDE00"));
    }

    @Test
    void readsAStoredDocumentOverAwsLimitUpToRgwSize() {
        // RGW stores documents up to 1 MiB: what a server answers is read, not refused at AWS's 64 KB
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><CORSConfiguration>");
        int rules = 0;
        while (xml.length() <= CorsParser.MAX_DOCUMENT_BYTES) {
            xml.append("<CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>https://site").append(rules++)
                    .append(".example.test</AllowedOrigin><MaxAgeSeconds>3000000000</MaxAgeSeconds></CORSRule>");
        }
        byte[] bytes = xml.append("</CORSConfiguration>").toString().getBytes(StandardCharsets.UTF_8);
        assertFalse(CorsParser.read(bytes, "server").readable(), "a file this size is refused");
        CorsDocument stored = CorsParser.readStored(bytes, "server");
        assertTrue(stored.readable(), stored.syntaxProblems().toString());
        assertEquals(rules, stored.configuration().rules().size());
        assertEquals(new java.math.BigInteger("3000000000"), stored.configuration().rules().get(rules - 1).maxAge());
        byte[] huge = new byte[CorsParser.MAX_STORED_DOCUMENT_BYTES + 1];
        assertFalse(CorsParser.readStored(huge, "server").readable());
    }

    @Test
    void skipsAByteOrderMarkInTextAndBytes() throws Exception {
        String xml = "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>";
        CorsConfiguration expected = CorsParser.parse(xml, "a");
        assertEquals(expected, CorsParser.parse("\uFEFF" + xml, "b"));
        byte[] bytes = ("\uFEFF" + xml).getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, CorsParser.parse(bytes, "c"));
    }

    @Test
    void locatesInvalidUtf8() {
        byte[] bytes = "<CORSConfiguration>\n  <CORSRule>\u00e4X".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 1] = (byte) 0xFF;
        CorsDocument doc = CorsParser.read(bytes, "u.xml");
        assertEquals("u.xml:2:14: byte 0xFF (byte offset 34) is not valid UTF-8; save the file as UTF-8",
                doc.syntaxProblems().get(0).render());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "hello", "CORSConfiguration", "\"x\"", "42"})
    void somethingThatIsNeitherXmlNorJsonIsOneSentence(String text) {
        CorsDocument doc = CorsParser.read(text, "t");
        assertFalse(doc.readable());
        assertEquals(1, doc.syntaxProblems().size());
        String m = doc.syntaxProblems().get(0).message();
        assertTrue(m.contains("empty") || m.contains("neither XML nor JSON"), m);
    }

    @Test
    void refusesDoctypeBeforeAnyEntityIsDefined() {
        CorsDocument doc = CorsParser.read("<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<CORSConfiguration><CORSRule><AllowedOrigin>&x;</AllowedOrigin></CORSRule></CORSConfiguration>", "x.xml");
        assertNull(doc.configuration());
        CorsProblem p = doc.syntaxProblems().get(0);
        assertEquals(2, p.position().line());
        assertTrue(p.message().startsWith("a DOCTYPE is not allowed"), p.message());
        assertFalse(p.render().contains("root:"), "nothing of /etc/passwd leaks");
    }

    @Test
    void toleratedOdditiesBecomeFindingsNotErrors() {
        CorsDocument doc = CorsParser.read("<CORSConfiguration xmlns=\"urn:x\"><Junk/>text<CORSRule a=\"1\"><ID>a</ID><ID>b</ID>"
                + "<AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin><MaxAgeSeconds> 5</MaxAgeSeconds>"
                + "<Foo><AllowedOrigin>hidden</AllowedOrigin></Foo></CORSRule></CORSConfiguration>", "f.xml");
        assertTrue(doc.readable());
        assertEquals(List.of(CorsDocument.Kind.FOREIGN_NAMESPACE, CorsDocument.Kind.UNKNOWN_ELEMENT, CorsDocument.Kind.STRAY_TEXT,
                        CorsDocument.Kind.ATTRIBUTE, CorsDocument.Kind.DUPLICATE_ELEMENT, CorsDocument.Kind.MAX_AGE_SPACES,
                        CorsDocument.Kind.UNKNOWN_ELEMENT),
                doc.findings().stream().map(CorsDocument.Finding::kind).toList());
        CorsRule rule = doc.configuration().rules().get(0);
        assertEquals("a", rule.id(), "the first ID counts, as on RGW");
        assertEquals(List.of("*"), rule.allowedOrigins(), "values inside unknown elements are ignored, as on RGW");
        assertEquals(5, rule.maxAgeSeconds());
    }

    @Test
    void writesCanonicalXml() {
        assertEquals("""
                <CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <CORSRule>
                    <ID>reads</ID>
                    <AllowedMethod>GET</AllowedMethod>
                    <AllowedMethod>HEAD</AllowedMethod>
                    <AllowedOrigin>https://example.com</AllowedOrigin>
                    <AllowedOrigin>https://*.example.com</AllowedOrigin>
                    <AllowedHeader>Authorization</AllowedHeader>
                    <MaxAgeSeconds>3000</MaxAgeSeconds>
                    <ExposeHeader>ETag</ExposeHeader>
                  </CORSRule>
                """, CorsXml.write(new CorsConfiguration(List.of(EXAMPLE.rules().get(0)))).replace("</CORSConfiguration>\n", ""));
    }

    @Test
    void writesAwsCliJson() {
        assertEquals("""
                {
                    "CORSRules": [
                        {
                            "ID": "reads",
                            "AllowedHeaders": [
                                "Authorization"
                            ],
                            "AllowedMethods": [
                                "GET",
                                "HEAD"
                            ],
                            "AllowedOrigins": [
                                "https://example.com",
                                "https://*.example.com"
                            ],
                            "ExposeHeaders": [
                                "ETag"
                            ],
                            "MaxAgeSeconds": 3000
                        }
                    ]
                }
                """, CorsJson.write(new CorsConfiguration(List.of(EXAMPLE.rules().get(0)))));
        assertEquals("{\n    \"CORSRules\": [ ]\n}\n", CorsJson.write(new CorsConfiguration(List.of())));
    }

    @Test
    void roundTripsLosslesslyThroughXmlAndJson() throws Exception {
        List<CorsConfiguration> configs = new ArrayList<>(List.of(EXAMPLE, new CorsConfiguration(List.of()),
                new CorsConfiguration(List.of(new CorsRule("", List.of("get", " PUT", ""), List.of(" * ", "a&b<c>\"d'e"),
                        List.of("\tx\r\ny", "\u00e4\uD83D\uDE00"), List.of("", "*"), -5)))));
        Random random = new Random(42);
        String alphabet = "aZ09*-_.:/ &<>\"'\t\r\n\u00e4\u4e2d\uD83D\uDE00";
        for (int n = 0; n < 200; n++) configs.add(randomConfig(random, alphabet));
        for (CorsConfiguration c : configs) {
            String xml = CorsXml.write(c);
            assertEquals(c, CorsParser.parse(xml, "rt.xml"), xml);
            String json = CorsJson.write(c);
            assertEquals(c, CorsParser.parse(json, "rt.json"), json);
            assertEquals(c, CorsParser.parse(xml.getBytes(StandardCharsets.UTF_8), "rt.xml"));
        }
    }

    private static CorsConfiguration randomConfig(Random random, String alphabet) {
        List<CorsRule> rules = new ArrayList<>();
        for (int r = random.nextInt(4); r >= 0; r--) {
            rules.add(new CorsRule(random.nextBoolean() ? null : word(random, alphabet), words(random, alphabet),
                    words(random, alphabet), words(random, alphabet), words(random, alphabet),
                    random.nextBoolean() ? null : random.nextInt() % 100_000));
        }
        return new CorsConfiguration(rules);
    }

    private static List<String> words(Random random, String alphabet) {
        List<String> out = new ArrayList<>();
        for (int k = random.nextInt(4); k > 0; k--) out.add(word(random, alphabet));
        return out;
    }

    private static String word(Random random, String alphabet) {
        StringBuilder b = new StringBuilder();
        int[] cps = alphabet.codePoints().toArray();
        for (int k = random.nextInt(8); k > 0; k--) b.appendCodePoint(cps[random.nextInt(cps.length)]);
        return b.toString();
    }
}
