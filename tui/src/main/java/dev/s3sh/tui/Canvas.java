package dev.s3sh.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.s3sh.text.TerminalText;

import java.util.ArrayList;
import java.util.List;

/**
 * Drawing helpers over one frame: clipped text, boxes and word wrapping, all through the theme.
 * This is the one place where text reaches Lanterna: every string passes
 * {@link TerminalText#visible} here, so no pane can put a name's control characters on the screen
 * (Lanterna refuses them with an exception, and a terminal would obey them).
 */
final class Canvas {
    final TextGraphics g;
    final Theme theme;
    final int width, height;

    Canvas(TextGraphics g, Theme theme, TerminalSize size) {
        this.g = g;
        this.theme = theme;
        this.width = size.getColumns();
        this.height = size.getRows();
    }

    /** Writes {@code text} at (col,row), cut to {@code max} columns (with an ellipsis) and padded when {@code pad}. */
    void text(int col, int row, int max, String text, Theme.Role role, boolean pad) {
        if (max <= 0 || row < 0 || row >= height) return;
        String s = fit(text, max, theme.ellipsis);
        if (pad && s.length() < max) s = s + " ".repeat(max - s.length());
        theme.apply(g, role);
        g.putString(col, row, s);
    }

    void fill(int col, int row, int w, int h, Theme.Role role) {
        theme.apply(g, role);
        for (int r = row; r < row + h && r < height; r++) g.putString(col, r, " ".repeat(Math.max(0, w)));
    }

    void box(int col, int row, int w, int h, String title, boolean focused) {
        if (w < 2 || h < 2) return;
        Theme.Role role = focused ? Theme.Role.TITLE : Theme.Role.BORDER;
        theme.apply(g, role);
        String line = String.valueOf(theme.horizontal).repeat(w - 2);
        g.putString(col, row, theme.topLeft + line + theme.topRight);
        g.putString(col, row + h - 1, theme.bottomLeft + line + theme.bottomRight);
        for (int r = row + 1; r < row + h - 1; r++) {
            g.putString(col, r, String.valueOf(theme.vertical));
            g.putString(col + w - 1, r, String.valueOf(theme.vertical));
        }
        if (title != null && !title.isEmpty() && w > 6) {
            text(col + 2, row, w - 4, " " + title + " ", focused ? Theme.Role.TITLE : Theme.Role.NORMAL, false);
        }
    }

    /** The visible form of {@code text}, cut at the end to {@code max} columns. */
    static String fit(String text, int max, String ellipsis) {
        String s = TerminalText.visible(text);
        if (s.length() <= max) return s;
        if (max <= ellipsis.length()) return s.substring(0, max);
        return s.substring(0, max - ellipsis.length()) + ellipsis;
    }

    /**
     * The visible form of {@code name}, cut in the middle to {@code max} columns: names that share
     * a beginning ({@code prod-assets-eu}, {@code prod-assets-us}) or differ only in their extension
     * stay told apart.
     */
    static String fitMiddle(String name, int max, String ellipsis) {
        String s = TerminalText.visible(name);
        if (s.length() <= max) return s;
        if (max <= ellipsis.length() + 1) return s.substring(0, Math.max(0, max));
        int keep = max - ellipsis.length();
        int head = (keep + 1) / 2;
        return s.substring(0, head) + ellipsis + s.substring(s.length() - (keep - head));
    }

    /** Splits text into lines of at most {@code width} columns (of its visible form), breaking at spaces where possible. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        if (width <= 0) return lines;
        for (String paragraph : (text == null ? "" : text).split("\n", -1)) {
            String rest = TerminalText.visible(paragraph);
            while (rest.length() > width) {
                int cut = rest.lastIndexOf(' ', width);
                if (cut <= width / 3) cut = width;
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut).stripLeading();
            }
            lines.add(rest);
        }
        return lines;
    }
}
