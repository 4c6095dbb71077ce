package dev.s3sh.text;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.Prompter;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalWriterTest {
    private static final String OSC52 = "clip-\u001b]52;c;aGk=\u0007.txt";

    @Test
    void everythingButTheLineFeedIsEscaped() {
        StringWriter sink = new StringWriter();
        PrintWriter safe = TerminalWriter.wrap(new PrintWriter(sink));
        safe.println("deleted s3://b/" + OSC52);
        safe.print("\u009b31m\u202eabc\r\t\u007f");
        safe.write('\u001b');
        safe.flush();
        assertEquals("deleted s3://b/clip-\\x1b]52;c;aGk=\\x07.txt" + System.lineSeparator()
                + "\\x9b31m\\u202eabc\\r\\t\\x7f\\x1b", sink.toString());
    }

    @Test
    void aSurrogatePairSplitAcrossWritesStaysOneCharacter() {
        StringWriter sink = new StringWriter();
        PrintWriter safe = TerminalWriter.wrap(new PrintWriter(sink));
        String smile = "\ud83d\ude00";
        safe.write(smile.charAt(0));
        safe.write(smile.charAt(1));
        safe.flush();
        assertEquals(smile, sink.toString());
    }

    @Test
    void wrappingTwiceEscapesOnce() {
        PrintWriter safe = TerminalWriter.wrap(new PrintWriter(new StringWriter()));
        assertSame(safe, TerminalWriter.wrap(safe));
    }

    @Test
    void commandsGetTheSeamAndProgressKeepsItsCarriageReturn() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandContext ctx = CommandContext.builder(null, null).out(new PrintWriter(out)).err(new PrintWriter(err))
                .prompter(Prompter.NONE).editor(f -> { }).stateDir(java.nio.file.Path.of("unused-state"))
                .progressVisible(true).build();
        ctx.out().println(OSC52);
        ctx.err().println("\u001b]0;TITLE\u0007\u001b[2J");
        ctx.out().flush();
        ctx.err().flush();
        assertFalse(out.toString().contains("\u001b") || err.toString().contains("\u001b"), out + " / " + err);
        var progress = ctx.progress(new ParsedArgs(Map.of(), List.of()), OSC52, 10);
        progress.advance(10);
        progress.done();
        String drawn = err.toString();
        assertTrue(drawn.contains("\r"), "progress redraws with a raw CR: " + drawn);
        assertTrue(drawn.contains("clip-\\x1b]52"), "its label is escaped: " + drawn);
        assertFalse(drawn.contains("\u001b"), drawn);
    }

    @Test
    void jsonStaysTheSameValueWithNoControlCharacterInIt() throws Exception {
        StringWriter out = new StringWriter();
        CommandContext ctx = CommandContext.builder(null, null).out(new PrintWriter(out)).err(new PrintWriter(new StringWriter()))
                .prompter(Prompter.NONE).editor(f -> { }).stateDir(java.nio.file.Path.of("unused-state")).build();
        String hostile = "a\u001b]0;T\u0007\u007f\u009b\u009d\u202e\u2066b\ud83d\ude00";
        ctx.printJson(Map.of("key", hostile));
        String json = out.toString().strip();
        assertEquals("{\"key\":\"a\\u001B]0;T\\u0007\\u007F\\u009b\\u009d\\u202e\\u2066b\ud83d\ude00\"}", json);
        assertEquals(hostile, new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("key").asText());
    }
}
