package dev.s3sh.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Drives a {@link TuiApp} on Lanterna's virtual terminal: keys go in through the terminal's input
 * queue, the loop is stepped on the test thread, and the screen is read back as text.
 */
final class TuiDriver implements AutoCloseable {
    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;
    final TuiApp app;

    TuiDriver(Session session, int columns, int rows, boolean colour, int pageSize, TuiApp.ExternalEditor editor,
              CorsActions actions) throws Exception {
        this(session, columns, rows, colour, pageSize, editor, actions, List.of());
    }

    /** With the panes beside CORS ({@code documents}: F7, F8). */
    TuiDriver(Session session, int columns, int rows, boolean colour, int pageSize, TuiApp.ExternalEditor editor,
              CorsActions actions, List<DocumentActions> documents) throws Exception {
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        screen = new TerminalScreen(terminal);
        screen.startScreen();
        app = new TuiApp(screen, session, new TuiApp.Config(colour, true, Dialect.RGW, pageSize, editor), actions, documents,
                TuiApp.Host.INLINE);
        app.start();
        settle();
    }

    /** Steps until the worker is idle and nothing changes; bounded, so a hang fails instead of blocking. */
    TuiDriver settle() throws Exception {
        int quiet = 0;
        for (int i = 0; i < 4000 && quiet < 3; i++) {
            boolean changed = app.step();
            if (!changed && !app.busy()) quiet++;
            else quiet = 0;
            if (!changed) Thread.sleep(2);
        }
        return this;
    }

    /** Steps until the screen shows {@code text} (or the bound runs out). */
    TuiDriver until(Predicate<String> condition) throws Exception {
        for (int i = 0; i < 4000 && !condition.test(text()); i++) {
            if (!app.step()) Thread.sleep(2);
        }
        return this;
    }

    TuiDriver key(KeyType type) throws Exception {
        terminal.addInput(new KeyStroke(type));
        return settle();
    }

    TuiDriver ctrl(char c) throws Exception {
        terminal.addInput(new KeyStroke(c, true, false));
        return settle();
    }

    TuiDriver type(String text) throws Exception {
        for (char c : text.toCharArray()) terminal.addInput(new KeyStroke(c, false, false));
        return settle();
    }

    TuiDriver resize(int columns, int rows) throws Exception {
        terminal.setTerminalSize(new TerminalSize(columns, rows));
        return settle();
    }

    List<String> lines() {
        TerminalSize size = terminal.getTerminalSize();
        List<String> out = new ArrayList<>();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) b.append(terminal.getCharacter(c, r).getCharacterString());
            out.add(b.toString());
        }
        return out;
    }

    String text() {
        return String.join("\n", lines());
    }

    TextCharacter at(int column, int row) {
        return terminal.getCharacter(column, row);
    }

    @Override
    public void close() {
        app.close();
    }
}
