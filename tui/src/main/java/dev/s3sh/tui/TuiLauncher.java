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
 * screen, so {@code stty} settings (echo, canonical mode, {@code intr ^C}) are restored (DESIGN §7).
 * The caller must keep every other reader of the terminal idle meanwhile (the REPL's line reader
 * is: it waits for the command to finish).
 */
public final class TuiLauncher {
    private TuiLauncher() {
    }

    /** Colour is wanted ({@code wanted}: no --no-color, no NO_COLOR) and the terminal type has it. */
    public static boolean colour(boolean wanted, String term) {
        if (!wanted || term == null || term.isBlank()) return false;
        return !(term.equals("dumb") || term.startsWith("vt") || term.equals("ansi-mono") || term.endsWith("-m")
                || term.endsWith("-mono"));
    }

    /** Runs until the user leaves; {@code actions} are the CORS pane's (the shell's own push path). */
    public static void run(Session session, boolean colourWanted, String term, TuiApp.ExternalEditor editor,
                           CorsActions actions) throws IOException {
        Charset charset = Charset.defaultCharset();
        Dialect dialect = Dialect.of(session.dialect());
        TuiApp.Config config = new TuiApp.Config(colour(colourWanted, term), charset.equals(StandardCharsets.UTF_8),
                dialect, 200, editor);
        CorsActions cors = java.util.Objects.requireNonNull(actions);
        System.out.flush();
        TuiTerminal terminal = new TuiTerminal(System.in, System.out, charset);
        try {
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            TuiApp.Host host = work -> {
                screen.stopScreen(false);
                terminal.lend();
                try {
                    work.run();
                } finally {
                    terminal.takeBack();
                    screen.startScreen();
                    screen.refresh(Screen.RefreshType.COMPLETE);
                }
            };
            try {
                new TuiApp(screen, session, config, cors, host).run();
            } finally {
                screen.stopScreen(false);
            }
        } finally {
            terminal.close();
        }
    }
}
