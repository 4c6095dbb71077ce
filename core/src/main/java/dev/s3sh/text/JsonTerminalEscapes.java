package dev.s3sh.text;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Jackson escapes C0 controls but writes DEL, C1 (U+009B is a CSI on many terminals) and the bidi
 * controls as they are. With these escapes every character {@link TerminalText#needsEscape} names
 * is written as {@code \}{@code uXXXX}: the same JSON value, and nothing that can drive a terminal.
 */
public final class JsonTerminalEscapes extends CharacterEscapes {
    public static final JsonTerminalEscapes INSTANCE = new JsonTerminalEscapes();

    private final int[] ascii;

    private JsonTerminalEscapes() {
        ascii = standardAsciiEscapesForJSON();
        ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    /** Asked for every character above ASCII; surrogate halves stay as they are (an emoji is not a control). */
    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch > 0xffff || Character.isSurrogate((char) ch) || !TerminalText.needsEscape((char) ch)) return null;
        return new SerializedString(String.format("\\u%04x", ch));
    }
}
