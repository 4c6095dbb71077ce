package dev.s3sh.text;

/**
 * The one escaping path for text that came from outside (a server, a file, a name the user typed)
 * on its way to a terminal: the REPL, one-shot and script output, completion candidates, the
 * full-screen mode and {@code --debug}. Control characters (C0, DEL, C1), the bidirectional
 * controls and lone surrogate halves become visible escapes, so no value can move the cursor, set
 * a title, write the clipboard or reorder what the operator reads. JSON output needs none of this:
 * JSON escaping already keeps control characters out.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code text} with every character that could drive a terminal shown as an escape ({@code null} is empty). */
    public static String visible(String text) {
        if (text == null) return "";
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair || !needsEscape(c)) {
                if (b != null) {
                    b.append(c);
                    if (pair) b.append(text.charAt(i + 1));
                }
                if (pair) i++;
                continue;
            }
            if (b == null) b = new StringBuilder(text.length() + 8).append(text, 0, i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? text : b.toString();
    }

    /**
     * True for a character that must not reach a terminal as it is: C0, DEL, C1, the bidi marks,
     * embeddings, overrides and isolates, and any surrogate half (a caller pairs them first).
     */
    public static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c
                || Character.isSurrogate(c);
    }
}
