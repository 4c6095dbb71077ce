package dev.s3sh.cors;

import java.util.List;

/**
 * Canonical XML form of a configuration: the S3 namespace, fixed element order (ID, AllowedMethod,
 * AllowedOrigin, AllowedHeader, MaxAgeSeconds, ExposeHeader), two-space indent, one element a line.
 * Values are written exactly (spaces kept), so {@code CorsParser.parse(CorsXml.write(c))} equals {@code c}.
 */
public final class CorsXml {
    public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private CorsXml() {
    }

    public static String write(CorsConfiguration config) {
        StringBuilder xml = new StringBuilder();
        xml.append("<CORSConfiguration xmlns=\"").append(NAMESPACE).append("\">\n");
        for (CorsRule rule : config.rules()) {
            xml.append("  <CORSRule>\n");
            if (rule.id() != null) element(xml, CorsField.ID, rule.id());
            elements(xml, CorsField.ALLOWED_METHOD, rule.allowedMethods());
            elements(xml, CorsField.ALLOWED_ORIGIN, rule.allowedOrigins());
            elements(xml, CorsField.ALLOWED_HEADER, rule.allowedHeaders());
            if (rule.maxAge() != null) element(xml, CorsField.MAX_AGE_SECONDS, rule.maxAge().toString());
            elements(xml, CorsField.EXPOSE_HEADER, rule.exposeHeaders());
            xml.append("  </CORSRule>\n");
        }
        xml.append("</CORSConfiguration>\n");
        return xml.toString();
    }

    private static void elements(StringBuilder xml, CorsField field, List<String> values) {
        for (String v : values) element(xml, field, v);
    }

    private static void element(StringBuilder xml, CorsField field, String value) {
        String name = field.xml();
        xml.append("    <").append(name).append('>').append(escape(value)).append("</").append(name).append(">\n");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                // a raw CR would come back as LF (XML end-of-line handling): keep it as a reference
                case '\r' -> b.append("&#13;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
