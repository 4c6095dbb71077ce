package dev.s3sh.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerTest {
    @Test
    void emptyQuotedArgumentsStayArguments() {
        assertEquals(List.of("cors", "check", "--file", "f.xml", "--origin", "", "--method", "GET", "--actual"),
                Tokenizer.words("cors check --file f.xml --origin '' --method GET --actual"));
        assertEquals(List.of("a", "", "b", ""), Tokenizer.words("a \"\" b $''"));
        assertEquals(List.of("ab"), Tokenizer.words("a''b"), "quotes inside a word join, as in bash");
    }

    @Test
    void quotesAndEscapesAsInBash() {
        assertEquals(List.of("s3://a b/", "it's", "x\"y", "back\\slash", "lit\\n"),
                Tokenizer.words("'s3://a b/' it\\'s \"x\\\"y\" \"back\\\\slash\" 'lit\\n'"));
        assertEquals(List.of("a b"), Tokenizer.words("a\\ b"));
        assertEquals(List.of("keep\\q"), Tokenizer.words("\"keep\\q\""), "in double quotes only \\\" \\\\ \\$ \\` escape");
        assertEquals(List.of(), Tokenizer.words("   \t "));
        assertEquals(List.of("ls"), Tokenizer.words("ls \\"), "a backslash at the end of the line adds nothing");
        assertEquals(List.of("ls", "a"), Tokenizer.words("ls a\\"));
    }

    @Test
    void ansiCQuoting() {
        assertEquals(List.of("a\nb\tc\u001b[2J\u0007", "\u00e9\u2028", "q'\"\\", "\u0001x"),
                Tokenizer.words("$'a\\nb\\tc\\x1b[2J\\a' $'\\xe9\\u2028' $'q\\'\\\"\\\\' $'\\001x'"));
        assertEquals(List.of("pre\tpost"), Tokenizer.words("pre$'\\t'post"));
        assertEquals(List.of("\\xZZ"), Tokenizer.words("$'\\xZZ'"), "an escape without digits stands for itself");
    }

    @Test
    void anUnbalancedQuoteIsAUsageErrorThatSaysWhere() {
        UsageException e = assertThrows(UsageException.class, () -> Tokenizer.words("ls 'abc"));
        assertEquals("the line has an unbalanced quote (' opened at column 4): close it, or escape it with \\", e.getMessage());
        assertThrows(UsageException.class, () -> Tokenizer.words("ls $'abc"));
        assertThrows(UsageException.class, () -> Tokenizer.words("ls \"abc"));
    }

    @Test
    void lenientReadingForALineBeingTyped() {
        Tokenizer.Tokens t = Tokenizer.lenient("cp 'my fi");
        assertTrue(t.open());
        assertEquals(List.of("cp", "my fi"), t.values());
        assertEquals(3, t.words().get(1).start());
        assertFalse(t.endsInBlank());
        assertTrue(Tokenizer.lenient("cp ").endsInBlank());
        Tokenizer.Tokens empty = Tokenizer.lenient("x ''");
        assertEquals(new Word("", 2, 4, true), empty.words().get(1));
    }

    @Test
    void quoteRoundTripsEveryValue() {
        List<String> values = List.of("plain-key_1.txt", "", "with space", "it's", "ctl\u0001\u001b[31m", "tab\tnl\nret\r",
                "back\\slash", "\"dq\"", "caf\u00e9 \u2603", "bidi\u202e", "del\u007f c1\u009b", "$HOME", "`x`", "*?[]", "~/f");
        for (String v : values) {
            String q = Tokenizer.quote(v);
            assertEquals(List.of(v), Tokenizer.words(q), "quote(" + q + ")");
            for (char c : q.toCharArray()) {
                assertFalse(Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT,
                        "no control character is left in " + q);
            }
        }
        assertEquals("plain-key_1.txt", Tokenizer.quote("plain-key_1.txt"));
        assertEquals("'with space'", Tokenizer.quote("with space"));
        assertEquals("$'ctl\\x01\\x1b[31m'", Tokenizer.quote("ctl\u0001\u001b[31m"));
        assertEquals("$'bidi\\u202e'", Tokenizer.quote("bidi\u202e"));
        assertEquals("''", Tokenizer.quote(""));
    }
}
