package dev.s3sh.shell;

import dev.s3sh.command.CommandLineParser;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.Tokenizer;
import dev.s3sh.command.Word;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.List;

/**
 * Colours the line as it is typed: known commands bold, unknown commands red, options cyan
 * (unknown ones red), {@code s3://} paths blue. The words and their roles come from the same
 * tokenizer and parser that run the line. With colour off (NO_COLOR, --no-color, a dumb terminal)
 * the line is returned as typed.
 */
public final class ShellHighlighter implements Highlighter {
    static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
    static final AttributedStyle UNKNOWN = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    static final AttributedStyle OPTION = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle PATH = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE);

    private final CommandRegistry registry;
    private final boolean color;

    public ShellHighlighter(CommandRegistry registry, boolean color) {
        this.registry = registry;
        this.color = color;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        if (!color) return new AttributedString(buffer);
        List<Word> words = words(buffer);
        List<CommandLineParser.Role> roles = CommandLineParser.analyse(registry, words.stream().map(Word::value).toList()).roles();
        AttributedStringBuilder b = new AttributedStringBuilder();
        int at = 0;
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            b.append(buffer.substring(at, w.start()));
            b.styled(style(roles.get(i), w.value()), buffer.substring(w.start(), w.end()));
            at = w.end();
        }
        b.append(buffer.substring(at));
        return b.toAttributedString();
    }

    private static AttributedStyle style(CommandLineParser.Role role, String value) {
        return switch (role) {
            case COMMAND -> COMMAND;
            case UNKNOWN_COMMAND, UNKNOWN_OPTION -> UNKNOWN;
            case OPTION -> OPTION;
            case OPTION_VALUE, ARGUMENT -> value.startsWith("s3://") ? PATH : AttributedStyle.DEFAULT;
            case END_OF_OPTIONS -> AttributedStyle.DEFAULT;
        };
    }

    /** The words of the buffer with where each stands; an open quote runs to the end. */
    static List<Word> words(String buffer) {
        return Tokenizer.lenient(buffer).words();
    }
}
