package dev.s3sh.shell;

import dev.s3sh.command.Tokenizer;
import dev.s3sh.command.Word;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * JLine's view of a line, read by s3sh's own {@link Tokenizer}, so that what Tab completes, what
 * the highlighter colours and what Enter runs are the same words: quotes, backslashes, {@code $'...'}
 * and empty arguments included. Enter always accepts the line (an unbalanced quote is then reported
 * in one sentence by the REPL, rather than opening a continuation line).
 */
public final class ShellLineParser implements Parser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        cursor = Math.max(0, Math.min(cursor, line.length()));
        Tokenizer.Tokens upToCursor = Tokenizer.lenient(line.substring(0, cursor));
        List<String> words = new ArrayList<>(upToCursor.values());
        int rawStart;
        if (upToCursor.endsInBlank() && !upToCursor.open()) {
            words.add(""); // the cursor starts a new word
            rawStart = cursor;
        } else {
            rawStart = upToCursor.words().get(upToCursor.words().size() - 1).start();
        }
        int index = words.size() - 1;
        // the words after the cursor's word, for commands that look at the whole line
        for (Word w : Tokenizer.lenient(line).words()) {
            if (w.start() >= cursor && w.start() > rawStart) words.add(w.value());
        }
        return new Line(line, cursor, List.copyOf(words), index, cursor - rawStart);
    }

    private record Line(String line, int cursor, List<String> words, int wordIndex, int rawWordCursor)
            implements CompletingParsedLine {
        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public int wordCursor() {
            return word().length();
        }

        @Override
        public int rawWordLength() {
            return rawWordCursor;
        }

        /**
         * A candidate as it must be typed: a finished one quoted as the tokenizer reads it back (so
         * control characters arrive as {@code $'\x..'} escapes, never raw); a prefix that the next
         * Tab continues keeps to backslash escapes, so no closing quote ends it early.
         */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            String value = candidate.toString();
            if (complete || needsAnsi(value)) return Tokenizer.quote(value);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Tokenizer.quote(String.valueOf(c)).length() > 1) b.append('\\');
                b.append(c);
            }
            return b;
        }

        private static boolean needsAnsi(String value) {
            return Tokenizer.quote(value).startsWith("$'");
        }
    }
}
