package dev.s3sh.command;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * A transfer's progress as one line redrawn with {@code \r}: label, percentage, bytes, rate, ETA.
 * Safe to advance from several threads. {@link #NONE} draws nothing (scripts, JSON, no terminal).
 */
public class Progress implements LongConsumer {
    /** Silent: for script mode, JSON output and output that is not a terminal. */
    public static final Progress NONE = new Progress();

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final LongSupplier clock;
    /** Null: bytes; else what is counted, e.g. "buckets". */
    private final String unit;
    private final long started;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastDraw = new AtomicLong();
    private int lastWidth;

    private Progress() {
        this(null, "", 0, System::nanoTime);
    }

    Progress(PrintWriter err, String label, long total, LongSupplier clock) {
        this(err, label, total, clock, null);
    }

    /** Counts things ({@code unit}, e.g. "buckets") instead of bytes. */
    Progress(PrintWriter err, String label, long total, LongSupplier clock, String unit) {
        this.unit = unit;
        this.err = err;
        this.label = label;
        this.total = total;
        this.clock = clock;
        this.started = clock.getAsLong();
    }

    public void advance(long bytes) {
        long now = done.addAndGet(bytes);
        if (err == null) return;
        long t = clock.getAsLong();
        long last = lastDraw.get();
        if ((t - last >= REDRAW_NANOS || now >= total) && lastDraw.compareAndSet(last, t)) draw(now, t);
    }

    @Override
    public void accept(long bytes) {
        advance(bytes);
    }

    public long bytes() {
        return done.get();
    }

    /** Clears the line so that what follows starts clean. */
    public synchronized void done() {
        if (err == null || lastWidth == 0) return;
        err.print("\r" + " ".repeat(lastWidth) + "\r");
        err.flush();
        lastWidth = 0;
    }

    private synchronized void draw(long bytes, long now) {
        String line = unit == null ? line(label, bytes, total, now - started) : countLine(label, bytes, total, unit, now - started);
        err.print("\r" + line + (line.length() < lastWidth ? " ".repeat(lastWidth - line.length()) : ""));
        err.flush();
        lastWidth = line.length();
    }

    /** E.g. {@code "big.bin  42%  108M/256M  35.1M/s  ETA 0:04"}. */
    static String line(String label, long bytes, long total, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        double rate = bytes / seconds;
        StringBuilder b = new StringBuilder(label);
        if (total > 0) b.append("  ").append(Math.min(100, bytes * 100 / total)).append('%');
        b.append("  ").append(size(bytes));
        if (total > 0) b.append('/').append(size(total));
        b.append("  ").append(size((long) rate)).append("/s");
        if (total > 0 && bytes < total && rate > 0) {
            long eta = (long) ((total - bytes) / rate);
            b.append("  ETA ").append(eta / 60).append(':').append(String.format("%02d", eta % 60));
        }
        return b.toString();
    }

    /** E.g. {@code "auditing  42%  126/300 buckets  35/s  ETA 0:04"}. */
    static String countLine(String label, long done, long total, String unit, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        double rate = done / seconds;
        StringBuilder b = new StringBuilder(label);
        if (total > 0) b.append("  ").append(Math.min(100, done * 100 / total)).append('%');
        b.append("  ").append(done);
        if (total > 0) b.append('/').append(total);
        b.append(' ').append(unit).append("  ").append(String.format(java.util.Locale.ROOT, "%.0f/s", rate));
        if (total > 0 && done < total && rate > 0) {
            long eta = (long) ((total - done) / rate);
            b.append("  ETA ").append(eta / 60).append(':').append(String.format("%02d", eta % 60));
        }
        return b.toString();
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + "B" : dev.s3sh.store.ObjectInfo.humanSize(bytes);
    }
}
