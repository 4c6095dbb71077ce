package dev.s3sh.command;

import java.util.List;
import java.util.Map;

/** A command line after option parsing: options by long name (flags map to an empty list) and positionals. */
public record ParsedArgs(Map<String, List<String>> options, List<String> positionals) {

    public boolean has(String option) {
        return options.containsKey(option);
    }

    /** The last value given for the option, or {@code fallback}. */
    public String value(String option, String fallback) {
        List<String> values = options.get(option);
        return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    public List<String> values(String option) {
        return options.getOrDefault(option, List.of());
    }

    public String positional(int index, String fallback) {
        return index < positionals.size() ? positionals.get(index) : fallback;
    }

    /** {@code --output}; the parser has refused any word that names no format. */
    public OutputFormat output() {
        String word = value("output", null);
        return word == null ? OutputFormat.TEXT : OutputFormat.of(word);
    }

    public boolean json() {
        return output() == OutputFormat.JSON;
    }
}
