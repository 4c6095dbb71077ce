package dev.s3sh.cors;

import java.util.List;

/**
 * A CORS document could not be read. Each problem is one line, already located:
 * {@code cors.xml:14:7: rule 2: message} for XML, {@code cors.json:3:9: $.CORSRules[1].AllowedMethods[0]: rule 2: message}
 * for JSON, {@code cors.xml: message} for what has no place (an empty or oversized document).
 */
public class CorsParseException extends Exception {
    private final List<String> problems;

    public CorsParseException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
