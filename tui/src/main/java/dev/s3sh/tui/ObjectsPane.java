package dev.s3sh.tui;

import dev.s3sh.store.BucketInfo;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectInfo;
import dev.s3sh.store.ObjectSummary;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One prefix of the open bucket, loaded a page at a time: the middle column of the browser. */
final class ObjectsPane extends ListPane {
    static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private String bucket;
    private String prefix = "";

    ObjectsPane(TuiApp app) {
        super(app);
    }

    /** The open bucket, or null before one is opened. */
    String bucket() {
        return bucket;
    }

    String prefix() {
        return prefix;
    }

    /** Starts where the session is (its current bucket and prefix), once the bucket list is in. */
    void startAt(String bucket, String prefix) {
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    void bucketsLoaded() {
        if (bucket != null && !list.loaded) load(false);
    }

    void openBucket(String name) {
        bucket = name;
        prefix = "";
        list.reset();
        app.focus(this);
        load(false);
    }

    private record Page(ListPage listing, BucketInfo info) {
    }

    /** Loads the first page of the current prefix, or with {@code more} the next page, appended. */
    void load(boolean more) {
        String b = bucket, p = prefix;
        String token = more ? list.nextToken : null;
        boolean wantInfo = !more && !app.details.knows(b);
        app.start((more ? "loading more of s3://" : "listing s3://") + b + "/" + p, () -> new Page(
                app.session.store().listPage(b, p, "/", app.config.pageSize(), token),
                wantInfo ? app.session.store().bucketInfo(b) : null), page -> {
            if (page.info() != null) app.details.remember(b, page.info());
            if (!more) {
                list.reset();
                if (!p.isEmpty()) list.entries.add(new Listing.Entry(Listing.Kind.UP, "..", null));
            }
            int before = list.visible().size() - (list.nextToken != null ? 1 : 0);
            for (String sub : page.listing().prefixes()) list.entries.add(new Listing.Entry(Listing.Kind.PREFIX, sub, null));
            for (ObjectSummary o : page.listing().objects()) {
                if (o.key().equals(p)) continue; // the folder marker itself
                list.entries.add(new Listing.Entry(Listing.Kind.OBJECT, o.key(), o));
            }
            list.nextToken = page.listing().nextToken();
            list.loaded = true;
            if (more) list.moveTo(before);
            app.info("s3://" + b + "/" + p + ": " + list.objectCount() + " entries loaded"
                    + (page.listing().truncated() ? ", more on the server" : ""));
        }, e -> { });
    }

    @Override
    void open(Listing.Entry e) {
        switch (e.kind()) {
            case PREFIX -> {
                prefix = e.name();
                load(false);
            }
            case UP -> back();
            case MORE -> load(true);
            case OBJECT -> app.info("s3://" + bucket + "/" + e.name() + ": " + e.object().size() + " bytes");
            default -> {
            }
        }
    }

    @Override
    void back() {
        if (prefix.isEmpty()) {
            app.focus(app.buckets);
            return;
        }
        String trimmed = prefix.substring(0, prefix.length() - 1);
        int slash = trimmed.lastIndexOf('/');
        prefix = slash < 0 ? "" : trimmed.substring(0, slash + 1);
        load(false);
    }

    @Override
    void escape() {
        app.focus(app.buckets);
    }

    @Override
    String label(Listing.Entry e) {
        return switch (e.kind()) {
            case UP -> "../";
            case MORE -> "more" + app.theme.ellipsis + " (" + list.objectCount() + " loaded, Enter for the next page)";
            case PREFIX, OBJECT -> e.name().startsWith(prefix) ? e.name().substring(prefix.length()) : e.name();
            default -> e.name();
        };
    }

    @Override
    String meta(Listing.Entry e, int detail) {
        if (e.kind() == Listing.Kind.PREFIX) return "DIR";
        if (e.kind() != Listing.Kind.OBJECT) return "";
        String size = String.format("%6s", ObjectInfo.humanSize(e.object().size()));
        if (detail == 0 || e.object().lastModified() == null) return size;
        return size + " " + (detail == 2 ? LONG_DATE : SHORT_DATE).format(e.object().lastModified());
    }

    /** The object the selection rests on (null when it is a folder, "more" or nothing). */
    ObjectDetails.Key selectedObject() {
        if (bucket == null) return null;
        Listing.Entry e = list.current();
        return e != null && e.kind() == Listing.Kind.OBJECT ? new ObjectDetails.Key(bucket, e.name()) : null;
    }

    @Override
    public void reload() {
        if (bucket == null) return;
        app.details.forget(bucket);
        load(false);
    }

    @Override
    public void draw(Canvas c, Area a) {
        boolean focused = app.focused(this);
        String title = (bucket == null ? "Objects" : "s3://" + bucket + "/" + prefix) + filterLabel();
        c.box(a.col(), a.row(), a.width(), a.rows(), title, focused);
        if (bucket == null) c.text(a.col() + 2, a.row() + 1, a.width() - 4, "choose a bucket (Enter)", Theme.Role.DIM, false);
        else drawList(c, a.col() + 1, a.row() + 1, a.width() - 2, a.rows() - 2, focused);
    }

    @Override
    public String hints() {
        return " Enter open  Left up  letters filter  Tab pane  F3 CORS  F4 test  ? help  q back";
    }
}
