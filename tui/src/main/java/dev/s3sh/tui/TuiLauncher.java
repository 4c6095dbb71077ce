package dev.s3sh.tui;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Opens the full-screen mode on the process's real terminal (standard input and output, which must
 * be a tty) and gives it back exactly as it was: the Lanterna terminal is closed, not only the
 * screen, so {@code stty} settings (echo, canonical mode, {@code intr ^C}) are restored (docs/reliability.md).
 * The caller must keep every other reader of the terminal idle meanwhile (the REPL's line reader
 * is: it waits for the command to finish).
 */
public final class TuiLauncher {
    private TuiLauncher() {
    }

    private static void stopQuietly(SuspendSignals signals) {
        try {
            signals.stopHere();
        } catch (IOException e) {
            // no kill(1): the job simply is not stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Colour is wanted ({@code wanted}: no --no-color, no NO_COLOR) and the terminal type has it. */
    public static boolean colour(boolean wanted, String term) {
        if (!wanted || term == null || term.isBlank()) return false;
        return !(term.equals("dumb") || term.startsWith("vt") || term.equals("ansi-mono") || term.endsWith("-m")
                || term.endsWith("-mono"));
    }

    /**
     * Runs until the user leaves; {@code actions} are the CORS pane's (the shell's own push path),
     * {@code documents} the panes' beside it (policy, lifecycle).
     */
    public static void run(Session session, java.nio.file.Path stateDir, boolean colourWanted, String term,
                           TuiApp.ExternalEditor editor, CorsActions actions, java.util.List<DocumentActions> documents) throws IOException {
        Charset charset = Charset.defaultCharset();
        // the tester predicts as the commands do: the rule choice 'cors detect' found counts
        Dialect dialect = new dev.s3sh.app.CorsBehaviours(stateDir).dialectFor(session);
        TuiApp.Config config = new TuiApp.Config(colour(colourWanted, term), charset.equals(StandardCharsets.UTF_8),
                dialect, 200, editor);
        CorsActions cors = java.util.Objects.requireNonNull(actions);
        System.out.flush();
        TuiTerminal terminal = new TuiTerminal(System.in, System.out, charset);
        try {
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            TuiApp[] app = new TuiApp[1];
            java.util.concurrent.atomic.AtomicBoolean lent = new java.util.concurrent.atomic.AtomicBoolean();
            SuspendSignals[] signals = new SuspendSignals[1];
            TuiApp.Host host = new TuiApp.Host() {
                @Override
                public void outside(Work work) throws Exception {
                    screen.stopScreen(false);
                    terminal.lend();
                    lent.set(true);
                    try {
                        work.run();
                    } finally {
                        lent.set(false);
                        terminal.takeBack();
                        screen.startScreen();
                        screen.refresh(Screen.RefreshType.COMPLETE);
                    }
                }

                @Override
                public void suspend() throws Exception {
                    screen.stopScreen(false);          // leaves the alternate screen, shows the cursor
                    terminal.giveBackForSuspend();     // line mode, echo, intr ^C: as the shell gave it
                    terminal.flush();
                    try {
                        signals[0].stopHere();
                    } finally {
                        resumed();
                    }
                }

                @Override
                public void resumed() throws Exception {
                    terminal.takeBackAfterResume();
                    screen.startScreen();
                    screen.refresh(Screen.RefreshType.COMPLETE);
                }
            };
            app[0] = new TuiApp(screen, session, config, cors, documents, host);
            // Ctrl-Z while an editor has the terminal: the editor stops itself, and so must we, at once
            // (the screen thread is waiting for the editor and the shell waits for the whole job)
            signals[0] = new SuspendSignals(() -> {
                if (lent.get()) stopQuietly(signals[0]);
                else app[0].post(app[0]::suspend);
            }, () -> app[0].post(app[0]::resumed));
            try {
                app[0].run();
            } finally {
                signals[0].close();
                screen.stopScreen(false);
            }
        } finally {
            terminal.close();
        }
    }
}
