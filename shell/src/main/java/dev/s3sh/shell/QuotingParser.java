package dev.s3sh.shell;

import dev.s3sh.completions.ShellQuoting;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

import java.util.List;

/**
 * JLine's parser, except that a completion holding a control character is inserted ANSI-C quoted
 * ({@link ShellQuoting}) instead of raw: JLine writes the chosen candidate into the line, and the
 * line is echoed to the terminal, so a raw ESC there would reach it.
 */
final class QuotingParser extends DefaultParser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        ParsedLine parsed = super.parse(line, cursor, context);
        return parsed instanceof CompletingParsedLine completing ? new Line(completing) : parsed;
    }

    /** The parsed line as JLine made it, with {@link #escape} quoting control characters. */
    record Line(CompletingParsedLine parsed) implements CompletingParsedLine {
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            String value = candidate.toString();
            return ShellQuoting.needed(value) ? ShellQuoting.quote(value) : parsed.escape(candidate, complete);
        }

        @Override
        public int rawWordCursor() {
            return parsed.rawWordCursor();
        }

        @Override
        public int rawWordLength() {
            return parsed.rawWordLength();
        }

        @Override
        public String word() {
            return parsed.word();
        }

        @Override
        public int wordCursor() {
            return parsed.wordCursor();
        }

        @Override
        public int wordIndex() {
            return parsed.wordIndex();
        }

        @Override
        public List<String> words() {
            return parsed.words();
        }

        @Override
        public String line() {
            return parsed.line();
        }

        @Override
        public int cursor() {
            return parsed.cursor();
        }
    }
}
