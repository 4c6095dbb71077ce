package dev.s3sh.shell;

import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.OptionSpec;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Colours the line as it is typed: known commands bold, unknown commands red, options cyan
 * (unknown ones red), {@code s3://} paths blue. With colour off (NO_COLOR, --no-color, a dumb
 * terminal) the line is returned as typed.
 */
public final class ShellHighlighter implements Highlighter {
    static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
    static final AttributedStyle UNKNOWN = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    static final AttributedStyle OPTION = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle PATH = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE);

    private final CommandRegistry registry;
    private final boolean color;

    public ShellHighlighter(CommandRegistry registry, boolean color) {
        this.registry = registry;
        this.color = color;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        if (!color) return new AttributedString(buffer);
        List<int[]> spans = words(buffer);
        List<String> words = new ArrayList<>();
        for (int[] s : spans) words.add(unquote(buffer.substring(s[0], s[1])));
        Optional<CommandRegistry.Match> match = registry.match(words);
        int nameWords = match.map(CommandRegistry.Match::wordsUsed).orElse(0);
        CommandSpec spec = match.map(m -> m.command().spec()).orElse(null);
        AttributedStringBuilder b = new AttributedStringBuilder();
        int at = 0;
        for (int i = 0; i < spans.size(); i++) {
            int[] s = spans.get(i);
            b.append(buffer.substring(at, s[0]));
            String word = words.get(i);
            AttributedStyle style = AttributedStyle.DEFAULT;
            if (i < nameWords) {
                style = COMMAND;
            } else if (i == 0) {
                style = registry.isGroup(word) ? COMMAND : UNKNOWN;
            } else if (i == 1 && nameWords == 0 && registry.isGroup(words.get(0))) {
                style = UNKNOWN;
            } else if (word.startsWith("-") && word.length() > 1 && !word.matches("-\\d.*") && !word.equals("--")) {
                style = spec == null || knownOption(spec, word) ? OPTION : UNKNOWN;
            } else if (word.startsWith("s3://")) {
                style = PATH;
            }
            b.styled(style, buffer.substring(s[0], s[1]));
            at = s[1];
        }
        b.append(buffer.substring(at));
        return b.toAttributedString();
    }

    private static boolean knownOption(CommandSpec spec, String word) {
        if (word.startsWith("--")) {
            String name = word.substring(2);
            int eq = name.indexOf('=');
            String n = eq < 0 ? name : name.substring(0, eq);
            return spec.allOptions().stream().anyMatch(o -> o.name().equals(n));
        }
        for (int c = 1; c < word.length(); c++) {
            char ch = word.charAt(c);
            OptionSpec o = spec.allOptions().stream()
                    .filter(x -> x.shortName() != null && x.shortName() == ch).findFirst().orElse(null);
            if (o == null) return false;
            if (o.takesValue()) return true; // the rest of the word is its value
        }
        return true;
    }

    /** Start and end of each word; quotes and backslash escapes keep a word together. */
    static List<int[]> words(String buffer) {
        List<int[]> spans = new ArrayList<>();
        int start = -1;
        char quote = 0;
        for (int i = 0; i < buffer.length(); i++) {
            char c = buffer.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                continue;
            }
            if (c == '\\') {
                if (start < 0) start = i;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (start >= 0) spans.add(new int[]{start, i});
                start = -1;
                continue;
            }
            if (start < 0) start = i;
            if (c == '"' || c == '\'') quote = c;
        }
        if (start >= 0) spans.add(new int[]{start, Math.min(buffer.length(), buffer.length())});
        return spans;
    }

    private static String unquote(String word) {
        StringBuilder sb = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else sb.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '\\' && i + 1 < word.length()) {
                sb.append(word.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
