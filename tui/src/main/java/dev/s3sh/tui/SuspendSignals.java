package dev.s3sh.tui;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-Z and {@code fg} for the full-screen mode on a real terminal. Left to the default, SIGTSTP
 * stops the JVM with the tty raw and the alternate screen on, and nothing redraws after SIGCONT.
 * Here SIGTSTP only asks the screen thread to suspend ({@link TuiApp#suspend}); the host gives the
 * terminal back and calls {@link #stopHere()}, which stops the process as the default action would
 * (so the shell reports the job stopped) and returns once it is continued. A SIGCONT that did not
 * follow our own stop (a {@code kill -STOP} from outside) makes the screen take the tty back and
 * redraw. The handlers in place before are put back by {@link #close()} (the REPL's own).
 *
 * <p>sun.misc.Signal is the JDK's only signal API; Lanterna uses it the same way for SIGWINCH.
 */
final class SuspendSignals implements AutoCloseable {
    private static final Signal TSTP = new Signal("TSTP");
    private static final Signal CONT = new Signal("CONT");

    private final SignalHandler previousTstp;
    private final SignalHandler previousCont;
    private volatile CountDownLatch continued;

    /**
     * {@code suspend} runs on Ctrl-Z (from the signal's thread: it must only post to the screen);
     * {@code resumed} on a continue we did not cause.
     */
    SuspendSignals(Runnable suspend, Runnable resumed) {
        previousTstp = Signal.handle(TSTP, s -> suspend.run());
        previousCont = Signal.handle(CONT, s -> {
            CountDownLatch ours = continued;
            if (ours != null) ours.countDown();
            else resumed.run();
        });
    }

    /** Stops this process as Ctrl-Z would; returns after {@code fg} (SIGCONT). */
    void stopHere() throws IOException, InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        continued = latch;
        SignalHandler ours = Signal.handle(TSTP, SignalHandler.SIG_DFL);
        try {
            Process kill = new ProcessBuilder("kill", "-TSTP", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            kill.getOutputStream().close();
            kill.waitFor();
            // the stop takes effect as the signal is delivered; the bound only matters when the kernel
            // discards it (an orphaned process group is never stopped by SIGTSTP)
            latch.await(2, TimeUnit.SECONDS);
        } finally {
            Signal.handle(TSTP, ours);
            continued = null;
        }
    }

    @Override
    public void close() {
        Signal.handle(TSTP, previousTstp);
        Signal.handle(CONT, previousCont);
    }
}
