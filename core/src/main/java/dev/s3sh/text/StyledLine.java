package dev.s3sh.text;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of output in spans, each with a tone, for the commands that colour what they print (a
 * CORS grid: allowed green, denied red). Commands never write escape sequences themselves: the
 * front end's {@code CommandContext} renders the line, with colour only when it allows colour
 * (a terminal, no {@code --no-color}, no {@code NO_COLOR}). Every span's text passes
 * {@link TerminalText#visible} either way, so only s3sh's own fixed colour codes reach a terminal.
 */
public final class StyledLine {
    /** What a span means; the renderer picks the colour. */
    public enum Tone {
        PLAIN(null), GOOD("32"), BAD("31"), WARN("33"), DIM("2"), BOLD("1");

        private final String sgr;

        Tone(String sgr) {
            this.sgr = sgr;
        }
    }

    private record Span(String text, Tone tone) {
    }

    private final List<Span> spans = new ArrayList<>();

    public StyledLine add(String text, Tone tone) {
        spans.add(new Span(text == null ? "" : text, tone == null ? Tone.PLAIN : tone));
        return this;
    }

    public StyledLine plain(String text) {
        return add(text, Tone.PLAIN);
    }

    /** The line with colour codes when {@code color}, else its plain text; outside text is always escaped. */
    public String render(boolean color) {
        StringBuilder b = new StringBuilder();
        for (Span s : spans) {
            String text = TerminalText.visible(s.text());
            if (color && s.tone().sgr != null && !text.isEmpty()) b.append("\u001b[").append(s.tone().sgr).append('m').append(text).append("\u001b[0m");
            else b.append(text);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return render(false);
    }
}
