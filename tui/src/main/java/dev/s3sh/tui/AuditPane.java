package dev.s3sh.tui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.s3sh.app.CorsAudit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Future;

/**
 * The audit view: {@link CorsAudit} over every bucket of the session's profile, one line per bucket
 * as it comes in; {@code s} sorts by severity (worst first) or back to the listing's order, Enter
 * opens the selected bucket's CORS pane.
 */
final class AuditPane implements Pane {
    private final TuiApp app;
    private final Path stateDir;
    private final List<CorsAudit.Row> rows = new ArrayList<>();
    private List<CorsAudit.Row> shown = List.of();
    private boolean bySeverity;
    private boolean running;
    private String failure;
    private int selected;
    private long generation;
    private Future<?> work;

    AuditPane(TuiApp app, Path stateDir) {
        this.app = app;
        this.stateDir = stateDir;
    }

    /** Opens the view, starting an audit the first time. */
    void open() {
        app.focus(this);
        if (rows.isEmpty() && !running) reload();
    }

    List<CorsAudit.Row> shown() {
        return shown;
    }

    boolean running() {
        return running;
    }

    @Override
    public void reload() {
        if (work != null) work.cancel(true);
        long gen = ++generation;
        rows.clear();
        shown = List.of();
        selected = 0;
        failure = null;
        running = true;
        var profile = app.session.profile();
        String name = profile == null ? "" : profile.name();
        String endpoint = profile == null ? "" : profile.endpointLabel();
        work = app.background(() -> {
            var target = new CorsAudit.Target(name, endpoint, app.session.store(), app.config.dialect(), null);
            return new CorsAudit(stateDir, CorsAudit.DEFAULT_JOBS).run(List.of(target), List.of(),
                    row -> app.post(() -> {
                        if (gen == generation) add(row);
                    }));
        }, summary -> {
            if (gen != generation) return;
            running = false;
            app.infoIfQuiet("audit: " + summary.buckets() + " buckets, " + summary.withErrors() + " with errors, "
                    + summary.failed() + " could not be read");
        }, e -> {
            if (gen != generation) return;
            running = false;
            failure = TuiApp.describe(e);
        });
    }

    private void add(CorsAudit.Row row) {
        rows.add(row);
        resort();
    }

    private void resort() {
        String keep = selected < shown.size() ? shown.get(selected).bucket() : null;
        List<CorsAudit.Row> next = new ArrayList<>(rows);
        if (bySeverity) next.sort(Comparator.comparingInt(CorsAudit.Row::severity).reversed()); // stable: listing order within a level
        shown = next;
        if (keep != null) {
            for (int i = 0; i < shown.size(); i++) if (shown.get(i).bucket().equals(keep)) selected = i;
        }
    }

    void close() {
        generation++;
        if (work != null) work.cancel(true);
    }

    @Override
    public void key(KeyStroke key) {
        int page = Math.max(1, app.rows() - 8);
        switch (key.getKeyType()) {
            case ArrowUp -> selected = Math.max(0, selected - 1);
            case ArrowDown -> selected = Math.max(0, Math.min(shown.size() - 1, selected + 1));
            case PageUp -> selected = Math.max(0, selected - page);
            case PageDown -> selected = Math.max(0, Math.min(shown.size() - 1, selected + page));
            case Home -> selected = 0;
            case End -> selected = Math.max(0, shown.size() - 1);
            case Escape -> app.browse();
            case Enter -> {
                if (selected < shown.size() && !shown.get(selected).bucket().equals("*")) app.cors.open(shown.get(selected).bucket());
            }
            case Character -> {
                if (key.isCtrlDown() || key.isAltDown()) return;
                switch (key.getCharacter()) {
                    case 'q' -> app.quit();
                    case 's' -> {
                        bySeverity = !bySeverity;
                        resort();
                    }
                    case 'r' -> reload();
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
    }

    @Override
    public String hints() {
        return " s sort by " + (bySeverity ? "name" : "severity") + "  Enter CORS pane  r audit again  Esc browse  q back";
    }

    @Override
    public void draw(Canvas c, Area a) {
        String title = "CORS audit" + (running ? " (running: " + rows.size() + " so far)" : " (" + rows.size() + " buckets)")
                + (bySeverity ? "  sorted by severity" : "");
        c.box(a.col(), a.row(), a.width(), a.rows(), title, true);
        int col = a.col() + 2, inner = a.width() - 4, row = a.row() + 1, last = a.row() + a.rows() - 2;
        if (failure != null) {
            c.text(col, row, inner, "the audit failed: " + failure + "  (r tries again)", Theme.Role.ERROR, false);
            return;
        }
        int nameW = Math.max(12, inner - 40);
        String format = "%-" + nameW + "s %-6s %5s %4s %4s %-6s %-7s";
        c.text(col, row++, inner, String.format(format, "Bucket", "CORS", "Rules", "Err", "Warn", "AnyW", "RGWver"), Theme.Role.TITLE, true);
        int visible = Math.max(1, last - row + 1);
        int top = Math.max(0, Math.min(selected - visible + 1, shown.size() - visible));
        top = Math.max(0, Math.min(top, selected));
        for (int i = top; i < shown.size() && row <= last; i++, row++) {
            CorsAudit.Row r = shown.get(i);
            String line;
            if (r.state() == CorsAudit.State.FAILED) {
                line = String.format("%-" + nameW + "s %s", Canvas.fit(r.bucket(), nameW, c.theme.ellipsis), "FAILED " + r.errorCode() + ": " + r.failure());
            } else {
                boolean set = r.state() == CorsAudit.State.SET;
                line = String.format(format, Canvas.fit(r.bucket(), nameW, c.theme.ellipsis), set ? "set" : "none", set ? r.rules() : "-",
                        r.errors(), r.warnings(), r.anyOriginWrite().isEmpty() ? "-" : "yes", r.versionDependent() ? "depends" : "-");
            }
            Theme.Role role = i == selected ? Theme.Role.SELECTED
                    : r.severity() >= 2 ? Theme.Role.ERROR : r.severity() == 1 ? Theme.Role.WARN : Theme.Role.NORMAL;
            c.text(col, row, inner, line, role, true);
        }
    }
}
