package dev.s3sh.tui;

import dev.s3sh.store.BucketInfo;
import dev.s3sh.store.ObjectInfo;
import dev.s3sh.store.ObjectSummary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The right column of the browser: what the selection is (the bucket as {@code info} shows it, a
 * folder, or the object as {@code stat} shows it), always with its full name, wrapped rather than
 * cut. It never takes the focus.
 */
final class DetailsPane {
    private final TuiApp app;
    /** The selected object's metadata: its own worker, so a HEAD never waits behind a listing or shows a progress box. */
    final ObjectDetails objects;
    private final Map<String, BucketInfo> buckets = new HashMap<>();

    DetailsPane(TuiApp app) {
        this.app = app;
        this.objects = new ObjectDetails((b, k) -> app.session.store().stat(b, k), app::post, TuiApp::describe);
    }

    boolean knows(String bucket) {
        return buckets.containsKey(bucket);
    }

    void remember(String bucket, BucketInfo info) {
        buckets.put(bucket, info);
    }

    /** Forgets what is known about {@code bucket}: its details and its objects' metadata. */
    void forget(String bucket) {
        buckets.remove(bucket);
        objects.invalidate(bucket);
    }

    /** Once per turn, after the keys: the object the pane shows, so its HEAD starts when the selection settles. */
    void follow() {
        objects.select(app.focused(app.objects) ? app.objects.selectedObject() : null);
    }

    void close() {
        objects.close();
    }

    void draw(Canvas c, Pane.Area a) {
        c.box(a.col(), a.row(), a.width(), a.rows(), "Details", false);
        int inner = a.width() - 4;
        int row = 0;
        for (String line : lines(inner)) {
            for (String wrapped : Canvas.wrap(line, inner)) {
                if (row >= a.rows() - 2) return;
                c.text(a.col() + 2, a.row() + 1 + row++, inner, wrapped,
                        wrapped.startsWith("metadata: ") ? Theme.Role.ERROR : Theme.Role.NORMAL, false);
            }
        }
    }

    /** The pane's lines; {@code width} is its inner width (narrow panes drop the label padding). */
    private List<String> lines(int width) {
        List<String> out = new ArrayList<>();
        String bucket = app.objects.bucket();
        if (app.focused(app.objects) && bucket != null) {
            Listing.Entry e = app.objects.list.current();
            if (e != null && e.kind() == Listing.Kind.OBJECT) {
                ObjectSummary o = e.object();
                out.add("s3://" + bucket + "/" + o.key());
                out.add("");
                ObjectDetails.View view = objects.view(new ObjectDetails.Key(bucket, o.key()));
                if (view.info() != null) {
                    out.addAll(fitStatLines(view.info().describe(), width));   // the stat command's own lines
                    return out;
                }
                // until the HEAD answers: what the listing said
                out.add("Size:  " + o.size() + " bytes (" + ObjectInfo.humanSize(o.size()) + ")");
                out.add("Date:  " + (o.lastModified() == null ? "-" : ObjectsPane.LONG_DATE.format(o.lastModified()) + "Z"));
                out.add("Class: " + (o.storageClass() == null ? "-" : o.storageClass()));
                out.add("");
                out.add(view.loading() ? "metadata loading" + app.theme.ellipsis : "metadata: " + view.error());
                return out;
            }
            if (e != null && e.kind() == Listing.Kind.PREFIX) {
                out.add("folder s3://" + bucket + "/" + e.name());
                out.add("Enter opens it");
                return out;
            }
            if (e != null && e.kind() == Listing.Kind.MORE) {
                out.add(app.objects.list.objectCount() + " entries loaded; the server has more.");
                out.add("Enter loads the next " + app.config.pageSize() + ".");
                return out;
            }
            return bucketLines(bucket);
        }
        String selected = app.buckets.selected();
        if (selected == null) {
            out.add(app.buckets.list.loaded ? "no buckets" : "loading" + app.theme.ellipsis);
            return out;
        }
        return bucketLines(selected);
    }

    private List<String> bucketLines(String name) {
        List<String> out = new ArrayList<>();
        out.add("s3://" + name + "/ (bucket)");
        BucketInfo info = buckets.get(name);
        if (info == null) {
            out.add("");
            out.add("Enter opens the bucket and loads its details.");
            return out;
        }
        out.add("Location: " + info.location());
        out.add("Payer:    " + info.payer());
        out.add("Expiration: " + info.expirationRule().orElse("none"));
        out.add("Policy:   " + info.policy().map(p -> "set (" + p.length() + " chars)").orElse("none"));
        out.add("CORS:     " + info.cors().map(c -> c.rules().size() + (c.rules().size() == 1 ? " rule" : " rules") + " (F3)")
                .orElse("none"));
        if (info.acl().isEmpty()) out.add("ACL:      none");
        for (String grant : info.acl()) out.add("ACL:      " + grant);
        for (String note : info.notes()) out.add("(" + note + ")");
        return out;
    }

    /**
     * {@code stat}'s "Label:   value" lines for a pane {@code width} wide: as stat prints them when all
     * fit; else each without the label padding, and a value that still does not fit goes on its own
     * line under its label (so an ETag or a key is never cut in the middle by the wrap).
     */
    static List<String> fitStatLines(List<String> lines, int width) {
        if (lines.stream().allMatch(l -> l.length() <= width)) return lines;
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                out.add(line);
                continue;
            }
            String label = line.substring(0, colon + 1), value = line.substring(colon + 1).strip();
            if (label.length() + 1 + value.length() <= width) {
                out.add(label + " " + value);
            } else {
                out.add(label);
                out.add("  " + value);
            }
        }
        return out;
    }
}
