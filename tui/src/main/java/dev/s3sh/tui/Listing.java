package dev.s3sh.tui;

import dev.s3sh.store.ObjectSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One scrollable list of the browser (buckets, or one prefix of a bucket): what has been loaded so
 * far, the continuation token for the rest, the type-to-filter text and the selection.
 */
final class Listing {
    enum Kind { BUCKET, UP, PREFIX, OBJECT, MORE }

    record Entry(Kind kind, String name, ObjectSummary object) {
    }

    final List<Entry> entries = new ArrayList<>();
    String filter = "";
    /** True after '/', when every printable key (even q) goes to the filter. */
    boolean filtering;
    String nextToken;
    boolean loaded;
    int selected;
    int top;

    void reset() {
        entries.clear();
        filter = "";
        filtering = false;
        nextToken = null;
        loaded = false;
        selected = 0;
        top = 0;
    }

    /** The entries that pass the filter, then "more…" when the server has more to give. */
    List<Entry> visible() {
        List<Entry> out = new ArrayList<>();
        String f = filter.toLowerCase(Locale.ROOT);
        for (Entry e : entries) {
            if (e.kind() == Kind.UP || f.isEmpty() || e.name().toLowerCase(Locale.ROOT).contains(f)) out.add(e);
        }
        if (nextToken != null) out.add(new Entry(Kind.MORE, "more", null));
        return out;
    }

    Entry current() {
        List<Entry> v = visible();
        if (v.isEmpty()) return null;
        selected = Math.max(0, Math.min(selected, v.size() - 1));
        return v.get(selected);
    }

    void move(int delta) {
        int size = visible().size();
        selected = size == 0 ? 0 : Math.max(0, Math.min(size - 1, selected + delta));
    }

    void moveTo(int index) {
        selected = index;
        move(0);
    }

    /** Keeps the selection inside a window of {@code rows} lines. */
    void scrollInto(int rows) {
        if (selected < top) top = selected;
        if (selected >= top + rows) top = selected - rows + 1;
        top = Math.max(0, Math.min(top, Math.max(0, visible().size() - rows)));
    }

    void setFilter(String value) {
        filter = value;
        selected = 0;
        top = 0;
    }

    int objectCount() {
        return (int) entries.stream().filter(e -> e.kind() == Kind.OBJECT || e.kind() == Kind.PREFIX).count();
    }
}
