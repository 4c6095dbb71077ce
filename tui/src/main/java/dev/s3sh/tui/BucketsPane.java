package dev.s3sh.tui;

import dev.s3sh.store.BucketSummary;

import java.util.List;

/** The bucket list: the left column of the browser. Enter opens a bucket in the objects pane. */
final class BucketsPane extends ListPane {

    BucketsPane(TuiApp app) {
        super(app);
    }

    /** The selected bucket's name, or null while the list is empty or loading. */
    String selected() {
        Listing.Entry e = list.current();
        return e == null ? null : e.name();
    }

    void load() {
        app.start("listing buckets", () -> app.session.store().listBuckets(), found -> {
            String keep = selected() == null ? app.objects.bucket() : selected();
            list.reset();
            for (BucketSummary b : found) list.entries.add(new Listing.Entry(Listing.Kind.BUCKET, b.name(), null));
            list.loaded = true;
            List<Listing.Entry> v = list.visible();
            for (int i = 0; i < v.size(); i++) if (v.get(i).name().equals(keep)) list.moveTo(i);
            app.infoIfQuiet(found.size() + (found.size() == 1 ? " bucket" : " buckets"));
            app.objects.bucketsLoaded();
        }, e -> { });
    }

    @Override
    void open(Listing.Entry e) {
        app.objects.openBucket(e.name());
    }

    @Override
    void back() {
    }

    @Override
    void escape() {
    }

    @Override
    String label(Listing.Entry e) {
        return e.name();
    }

    @Override
    public void reload() {
        load();
    }

    @Override
    public void draw(Canvas c, Area a) {
        boolean focused = app.focused(this);
        c.box(a.col(), a.row(), a.width(), a.rows(), "Buckets" + filterLabel(), focused);
        drawList(c, a.col() + 1, a.row() + 1, a.width() - 2, a.rows() - 2, focused);
    }

    @Override
    public String hints() {
        return " Enter open  letters filter  Tab pane  F3 CORS  F4 tester  ? help  q back";
    }
}
