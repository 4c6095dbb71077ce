package dev.s3sh.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.KeyStroke;

/**
 * One place of the full-screen mode (buckets, objects, CORS, tester): it owns its state, the keys
 * it is given while it has the focus, and its drawing. The host ({@link TuiApp}) keeps only what is
 * shared: the focus, the running task, dialogs and the status bar.
 */
interface Pane {
    /** A key the host did not take (global keys, dialogs and a running task come first). */
    void key(KeyStroke key);

    /** Draws the pane into {@code area} of the frame. */
    void draw(Canvas c, Area area);

    /** The key hints line while the pane has the focus. */
    String hints();

    /** Ctrl-R: reads again what the pane shows. */
    void reload();

    /** True while letters are text for the pane (a filter, a form field), so {@code q} and {@code ?} are not commands. */
    default boolean typing() {
        return false;
    }

    /** Where the terminal cursor goes while the pane has the focus (null: hidden). */
    default TerminalPosition cursor() {
        return null;
    }

    /** A rectangle of the frame. */
    record Area(int col, int row, int width, int rows) {
    }
}
