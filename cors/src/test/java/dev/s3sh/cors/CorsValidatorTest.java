package dev.s3sh.cors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsValidatorTest {

    private static CorsRule rule(List<String> methods, List<String> origins) {
        return new CorsRule(null, methods, origins, List.of(), List.of(), null);
    }

    private static List<String> lines(CorsConfiguration c, Dialect d) {
        return CorsValidator.validate(c, d).stream().map(CorsProblem::render).toList();
    }

    private static List<String> docLines(String xml, Dialect d) {
        return CorsValidator.validate(CorsParser.read(xml, "cors.xml"), d).stream().map(CorsProblem::render).toList();
    }

    private static CorsConfiguration one(CorsRule r) {
        return new CorsConfiguration(List.of(r));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theExamplesAreValidWithoutWarnings(Dialect d) {
        for (String name : List.of("cors.xml", "cors.json", "console.json", "server-returned.xml")) {
            assertEquals(List.of(), CorsValidator.validate(CorsParser.read(CorsParserTest.resource(name), name), d), name);
        }
    }

    @Test
    void theMessageNamesFileLineColumnRuleFieldAndValue() {
        String xml = """
                <CORSConfiguration>
                  <CORSRule>
                    <AllowedMethod>GET</AllowedMethod>
                    <AllowedOrigin>*</AllowedOrigin>
                  </CORSRule>
                  <CORSRule>
                    <AllowedOrigin>*</AllowedOrigin>
                      <AllowedMethod>PATCH</AllowedMethod>
                  </CORSRule>
                </CORSConfiguration>
                """;
        List<CorsProblem> problems = CorsValidator.validate(CorsParser.read(xml, "cors.xml"), Dialect.RGW);
        assertEquals(List.of("cors.xml:8:7: rule 2: AllowedMethod 'PATCH' is not one of GET, PUT, POST, DELETE, HEAD"),
                problems.stream().map(CorsProblem::render).toList());
        CorsProblem p = problems.get(0);
        assertEquals(2, p.rule());
        assertEquals("AllowedMethod", p.field());
        assertTrue(p.isError());
    }

    @Test
    void withoutADocumentProblemsNameRuleAndField() {
        assertEquals(List.of("configuration: rule 1: AllowedMethod 'PATCH' is not one of GET, PUT, POST, DELETE, HEAD"),
                lines(one(rule(List.of("PATCH"), List.of("*"))), Dialect.AWS));
        assertEquals(List.of("edited: rule 1: the rule has no AllowedOrigin; S3 needs at least one (use '*' for any origin)"),
                CorsValidator.validate(one(rule(List.of("GET"), List.of())), Dialect.RGW, "edited").stream()
                        .map(CorsProblem::render).toList());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void whatBothServersRefuse(Dialect d) {
        assertErrors(new CorsConfiguration(List.of()), d, "no CORSRule");
        assertErrors(one(rule(List.of("PATCH"), List.of("*"))), d, "'PATCH' is not one of");
        assertErrors(one(rule(List.of("OPTIONS"), List.of("*"))), d, "'OPTIONS' is not one of");
        assertErrors(one(rule(List.of(""), List.of("*"))), d, "AllowedMethod is empty");
        assertErrors(one(rule(List.of("GET "), List.of("*"))), d, "has spaces around it, which S3 refuses; write 'GET'");
        assertErrors(one(rule(List.of("GET"), List.of())), d, "no AllowedOrigin");
        assertErrors(one(rule(List.of("GET"), List.of(""))), d, "AllowedOrigin is empty");
        assertErrors(one(rule(List.of("GET"), List.of("https://*.a*.example"))), d, "has 2 wildcards (*); S3 allows at most one");
        assertErrors(one(new CorsRule(null, List.of("GET"), List.of("*"), List.of("x-*-*-*"), List.of(), null)), d, "has 3 wildcards");
        assertErrors(one(new CorsRule(null, List.of("GET"), List.of("*"), List.of(""), List.of(), null)), d, "AllowedHeader is empty");
        assertErrors(one(new CorsRule("x".repeat(256), List.of("GET"), List.of("*"), List.of(), List.of(), null)), d, "ID is 256 bytes long");
        assertErrors(one(new CorsRule("\u00e9".repeat(128), List.of("GET"), List.of("*"), List.of(), List.of(), null)), d, "ID is 256 bytes long");
        assertErrors(new CorsConfiguration(Collections.nCopies(101, rule(List.of("GET"), List.of("*")))), d, "there are 101 rules");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void limitsThemselvesAreAccepted(Dialect d) {
        assertEquals(List.of(), lines(new CorsConfiguration(Collections.nCopies(100, rule(List.of("GET"), List.of("*")))), d));
        assertEquals(List.of(), lines(one(new CorsRule("x".repeat(255), List.of("GET", "PUT", "POST", "DELETE", "HEAD"),
                List.of("https://*.example.com", "*"), List.of("*", "x-amz-*"), List.of("ETag"), 0)), d));
    }

    @Test
    void whereRgwAndAwsDiffer() {
        CorsConfiguration lower = one(rule(List.of("get"), List.of("*")));
        assertWarnings(lower, Dialect.RGW, "AllowedMethod 'get' is not in capitals; RGW stores it as 'GET'");
        assertErrors(lower, Dialect.AWS, "AllowedMethod 'get' must be in capitals on AWS S3; write 'GET'");

        CorsConfiguration noMethod = one(rule(List.of(), List.of("*")));
        assertWarnings(noMethod, Dialect.RGW, "no AllowedMethod; RGW accepts it but it allows no request");
        assertErrors(noMethod, Dialect.AWS, "no AllowedMethod; AWS S3 needs at least one");

        CorsConfiguration copy = one(rule(List.of("COPY"), List.of("*")));
        assertWarnings(copy, Dialect.RGW, "'COPY' is an RGW extension");
        assertErrors(copy, Dialect.AWS, "'COPY' is not one of");

        CorsConfiguration exposeStar = one(new CorsRule(null, List.of("GET"), List.of("*"), List.of(), List.of("*"), null));
        assertEquals(List.of(), lines(exposeStar, Dialect.RGW));
        assertErrors(exposeStar, Dialect.AWS, "ExposeHeader '*' is not accepted by AWS S3");

        CorsConfiguration exposeEmpty = one(new CorsRule(null, List.of("GET"), List.of("*"), List.of(), List.of(""), null));
        assertWarnings(exposeEmpty, Dialect.RGW, "ExposeHeader is empty; RGW keeps it");
        assertErrors(exposeEmpty, Dialect.AWS, "ExposeHeader is empty");

        CorsConfiguration negative = one(new CorsRule(null, List.of("GET"), List.of("*"), List.of(), List.of(), -1));
        assertWarnings(negative, Dialect.RGW, "MaxAgeSeconds -1 is negative; RGW accepts it but keeps no MaxAgeSeconds");
        assertErrors(negative, Dialect.AWS, "MaxAgeSeconds -1 is negative");

        String tooMany = Collections.nCopies(101, rule(List.of("GET"), List.of("*"))).toString();
        assertTrue(lines(new CorsConfiguration(Collections.nCopies(101, rule(List.of("GET"), List.of("*")))), Dialect.RGW)
                .get(0).contains("InvalidRequest"), tooMany.substring(0, 10));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void spacesAroundValuesAreWarnedWithTheTrimmedValue(Dialect d) {
        CorsConfiguration c = one(new CorsRule(null, List.of("GET"), List.of(" https://a.example "),
                List.of("x-a\t"), List.of(" ETag"), null));
        List<CorsProblem> problems = CorsValidator.validate(c, d);
        assertTrue(CorsValidator.isValid(problems));
        assertEquals(3, problems.size());
        assertTrue(problems.get(0).message().contains("write 'https://a.example'"), problems.get(0).message());
        assertTrue(problems.get(1).message().contains("write 'x-a'"));
        assertTrue(problems.get(2).message().contains("write 'ETag'"));
        assertTrue(CorsValidator.validate(CorsNormalizer.trimmed(c), d).isEmpty(), "trimming is the fix");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void duplicatesAndCommaListsAreWarned(Dialect d) {
        CorsConfiguration c = one(new CorsRule(null, List.of("GET", "GET"), List.of("*", "*"),
                List.of("X-A", "x-a", "a, b"), List.of(), null));
        List<String> messages = CorsValidator.validate(c, d).stream().map(CorsProblem::message).toList();
        assertEquals(List.of(
                "AllowedMethod 'GET' is given twice in this rule",
                "AllowedOrigin '*' is given twice in this rule",
                "AllowedHeader 'x-a' is given twice in this rule (header names ignore case)",
                "AllowedHeader 'a, b' holds a comma; the server takes it as one header name that never matches: give each header its own AllowedHeader"),
                messages);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void reportsEveryProblemOfEveryRuleInDocumentOrder(Dialect d) {
        String xml = """
                <CORSConfiguration>
                  <CORSRule>
                    <AllowedMethod>PATCH</AllowedMethod>
                    <AllowedOrigin>https://*.*.example</AllowedOrigin>
                  </CORSRule>
                  <CORSRule>
                    <AllowedMethod>GET</AllowedMethod>
                    <AllowedMethod>TRACE</AllowedMethod>
                  </CORSRule>
                  <CORSRule>
                    <ID>ok</ID>
                    <AllowedMethod>GET</AllowedMethod>
                    <AllowedOrigin>*</AllowedOrigin>
                    <AllowedHeader></AllowedHeader>
                  </CORSRule>
                </CORSConfiguration>
                """;
        assertEquals(List.of(
                "cors.xml:3:5: rule 1: AllowedMethod 'PATCH' is not one of GET, PUT, POST, DELETE, HEAD",
                "cors.xml:4:5: rule 1: AllowedOrigin 'https://*.*.example' has 2 wildcards (*); S3 allows at most one",
                "cors.xml:6:3: rule 2: the rule has no AllowedOrigin; S3 needs at least one (use '*' for any origin)",
                "cors.xml:8:5: rule 2: AllowedMethod 'TRACE' is not one of GET, PUT, POST, DELETE, HEAD",
                "cors.xml:14:5: rule 3: AllowedHeader is empty; S3 refuses it (leave it out, or use '*' for any header)"),
                docLines(xml, d));
    }

    @Test
    void documentFindingsAreJudgedPerDialect() {
        String xml = "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin>"
                + "<AllowedOrigins>x</AllowedOrigins></CORSRule></CORSConfiguration>";
        assertEquals(List.of("cors.xml:1:96: warning: rule 1: <AllowedOrigins> is not a CORS element (did you mean <AllowedOrigin>?); RGW ignores it"),
                docLines(xml, Dialect.RGW));
        assertEquals(List.of("cors.xml:1:96: rule 1: <AllowedOrigins> is not a CORS element (did you mean <AllowedOrigin>?); AWS S3 refuses the document (MalformedXML)"),
                docLines(xml, Dialect.AWS));
    }

    @Test
    void prefixedNamesAreOneErrorOnRgwAndFineOnAws() {
        String xml = "<s3:CORSConfiguration xmlns:s3=\"" + CorsXml.NAMESPACE + "\"><s3:CORSRule><s3:AllowedMethod>GET</s3:AllowedMethod>"
                + "<s3:AllowedOrigin>*</s3:AllowedOrigin></s3:CORSRule></s3:CORSConfiguration>";
        List<String> rgw = docLines(xml, Dialect.RGW);
        assertEquals(1, rgw.size());
        assertTrue(rgw.get(0).contains("RGW does not understand prefixed element names such as <s3:CORSConfiguration>"), rgw.get(0));
        assertTrue(rgw.get(0).contains("(4 elements here)"));
        assertEquals(List.of(), docLines(xml, Dialect.AWS));
    }

    @Test
    void jsonDocumentsAreCheckedLikeXmlWithPaths() {
        String json = "{\"CORSRules\":[{\"AllowedMethods\":[\"GET\"],\"AllowedOrigins\":[\"*\"]},"
                + "{\"AllowedMethods\":[\"get\",\"PATCH\"],\"AllowedOrigins\":[\"*\"],\"Extra\":1}]}";
        List<String> aws = CorsValidator.validate(CorsParser.read(json, "c.json"), Dialect.AWS).stream().map(CorsProblem::render).toList();
        assertEquals(List.of(
                "c.json:1:84: $.CORSRules[1].AllowedMethods[0]: rule 2: AllowedMethod 'get' must be in capitals on AWS S3; write 'GET'",
                "c.json:1:90: $.CORSRules[1].AllowedMethods[1]: rule 2: AllowedMethod 'PATCH' is not one of GET, PUT, POST, DELETE, HEAD",
                "c.json:1:130: $.CORSRules[1].Extra: rule 2: \"Extra\" is not a CORS rule key (the keys are ID, AllowedHeaders, "
                        + "AllowedMethods, AllowedOrigins, ExposeHeaders, MaxAgeSeconds)"), aws);
    }

    @Test
    void anUnreadableDocumentGivesOnlyItsSyntaxProblem() {
        List<CorsProblem> p = CorsValidator.validate(CorsParser.read("<CORSConfiguration>", "x.xml"), Dialect.RGW);
        assertEquals(1, p.size());
        assertTrue(p.get(0).message().startsWith("the XML is not well-formed"));
    }

    @Test
    void emptyIdIsAWarningAndErrorsComeBeforeLaterPositions() {
        List<CorsProblem> p = CorsValidator.validate(one(new CorsRule("", List.of("GET"), List.of("*"), List.of(), List.of(), null)), Dialect.RGW);
        assertEquals(1, p.size());
        assertFalse(p.get(0).isError());
        assertNull(p.get(0).position());
        assertEquals("configuration: warning: rule 1: ID is empty; the server drops it (leave the ID out or name the rule)", p.get(0).render());
        assertEquals(List.of(), CorsValidator.errors(p));
    }

    private static void assertErrors(CorsConfiguration c, Dialect d, String fragment) {
        List<CorsProblem> problems = CorsValidator.validate(c, d);
        assertFalse(CorsValidator.isValid(problems), d + " should refuse: " + c);
        List<String> messages = new ArrayList<>();
        for (CorsProblem p : CorsValidator.errors(problems)) messages.add(p.message());
        assertTrue(messages.stream().anyMatch(m -> m.contains(fragment)), d + ": '" + fragment + "' not in " + messages);
    }

    private static void assertWarnings(CorsConfiguration c, Dialect d, String fragment) {
        List<CorsProblem> problems = CorsValidator.validate(c, d);
        assertTrue(CorsValidator.isValid(problems), d + " should accept: " + problems);
        assertTrue(problems.stream().anyMatch(p -> p.message().contains(fragment)), d + ": '" + fragment + "' not in " + problems);
    }
}
