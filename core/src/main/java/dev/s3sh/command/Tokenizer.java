package dev.s3sh.command;

import dev.s3sh.text.TerminalText;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words, the one way every front end does it (REPL, script lines,
 * completion, highlighting). The rules are bash's, without expansions:
 * <ul>
 *   <li>blanks separate words; backslash-c outside quotes is the character c;</li>
 *   <li>{@code '...'} is literal; inside {@code "..."} only {@code \"}, {@code \\}, {@code \$} and
 *       {@code \`} are escapes;</li>
 *   <li>{@code $'...'} is ANSI-C quoting: {@code \n \t \r \\ \' \" \a \b \e \f \v}, {@code \xHH},
 *       <code>&#92;uHHHH</code>, {@code \UHHHHHHHH} and octal {@code \NNN}, so a name holding a control
 *       character can be typed;</li>
 *   <li>an empty quoted argument ({@code ''}, {@code ""}, {@code $''}) is an argument.</li>
 * </ul>
 * {@link #quote} writes any value back in a form these rules read as that value.
 */
public final class Tokenizer {
    private Tokenizer() {
    }

    /** The words of a line, cut at the end of the line (or at {@code cursor}) with any open quote left open. */
    public record Tokens(List<Word> words, char openQuote, boolean endsInBlank) {
        /** True when the line ends inside a quote ({@code '}, {@code "} or {@code $} for {@code $'}). */
        public boolean open() {
            return openQuote != 0;
        }

        public List<String> values() {
            return words.stream().map(Word::value).toList();
        }
    }

    /** The words of a whole line to run; an unbalanced quote is a usage error, never closed silently. */
    public static List<String> words(String line) {
        Tokens tokens = lenient(line);
        if (tokens.open()) {
            String quote = tokens.openQuote() == '$' ? "$'" : String.valueOf(tokens.openQuote());
            Word last = tokens.words().get(tokens.words().size() - 1);
            throw new UsageException("the line has an unbalanced quote (" + quote + " opened at column " + (last.start() + 1)
                    + "): close it, or escape it with \\");
        }
        return tokens.values();
    }

    /** The words as far as the line goes, for completion and highlighting: an open quote is not an error. */
    public static Tokens lenient(String line) {
        List<Word> words = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        int start = -1;
        boolean quoted = false;
        char quote = 0;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') quote = 0;
                else value.append(c);
                i++;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                    i++;
                } else if (c == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    value.append(line.charAt(i + 1));
                    i += 2;
                } else {
                    value.append(c);
                    i++;
                }
            } else if (quote == '$') {
                if (c == '\'') {
                    quote = 0;
                    i++;
                } else if (c == '\\' && i + 1 < n) {
                    i = ansiEscape(line, i + 1, value);
                } else {
                    value.append(c);
                    i++;
                }
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (start >= 0) words.add(new Word(value.toString(), start, i, quoted));
                value.setLength(0);
                start = -1;
                quoted = false;
                i++;
            } else if (c == '\\' && i + 1 == n) {
                i++; // a backslash at the very end escapes the line's end: it adds nothing, as JLine read it
            } else {
                if (start < 0) start = i;
                if (c == '\\') {
                    value.append(line.charAt(i + 1));
                    i += 2;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    quoted = true;
                    i++;
                } else if (c == '$' && i + 1 < n && line.charAt(i + 1) == '\'') {
                    quote = '$';
                    quoted = true;
                    i += 2;
                } else {
                    value.append(c);
                    i++;
                }
            }
        }
        boolean endsInBlank = start < 0;
        if (start >= 0) words.add(new Word(value.toString(), start, n, quoted));
        return new Tokens(List.copyOf(words), quote, endsInBlank);
    }

    /** Reads the ANSI-C escape after a backslash at {@code at}; returns where reading goes on. */
    private static int ansiEscape(String line, int at, StringBuilder value) {
        char e = line.charAt(at);
        switch (e) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'e', 'E' -> value.append('\u001b');
            case 'f' -> value.append('\f');
            case 'v' -> value.append('\u000b');
            case '\\', '\'', '"', '?' -> value.append(e);
            case 'x' -> {
                return hex(line, at + 1, 2, value, "\\x");
            }
            case 'u' -> {
                return hex(line, at + 1, 4, value, "\\u");
            }
            case 'U' -> {
                return hex(line, at + 1, 8, value, "\\U");
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int end = at;
                    int code = 0;
                    while (end < line.length() && end < at + 3 && line.charAt(end) >= '0' && line.charAt(end) <= '7') {
                        code = code * 8 + (line.charAt(end++) - '0');
                    }
                    value.append((char) (code & 0xff));
                    return end;
                }
                value.append('\\').append(e); // as bash: an unknown escape stays as typed
            }
        }
        return at + 1;
    }

    private static int hex(String line, int at, int max, StringBuilder value, String typed) {
        int end = at;
        int code = 0;
        while (end < line.length() && end < at + max && Character.digit(line.charAt(end), 16) >= 0) {
            code = code * 16 + Character.digit(line.charAt(end++), 16);
        }
        if (end == at || !Character.isValidCodePoint(code)) {
            value.append(typed); // no digits: the escape stands for itself
            return at;
        }
        value.appendCodePoint(code);
        return end;
    }

    /**
     * {@code value} written so that {@link #words} reads it back as one word equal to it: as is when
     * it holds only plain characters, in single quotes when it holds blanks or shell characters,
     * and as {@code $'...'} (with {@code \xHH}/<code>&#92;uHHHH</code>) when it holds a quote or a control
     * character, so nothing typed or inserted can drive the terminal.
     */
    public static String quote(String value) {
        if (value.isEmpty()) return "''";
        boolean plain = true;
        boolean needsAnsi = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isPlain(value, i)) plain = false;
            if (c == '\'' || isControl(value, i)) needsAnsi = true;
        }
        if (plain) return value;
        if (!needsAnsi) return "'" + value + "'";
        return ansiC(value);
    }

    /**
     * For completion: {@code value} as it is when no character in it could drive a terminal; else its plain head
     * as it is (so it still matches what was typed) and the rest in {@code $'...'}, which bash, zsh and this
     * tokenizer read back as the same characters. The raw control character is never inserted: a key named
     * {@code clip-<ESC>]52;...} would write the clipboard while the line is edited.
     */
    public static String quoteAfterPlainHead(String value) {
        boolean control = false;
        for (int i = 0; i < value.length() && !control; i++) control = isControl(value, i);
        if (!control) return value;
        int head = 0;
        while (head < value.length() && isPlain(value, head) && value.charAt(head) != '\'') head++;
        return value.substring(0, head) + ansiC(value.substring(head));
    }

    /** {@code $'...'}: control characters as {@code \xHH} below 0x80 and <code>&#92;uHHHH</code> above (bash reads {@code \x9b} as a byte). */
    private static String ansiC(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8).append("$'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (!isControl(value, i)) b.append(c);
                    else if (c < 0x80) b.append(String.format("\\x%02x", (int) c));
                    else b.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return b.append('\'').toString();
    }

    private static boolean isPlain(String s, int i) {
        char c = s.charAt(i);
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_./:=@%+,^~".indexOf(c) >= 0
                || c > 0x7f && !isControl(s, i);
    }

    /** What {@link TerminalText#visible} escapes, a surrogate half that is part of a pair aside. */
    private static boolean isControl(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) return false;
        if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) return false;
        return TerminalText.needsEscape(c);
    }
}
