package dev.s3sh.shell;


import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShellHighlighterTest {
    private final ShellHighlighter colour = new ShellHighlighter(CompletionTestSupport.registry(), true);

    private static AttributedStyle styleAt(AttributedString s, String line, String word) {
        return s.styleAt(line.indexOf(word));
    }

    @Test
    void knownAndUnknownCommandsOptionsAndPaths() {
        String line = "ls --long --bogus s3://alpha/dir/ plain";
        AttributedString s = colour.highlight(null, line);
        assertEquals(line, s.toString());
        assertEquals(ShellHighlighter.COMMAND, styleAt(s, line, "ls"));
        assertEquals(ShellHighlighter.OPTION, styleAt(s, line, "--long"));
        assertEquals(ShellHighlighter.UNKNOWN, styleAt(s, line, "--bogus"));
        assertEquals(ShellHighlighter.PATH, styleAt(s, line, "s3://"));
        assertEquals(AttributedStyle.DEFAULT, styleAt(s, line, "plain"));

        String typo = "lss s3://x";
        assertEquals(ShellHighlighter.UNKNOWN, colour.highlight(null, typo).styleAt(0));
    }

    @Test
    void twoWordCommandsAndGroups() {
        String line = "cors check --method GET -o json --output=xml";
        AttributedString s = colour.highlight(null, line);
        assertEquals(ShellHighlighter.COMMAND, styleAt(s, line, "cors"));
        assertEquals(ShellHighlighter.COMMAND, styleAt(s, line, "check"));
        assertEquals(ShellHighlighter.OPTION, styleAt(s, line, "--method"));
        assertEquals(ShellHighlighter.OPTION, styleAt(s, line, "-o"));
        assertEquals(ShellHighlighter.OPTION, styleAt(s, line, "--output=xml"));

        String wrongSub = "cors chek";
        AttributedString w = colour.highlight(null, wrongSub);
        assertEquals(ShellHighlighter.COMMAND, w.styleAt(0), "the group is known");
        assertEquals(ShellHighlighter.UNKNOWN, w.styleAt(5), "its subcommand is not");
    }

    @Test
    void aPastedS3cmdLineIsACommand() {
        String line = "s3cmd setcors cors.xml s3://alpha";
        AttributedString s = colour.highlight(null, line);
        assertEquals(ShellHighlighter.COMMAND, styleAt(s, line, "s3cmd"));
        assertEquals(ShellHighlighter.COMMAND, styleAt(s, line, "setcors"));
        assertEquals(ShellHighlighter.PATH, styleAt(s, line, "s3://"));
    }

    @Test
    void quotedWordsStayTogether() {
        String line = "ls \"s3://a b/\" -l";
        AttributedString s = colour.highlight(null, line);
        assertEquals(ShellHighlighter.OPTION, styleAt(s, line, "-l"));
        assertEquals(3, ShellHighlighter.words(line).size());
    }

    @Test
    void noColourMeansThePlainLine() {
        ShellHighlighter plain = new ShellHighlighter(CompletionTestSupport.registry(), false);
        String line = "lss --bogus s3://x";
        AttributedString s = plain.highlight(null, line);
        assertEquals(line, s.toString());
        for (int i = 0; i < line.length(); i++) assertEquals(AttributedStyle.DEFAULT, s.styleAt(i));
        assertEquals(line, s.toAnsi(), "no escape sequences at all");
    }
}
