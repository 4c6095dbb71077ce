package dev.s3sh.command;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How completion inserts a name holding control characters: the plain head as typed, the rest as $'...'. */
class QuoteAfterPlainHeadTest {
    @Test
    void plainValuesAreLeftAlone() {
        assertEquals("s3://b/dir/file name.txt", Tokenizer.quoteAfterPlainHead("s3://b/dir/file name.txt"));
    }

    @Test
    void controlCharactersGoAnsiCQuotedAfterThePlainHead() {
        assertEquals("s3://b/clip-$'\\x1b]52;c;aGk=\\x07.txt'", Tokenizer.quoteAfterPlainHead("s3://b/clip-\u001b]52;c;aGk=\u0007.txt"));
        assertEquals("s3://b/it$'\\'s\\\\\\n\\u202e'", Tokenizer.quoteAfterPlainHead("s3://b/it's\\\n\u202e"));
    }

    @Test
    void bashReadsTheQuotedFormBackAsTheSameName() throws Exception {
        String name = "s3://b/x \u001b]0;T\u0007\u001b[2J'q\\\u009b";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "printf %s " + Tokenizer.quoteAfterPlainHead(name));
        pb.environment().put("LC_ALL", "C.UTF-8"); // bash writes a unicode escape in the locale's encoding
        Process p = pb.start();
        String back = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(name, back);
        assertEquals(java.util.List.of(name), Tokenizer.words("printf " + Tokenizer.quoteAfterPlainHead(name)).subList(1, 2),
                "s3sh's own tokenizer reads it back too");
    }
}
