package dev.s3sh.command;

import dev.s3sh.command.CommandContext;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.Progress;
import dev.s3sh.command.Prompter;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    @Test
    void lineShowsPercentRateAndEta() {
        String line = Progress.line("big.bin", 64L << 20, 256L << 20, 2_000_000_000L);
        assertEquals("big.bin  25%  64M/256M  32M/s  ETA 0:06", line);
        assertFalse(Progress.line("x", 10, 10, 1_000_000_000L).contains("ETA"));
    }

    @Test
    void countLineCountsThingsNotBytes() {
        assertEquals("auditing  25%  75/300 buckets  38/s  ETA 0:06", Progress.countLine("auditing", 75, 300, "buckets", 2_000_000_000L));
    }

    @Test
    void drawsWithCarriageReturnsAndClearsWhenDone() {
        StringWriter sink = new StringWriter();
        AtomicLong clock = new AtomicLong();
        Progress p = new Progress(new PrintWriter(sink), "f", 1000, clock::get);
        clock.set(300_000_000L);
        p.advance(100);
        clock.set(350_000_000L);
        p.advance(100); // within 200 ms of the last draw: not drawn
        clock.set(900_000_000L);
        p.advance(800); // complete: drawn
        p.done();
        String text = sink.toString();
        assertEquals(4, text.chars().filter(c -> c == '\r').count(), text); // 2 draws, then \r spaces \r
        assertFalse(text.contains("20%"), "a redraw within 200 ms is skipped: " + text);
        assertTrue(text.contains("10%") && text.contains("100%"), text);
        assertTrue(text.endsWith("\r"), text);
        assertEquals(1000, p.bytes());
    }

    @Test
    void silentForJsonScriptsAndNonTerminals() {
        StringWriter err = new StringWriter();
        CommandContext.Builder builder = CommandContext.builder(null, null).out(new PrintWriter(new StringWriter()))
                .err(new PrintWriter(err)).stateDir(java.nio.file.Path.of("unused-state"));
        CommandContext ctx = builder.build();
        ParsedArgs text = new ParsedArgs(Map.of(), List.of());
        ParsedArgs json = new ParsedArgs(Map.of("output", List.of("json")), List.of());
        assertSame(Progress.NONE, ctx.progress(text, "f", 10), "off unless the front end turns it on");
        ctx = builder.progressVisible(true).build();
        assertSame(Progress.NONE, ctx.progress(json, "f", 10));
        Progress shown = ctx.progress(text, "f", 10);
        shown.advance(10);
        shown.done();
        assertTrue(err.toString().contains("100%"));
    }

    @Test
    void quietDropsProgressAndNoticesButNotErrors() {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandContext ctx = CommandContext.builder(null, null).out(new PrintWriter(out, true))
                .err(new PrintWriter(err, true)).stateDir(java.nio.file.Path.of("unused-state")).progressVisible(true).quiet(true).build();
        ParsedArgs text = new ParsedArgs(Map.of(), List.of());
        assertSame(Progress.NONE, ctx.progress(text, "f", 10), "--quiet: no progress line even on a terminal");
        assertSame(Progress.NONE, ctx.toBuilder().build().progress(text, "f", 10), "and a derived context stays quiet");
        ctx.notice("s3://b/k -> -  2 B");
        ctx.err().println("an error");
        ctx.err().flush();
        assertEquals("an error" + System.lineSeparator(), err.toString());
        ctx.report("deleted s3://b/k");
        ctx.out().println("data");
        ctx.out().flush();
        assertEquals("data" + System.lineSeparator(), out.toString(), "--quiet drops what an operation did, never data");

        StringWriter loud = new StringWriter();
        CommandContext talkative = CommandContext.builder(null, null).out(new PrintWriter(new StringWriter()))
                .err(new PrintWriter(loud, true)).stateDir(java.nio.file.Path.of("unused-state")).build();
        talkative.notice("a notice");
        talkative.err().flush();
        assertTrue(loud.toString().contains("a notice"));
        StringWriter said = new StringWriter();
        talkative.toBuilder().out(new PrintWriter(said, true)).build().report("deleted s3://b/k");
        assertTrue(said.toString().contains("deleted s3://b/k"));
    }
}
