package dev.s3sh.shell;

import dev.s3sh.command.Tokenizer;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Parser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** JLine sees the words the tokenizer reads, and Tab inserts what the tokenizer reads back. */
class ShellLineParserTest {
    private static CompletingParsedLine parse(String line) {
        return (CompletingParsedLine) Repl.parser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
    }

    @Test
    void wordsKeepEmptyArgumentsAndTheWordUnderTheCursor() {
        CompletingParsedLine l = parse("cors check --origin '' --me");
        assertEquals(List.of("cors", "check", "--origin", "", "--me"), l.words());
        assertEquals(4, l.wordIndex());
        assertEquals("--me", l.word());
        assertEquals(4, l.rawWordLength());
        CompletingParsedLine fresh = parse("ls $'a\\tb' ");
        assertEquals(List.of("ls", "a\tb", ""), fresh.words());
        assertEquals(2, fresh.wordIndex());
        CompletingParsedLine open = parse("put 'my fi");
        assertEquals("my fi", open.word());
        assertEquals(6, open.rawWordLength(), "the quote is part of what Tab replaces");
    }

    @Test
    void candidatesAreInsertedSoThatTheTokenizerReadsThemBack() {
        for (String line : List.of("ls s3://b/", "ls 's3://b/", "ls \"s3://b/")) {
            CompletingParsedLine l = parse(line);
            for (String key : List.of("s3://b/my file.txt", "s3://b/it's", "s3://b/ctl\u0001\u001b[2J", "s3://b/$HOME \"q\"")) {
                String typed = l.escape(key, true).toString();
                assertEquals(List.of("ls", key), Tokenizer.words("ls " + typed), line + " + " + typed);
                assertEquals(-1, typed.indexOf('\u001b'), "no raw control character is inserted: " + typed);
            }
        }
        assertEquals("s3://b/my\\ dir/", parse("ls s3://b/m").escape("s3://b/my dir/", false).toString(),
                "a prefix stays open for the next Tab");
        assertEquals("'s3://b/my dir/", parse("ls 's3://b/m").escape("s3://b/my dir/", false).toString());
    }
}
