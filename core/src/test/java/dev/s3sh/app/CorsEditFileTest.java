package dev.s3sh.app;

import dev.s3sh.app.CorsEditFile;
import dev.s3sh.cors.CorsTemplates;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsValidator;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.cors.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsEditFileTest {
    private static final String HEADER = CorsEditFile.header("b", "http://127.0.0.1:7480", "rgw");

    @Test
    void theNoticeComesOffAndLeavesTheUsersTextByteForByte() {
        String user = HEADER + "<CORSConfiguration>\r\n  <CORSRule> <!-- mine -->\n\t<AllowedOrigin> x </AllowedOrigin>\n";
        String withNotice = CorsEditFile.notice("fix these:", List.of("f.xml:3:1: bad -- very bad", "second")) + user;
        assertTrue(withNotice.startsWith(CorsEditFile.NOTICE_START));
        assertEquals(user, CorsEditFile.withoutNotice(withNotice));
        assertEquals(user, CorsEditFile.withoutNotice(user), "text without a notice is left alone");
        assertEquals(CorsEditFile.noticeLines(2), withNotice.split("\n", -1).length - user.split("\n", -1).length);
    }

    @Test
    void aNoticeIsOneWellFormedCommentEvenWhenMessagesHoldDashes() throws Exception {
        String notice = CorsEditFile.notice("x--y", List.of("a -- b", "ends with -"));
        String body = notice.substring(4, notice.lastIndexOf("-->"));
        assertFalse(body.contains("--"), body);
        CorsConfiguration c = CorsParser.parse(notice + "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod>"
                + "<AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>", "t");
        assertEquals(1, c.rules().size());
    }

    @Test
    void theHeaderIsBlankedKeepingLineNumbersSoJsonAfterItReads() throws Exception {
        String json = "{\"CORSRules\": [{\"AllowedMethods\": [\"GET\"], \"AllowedOrigins\": [\"https://a.example\"]}]}\n";
        String parsed = CorsEditFile.forParsing(HEADER + json);
        assertEquals(HEADER.split("\n", -1).length, parsed.split("\n", -1).length - json.split("\n", -1).length + 1);
        assertEquals("https://a.example", CorsParser.parse(parsed, "t").rules().get(0).allowedOrigins().get(0));
    }

    @Test
    void problemsAreNumberedAsTheReopenedFileShowsThem() {
        String user = HEADER + "<CORSConfiguration>\n<CORSRule>\n<AllowedMethod>PATCH</AllowedMethod>\n"
                + "<AllowedOrigin>*</AllowedOrigin>\n</CORSRule>\n</CORSConfiguration>\n";
        List<CorsProblem> errors = CorsValidator.errors(CorsValidator.validate(CorsParser.read(CorsEditFile.forParsing(user), "f.xml"), Dialect.RGW));
        assertEquals(1, errors.size());
        int shift = CorsEditFile.noticeLines(errors.size());
        List<String> lines = CorsEditFile.render(errors, shift);
        String reopened = CorsEditFile.notice("fix:", lines) + user;
        int line = Integer.parseInt(lines.get(0).split(":")[1]);
        assertTrue(reopened.split("\n")[line - 1].contains("PATCH"), lines.get(0) + "\n" + reopened);
    }

    @Test
    void everyTemplateIsValidForBothDialectsAndRoundTrips() throws Exception {
        for (CorsTemplates.Template t : CorsTemplates.all()) {
            for (Dialect d : Dialect.values()) {
                assertTrue(CorsValidator.isValid(CorsValidator.validate(CorsParser.read(t.xml(), t.name()), d)), t.name() + " " + d);
            }
            assertEquals(t.configuration(), CorsParser.parse(t.xml(), t.name()));
            assertEquals(CorsXml.write(t.configuration()), t.xml().substring(t.xml().indexOf("-->\n") + 4));
        }
    }
}
