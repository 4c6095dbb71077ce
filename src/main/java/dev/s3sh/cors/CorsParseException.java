package dev.s3sh.cors;

import java.util.List;

/**
 * A CORS document could not be read. Each problem is one line, already located:
 * {@code cors.xml:14:7: message} for XML, {@code cors.json: $.CORSRules[1].AllowedMethods: message} for JSON.
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
