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
        char opening = rawStart < cursor && (line.charAt(rawStart) == '\'' || line.charAt(rawStart) == '"') ? line.charAt(rawStart) : 0;
        return new Line(line, cursor, List.copyOf(words), index, cursor - rawStart, opening);
    }

    /** {@code opening}: the quote the word being completed was begun with, kept when the candidate replaces it. */
    private record Line(String line, int cursor, List<String> words, int wordIndex, int rawWordCursor, char opening)
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
         * A candidate as it must be typed for the tokenizer to read it back. A value holding a control
         * character is written as {@code $'...'} with escapes, so it never reaches the line raw. Else,
         * as JLine's own parser did: inside the quote the word was begun with (closed when the
         * candidate is complete), or with a backslash before each blank or special character, so
         * that a prefix stays open for the next Tab.
         */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            String value = candidate.toString();
            // the plain head as typed, so it still matches, then the rest as $'...' escapes
            String quoted = Tokenizer.quoteAfterPlainHead(value);
            if (!quoted.equals(value)) return quoted;
            if (opening == '\'' && value.indexOf('\'') < 0) return "'" + value + (complete ? "'" : "");
            if (opening == '"') {
                StringBuilder b = new StringBuilder("\"");
                for (char c : value.toCharArray()) {
                    if ("\"\\$`".indexOf(c) >= 0) b.append('\\');
                    b.append(c);
                }
                return complete ? b.append('"') : b;
            }
            StringBuilder b = new StringBuilder();
            for (char c : value.toCharArray()) {
                if (!Tokenizer.quote(String.valueOf(c)).equals(String.valueOf(c))) b.append('\\');
                b.append(c);
            }
            return b;
        }
    }
}
