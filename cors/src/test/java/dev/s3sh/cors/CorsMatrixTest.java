package dev.s3sh.cors;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsMatrixTest {
    static final CorsConfiguration CONFIG;

    static {
        try {
            CONFIG = CorsParser.parse("<CORSConfiguration>"
                    + "<CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>"
                    + "<CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod></CORSRule>"
                    + "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>HEAD</AllowedMethod></CORSRule>"
                    + "</CORSConfiguration>", "t");
        } catch (CorsParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void originsAreTheLiteralsASampleOfEachWildcardThatIsNotALiteralAndAForeignOne() {
        assertEquals(List.of("https://app.example.com", "https://www.example.com", CorsMatrix.FOREIGN_ORIGIN), CorsMatrix.origins(CONFIG));
        assertEquals(List.of(CorsMatrix.FOREIGN_ORIGIN), CorsMatrix.origins(null));
    }

    @Test
    void cellsFollowTheDialectAndNameTheDecidingRule() {
        List<String> origins = CorsMatrix.origins(CONFIG);
        CorsMatrix rgw = CorsMatrix.of(CONFIG, Dialect.RGW, origins, List.of("get", "PUT", "HEAD"), List.of());
        CorsMatrix full = CorsMatrix.of(CONFIG, Dialect.RGW_2026, origins, List.of("GET", "PUT", "HEAD"), List.of());
        assertEquals(List.of("GET", "PUT", "HEAD"), rgw.methods());
        assertTrue(rgw.cell(0, 0).allowed());
        assertEquals(1, rgw.cell(0, 0).rule());
        assertFalse(rgw.cell(0, 1).allowed(), "origin-first: rule 1 captures app.example.com and does not allow PUT");
        assertTrue(full.cell(0, 1).allowed(), "full-match: rule 2 allows it");
        assertEquals(2, full.cell(0, 1).rule());
        assertTrue(rgw.cell(2, 2).allowed());
        assertFalse(rgw.cell(2, 0).allowed());
        CorsMatrix none = CorsMatrix.of(null, Dialect.RGW, origins, CorsMatrix.METHODS, List.of());
        assertFalse(none.cell(0, 0).allowed());
        assertNull(none.cell(0, 0).rule());
    }
}
