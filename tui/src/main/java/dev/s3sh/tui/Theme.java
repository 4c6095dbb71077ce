package dev.s3sh.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

/**
 * How each part of the screen looks. With colour off (NO_COLOR, --no-color, a terminal without
 * colours) only reverse video and bold are used, so every mark stays visible in monochrome.
 */
final class Theme {
    enum Role { NORMAL, TITLE, BORDER, SELECTED, SELECTED_IDLE, STATUS, HINT, ERROR, OK, WARN, DIALOG, DIM }

    private final boolean color;
    final String ellipsis;
    final char horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight;

    Theme(boolean color, boolean unicode) {
        this.color = color;
        this.ellipsis = unicode ? "\u2026" : "...";
        this.horizontal = unicode ? '\u2500' : '-';
        this.vertical = unicode ? '\u2502' : '|';
        this.topLeft = unicode ? '\u250c' : '+';
        this.topRight = unicode ? '\u2510' : '+';
        this.bottomLeft = unicode ? '\u2514' : '+';
        this.bottomRight = unicode ? '\u2518' : '+';
    }

    boolean color() {
        return color;
    }

    void apply(TextGraphics g, Role role) {
        g.clearModifiers();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        if (!color) {
            switch (role) {
                case SELECTED, STATUS, DIALOG -> g.enableModifiers(SGR.REVERSE);
                case SELECTED_IDLE -> g.enableModifiers(SGR.UNDERLINE);
                case TITLE, ERROR, WARN -> g.enableModifiers(SGR.BOLD);
                default -> {
                }
            }
            return;
        }
        switch (role) {
            case TITLE -> {
                g.setForegroundColor(TextColor.ANSI.CYAN);
                g.enableModifiers(SGR.BOLD);
            }
            case BORDER, DIM -> g.setForegroundColor(TextColor.ANSI.BLUE);
            case SELECTED -> {
                g.setForegroundColor(TextColor.ANSI.BLACK);
                g.setBackgroundColor(TextColor.ANSI.CYAN);
            }
            case SELECTED_IDLE -> {
                g.setForegroundColor(TextColor.ANSI.BLACK);
                g.setBackgroundColor(TextColor.ANSI.WHITE);
            }
            case STATUS -> {
                g.setForegroundColor(TextColor.ANSI.WHITE);
                g.setBackgroundColor(TextColor.ANSI.BLUE);
            }
            case HINT -> g.setForegroundColor(TextColor.ANSI.YELLOW);
            case ERROR -> {
                g.setForegroundColor(TextColor.ANSI.RED);
                g.enableModifiers(SGR.BOLD);
            }
            case OK -> g.setForegroundColor(TextColor.ANSI.GREEN);
            case WARN -> g.setForegroundColor(TextColor.ANSI.YELLOW);
            case DIALOG -> {
                g.setForegroundColor(TextColor.ANSI.BLACK);
                g.setBackgroundColor(TextColor.ANSI.WHITE);
            }
            default -> {
            }
        }
    }
}
