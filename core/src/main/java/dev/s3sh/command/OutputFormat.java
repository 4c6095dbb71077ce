package dev.s3sh.command;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What {@code --output} may name. Commands that have no table or XML form print text. */
public enum OutputFormat {
    TEXT, JSON, XML, TABLE, CSV;

    /** The word the user types: {@code text}, {@code json}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(OutputFormat::word).toList();
    }

    /** The format a word names; the parser has already refused any other word. */
    public static OutputFormat of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
