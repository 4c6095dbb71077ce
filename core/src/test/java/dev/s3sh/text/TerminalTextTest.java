package dev.s3sh.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TerminalTextTest {
    @Test
    void plainTextIsReturnedAsItIs() {
        String s = "prod-assets/ünïcødé 😀.txt";
        assertSame(s, TerminalText.visible(s));
    }

    @Test
    void escapeAndOscSequencesBecomeVisible() {
        assertEquals("clip-\\x1b]52;c;QUJD\\x07.txt", TerminalText.visible("clip-\u001b]52;c;QUJD\u0007.txt"));
        assertEquals("\\x1b]0;T\\x07\\x1b[2J", TerminalText.visible("\u001b]0;T\u0007\u001b[2J"));
    }

    @Test
    void c1ControlsDelAndLineBreaksBecomeVisible() {
        assertEquals("a\\x9bb\\x9dc\\x7fd\\n\\r\\t", TerminalText.visible("a\u009bb\u009dc\u007fd\n\r\t"));
    }

    @Test
    void bidiControlsAndLoneSurrogatesBecomeVisible() {
        assertEquals("invoice\\u202efdp.exe", TerminalText.visible("invoice\u202efdp.exe"));
        assertEquals("\\u2066x\\u2069\\u200f", TerminalText.visible("\u2066x\u2069\u200f"));
        assertEquals("a\\ud800b", TerminalText.visible("a\ud800b"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", TerminalText.visible(null));
    }
}
