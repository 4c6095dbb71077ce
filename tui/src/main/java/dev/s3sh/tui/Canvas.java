package dev.s3sh.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;

import java.util.ArrayList;
import java.util.List;

/** Drawing helpers over one frame: clipped text, boxes and word wrapping, all through the theme. */
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

    static String fit(String text, int max, String ellipsis) {
        if (text == null) text = "";
        text = text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        if (text.length() <= max) return text;
        if (max <= ellipsis.length()) return text.substring(0, max);
        return text.substring(0, max - ellipsis.length()) + ellipsis;
    }

    /** Splits text into lines of at most {@code width} columns, breaking at spaces where possible. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        if (width <= 0) return lines;
        for (String paragraph : (text == null ? "" : text).split("\n", -1)) {
            String rest = paragraph;
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
