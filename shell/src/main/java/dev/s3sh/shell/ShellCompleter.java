package dev.s3sh.shell;

import dev.s3sh.completions.CompletionEngine;
import dev.s3sh.completions.ListingCache;
import dev.s3sh.text.TerminalText;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import java.util.ArrayList;
import java.util.List;

/**
 * The JLine face of {@link CompletionEngine}. Prefixes and directories become
 * {@code Candidate(..., complete=false)} so that no space follows and the next Tab continues, as in
 * JLine's file-name completer. Hints (listing still running, more than a page, access denied) are
 * printed above the line being edited, never into it; nothing thrown here reaches the line.
 */
public final class ShellCompleter implements Completer {
    private final CompletionEngine engine;
    private final boolean color;
    private volatile List<String> lastHints = List.of();

    public ShellCompleter(CompletionEngine engine, boolean color) {
        this.engine = engine;
        this.color = color;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> hints;
        try {
            String current = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
            List<String> before = new ArrayList<>(line.words().subList(0, line.wordIndex()));
            CompletionEngine.Result result = engine.complete(before, current);
            for (CompletionEngine.Suggestion s : result.suggestions()) {
                // the display is drawn in the menu: escaped; the value is quoted on insertion (ShellLineParser)
                candidates.add(new Candidate(s.value(), TerminalText.visible(s.display() != null ? s.display() : s.value()), null, null, null, null, s.complete()));
            }
            hints = result.hints();
        } catch (RuntimeException e) {
            hints = List.of(ListingCache.hintFor(e));
        }
        lastHints = hints;
        if (reader != null) {
            for (String hint : hints) {
                AttributedStyle style = color ? AttributedStyle.DEFAULT.faint().italic() : AttributedStyle.DEFAULT;
                reader.printAbove(new AttributedString("(" + TerminalText.visible(hint) + ")", style));
            }
        }
    }

    /** Hints of the last completion (for tests and front ends without a reader). */
    public List<String> lastHints() {
        return lastHints;
    }
}
