package dev.s3sh.cors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS CLI's JSON form of a configuration ({@code aws s3api get-bucket-cors} prints it,
 * {@code put-bucket-cors --cors-configuration} takes it): {@code {"CORSRules": [ {...} ]}}, keys in
 * the CLI's order, empty lists and absent ID/MaxAgeSeconds left out, four-space indent.
 */
public final class CorsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY;

    static {
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        pp.indentObjectsWith(indenter);
        pp.indentArraysWith(indenter);
        PRETTY = pp;
    }

    private CorsJson() {
    }

    public static String write(CorsConfiguration config) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("CORSRules", rules(config));
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CORS JSON: " + e.getMessage(), e);
        }
    }

    /** The rules as plain maps and lists in the CLI's shape, for embedding in other JSON output. */
    public static List<Map<String, Object>> rules(CorsConfiguration config) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (CorsRule r : config.rules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (r.id() != null) m.put(CorsField.ID.json(), r.id());
            if (!r.allowedHeaders().isEmpty()) m.put(CorsField.ALLOWED_HEADER.json(), r.allowedHeaders());
            if (!r.allowedMethods().isEmpty()) m.put(CorsField.ALLOWED_METHOD.json(), r.allowedMethods());
            if (!r.allowedOrigins().isEmpty()) m.put(CorsField.ALLOWED_ORIGIN.json(), r.allowedOrigins());
            if (!r.exposeHeaders().isEmpty()) m.put(CorsField.EXPOSE_HEADER.json(), r.exposeHeaders());
            if (r.maxAge() != null) m.put(CorsField.MAX_AGE_SECONDS.json(), r.maxAge());
            rules.add(m);
        }
        return rules;
    }
}
