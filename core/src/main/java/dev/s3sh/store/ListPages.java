package dev.s3sh.store;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pages of one listing, in order. {@code start} is given the token of the page to list (null:
 * the first) and returns how to get that page; it is called for the next page as soon as a page
 * is handed over, so a store that starts the request there lists one page ahead, and one that only
 * sends it when asked lists page by page.
 */
final class ListPages implements Iterator<ListPage> {
    private final Function<String, Supplier<ListPage>> start;
    private Supplier<ListPage> next;

    ListPages(Function<String, Supplier<ListPage>> start) {
        this.start = start;
        this.next = start.apply(null);
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public ListPage next() {
        if (next == null) throw new NoSuchElementException();
        ListPage page = next.get();
        next = page.truncated() ? start.apply(page.nextToken()) : null;
        return page;
    }
}
