package dev.s3sh.completions;

import dev.s3sh.text.TerminalText;

/**
 * How a completed value holding control characters is inserted into a command line: the plain
 * part it starts with as it is (so it still matches what was typed), then the rest in ANSI-C
 * quoting, {@code $'...'} with {@code \xHH} and {@code \}{@code uHHHH}, which bash and zsh read back as
 * the same characters. The raw control character itself is never inserted: a key named
 * {@code clip-<ESC>]52;...} would otherwise write the clipboard while the line is being edited.
 */
public final class ShellQuoting {
    private ShellQuoting() {
    }

    /** True when {@code value} cannot be inserted as it is. */
    public static boolean needed(String value) {
        for (int i = 0; i < value.length(); i++) if (TerminalText.needsEscape(value.charAt(i))) return true;
        return false;
    }

    /** {@code value} itself when it holds no control character, else its plain head and a {@code $'...'} tail. */
    public static String quote(String value) {
        if (!needed(value)) return value;
        int head = 0;
        while (head < value.length() && plain(value.charAt(head))) head++;
        StringBuilder b = new StringBuilder(value.length() + 16).append(value, 0, head).append("$'");
        for (int i = head; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') b.append('\\').append(c);
            else if (TerminalText.needsEscape(c)) b.append(c < 0x80 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c)); // above 0x7f \xHH would be a byte, not a character
            else b.append(c);
        }
        return b.append('\'').toString();
    }

    /** Characters no shell treats specially in a word. */
    private static boolean plain(char c) {
        return Character.isLetterOrDigit(c) && !TerminalText.needsEscape(c) || "/:._-+=@,%".indexOf(c) >= 0;
    }
}
