package dev.s3sh.tui;

import com.googlecode.lanterna.input.KeyStroke;

import java.util.List;

/**
 * The browser's two lists (buckets, one prefix of a bucket): moving, type-to-filter, opening and
 * going back are the same keys in both; what a row shows and what opening means are each list's own.
 */
abstract class ListPane implements Pane {
    final TuiApp app;
    final Listing list = new Listing();

    ListPane(TuiApp app) {
        this.app = app;
    }

    abstract void open(Listing.Entry e);

    abstract void back();

    /** Esc with no filter to clear. */
    abstract void escape();

    /** A row's name as the list shows it. */
    abstract String label(Listing.Entry e);

    /** A row's right-hand facts (size, date, DIR) at a level of {@code detail}: 2 full, 1 short, 0 the least. */
    String meta(Listing.Entry e, int detail) {
        return "";
    }

    @Override
    public boolean typing() {
        return list.filtering || !list.filter.isEmpty();
    }

    @Override
    public void key(KeyStroke key) {
        int page = Math.max(1, app.rows() - 6);
        switch (key.getKeyType()) {
            case ArrowUp -> list.move(-1);
            case ArrowDown -> list.move(1);
            case PageUp -> list.move(-page);
            case PageDown -> list.move(page);
            case Home -> list.moveTo(0);
            case End -> list.moveTo(Integer.MAX_VALUE);
            case Enter, ArrowRight -> {
                Listing.Entry e = list.current();
                if (e != null) open(e);
            }
            case ArrowLeft -> back();
            case Escape -> {
                if (typing()) {
                    list.filtering = false;
                    list.setFilter("");
                } else {
                    escape();
                }
            }
            case Backspace -> {
                if (!list.filter.isEmpty()) list.setFilter(list.filter.substring(0, list.filter.length() - 1));
                else if (list.filtering) list.filtering = false;
                else back();
            }
            case Character -> {
                if (key.isCtrlDown() || key.isAltDown()) return;
                char c = key.getCharacter();
                if (!typing()) {
                    if (c == 'q') {
                        app.quit();
                        return;
                    }
                    if (c == '/') {
                        list.filtering = true;
                        return;
                    }
                }
                if (c >= ' ') list.setFilter(list.filter + c);
            }
            default -> {
            }
        }
    }

    String filterLabel() {
        return typing() ? " /" + list.filter + "_" : "";
    }

    /**
     * Draws the visible rows. When a name on screen does not fit, the facts give way first (a full
     * date becomes a short one, then goes); a name still too long is cut in the middle, both ends kept.
     */
    void drawList(Canvas c, int col, int row, int width, int rows, boolean focused) {
        List<Listing.Entry> v = list.visible();
        Theme theme = c.theme;
        if (!list.loaded) {
            c.text(col + 1, row, width - 1, "loading" + theme.ellipsis, Theme.Role.DIM, false);
            return;
        }
        if (v.isEmpty()) {
            c.text(col + 1, row, width - 1, list.filter.isEmpty() ? "(empty)" : "nothing matches '" + list.filter + "'", Theme.Role.DIM, false);
            return;
        }
        list.current();
        list.scrollInto(rows);
        List<Listing.Entry> shown = v.subList(list.top, Math.min(v.size(), list.top + rows));
        int detail = width >= 60 ? 2 : 1;
        while (detail > 0 && !fits(shown, width, detail)) detail--;
        for (int i = 0; i < shown.size(); i++) {
            Listing.Entry e = shown.get(i);
            boolean sel = list.top + i == list.selected;
            Theme.Role role = sel ? (focused ? Theme.Role.SELECTED : Theme.Role.SELECTED_IDLE) : Theme.Role.NORMAL;
            String meta = meta(e, detail);
            int nameWidth = Math.max(3, width - 2 - (meta.isEmpty() ? 0 : meta.length() + 1));
            String name = e.kind() == Listing.Kind.MORE ? Canvas.fit(label(e), nameWidth, theme.ellipsis)
                    : Canvas.fitMiddle(label(e), nameWidth, theme.ellipsis);
            String line = " " + name;
            if (!meta.isEmpty()) line = padRight(line, width - meta.length() - 1) + meta;
            c.text(col, row + i, width, line, e.kind() == Listing.Kind.MORE && !sel ? Theme.Role.HINT : role, true);
        }
    }

    private boolean fits(List<Listing.Entry> shown, int width, int detail) {
        for (Listing.Entry e : shown) {
            if (e.kind() == Listing.Kind.MORE) continue;
            String meta = meta(e, detail);
            int nameWidth = width - 2 - (meta.isEmpty() ? 0 : meta.length() + 1);
            if (Canvas.fit(label(e), Integer.MAX_VALUE, "").length() > nameWidth) return false;
        }
        return true;
    }

    /** The widest row in the list (name and short facts, visible form), for a column that follows its content. */
    int widest() {
        int max = 0;
        for (Listing.Entry e : list.visible()) {
            String meta = meta(e, 1);
            max = Math.max(max, Canvas.fit(label(e), Integer.MAX_VALUE, "").length() + (meta.isEmpty() ? 0 : meta.length() + 1));
        }
        return max;
    }

    private static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
