package dev.s3sh.text;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The output seam between commands and a terminal: every character written passes
 * {@link TerminalText#visible}, except the line feed, which only s3sh's own {@code println} writes
 * (a value holding one is escaped where it is formatted, so it cannot fake a line). Commands never
 * emit colour, so nothing legitimate is lost; progress lines, which need {@code \r}, have their
 * own raw channel.
 */
public final class TerminalWriter extends Writer {
    private final Writer target;
    /** A high surrogate whose low half has not been written yet. */
    private char pendingHigh;

    private TerminalWriter(Writer target) {
        this.target = target;
    }

    /** {@code target} behind the seam (already safe writers are not wrapped twice). */
    public static PrintWriter wrap(PrintWriter target) {
        if (target instanceof Safe) return target;
        return new Safe(new TerminalWriter(target));
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) throws IOException {
        StringBuilder b = new StringBuilder(len + 8);
        int from = off;
        if (pendingHigh != 0) {
            b.append(pendingHigh);
            pendingHigh = 0;
        }
        int end = off + len;
        if (len > 0 && Character.isHighSurrogate(buf[end - 1])) {
            pendingHigh = buf[end - 1];
            end--;
        }
        int start = from;
        for (int i = from; i < end; i++) {
            if (buf[i] == '\n') {
                b.append(buf, start, i - start);
                target.write(TerminalText.visible(b.toString()));
                target.write('\n');
                b.setLength(0);
                start = i + 1;
            }
        }
        b.append(buf, start, end - start);
        if (!b.isEmpty()) target.write(TerminalText.visible(b.toString()));
    }

    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (pendingHigh != 0) target.write(TerminalText.visible(String.valueOf(pendingHigh)));
        pendingHigh = 0;
        target.close();
    }

    /** Marks a writer that already escapes. Autoflush, as the front ends' writers are. */
    private static final class Safe extends PrintWriter {
        Safe(TerminalWriter out) {
            super(out, true);
        }
    }
}
