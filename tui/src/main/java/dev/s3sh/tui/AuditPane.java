package dev.s3sh.tui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.s3sh.app.CorsAudit;
import dev.s3sh.app.CorsBatch;
import dev.s3sh.config.Profile;
import dev.s3sh.cors.Dialect;
import dev.s3sh.store.ObjectStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * The audit view: {@link CorsAudit} over every bucket of the session's profile, one line per bucket
 * as it comes in; {@code s} sorts by severity (worst first) or back to the listing's order, Enter
 * opens the selected bucket's CORS pane. Space marks a bucket ({@code *} all, {@code g} by glob);
 * {@code a} puts a file or a template on the marked buckets the way {@code cors apply} does (the
 * plan in the one confirmation, progress, a report per bucket), {@code u} undoes a recorded batch.
 * {@code p} audits other profiles too, as {@code cors audit --profiles} (or {@code *}: every one);
 * apply and undo stay on the session's profile.
 */
final class AuditPane implements Pane {
    private static final String A_FILE = "a CORS file...";
    private static final String TEMPLATE = "template ";
    private final TuiApp app;
    private final Path stateDir;
    private final CorsBatchActions batch;
    /** Marked rows, by {@link #key}. */
    private final Set<String> marked = new LinkedHashSet<>();
    /** The profiles audited; empty: the session's own. */
    private List<String> profiles = List.of();
    /** Stores opened for other profiles: closed when the view audits again or closes. */
    private final List<ObjectStore> opened = Collections.synchronizedList(new ArrayList<>());
    private final List<CorsAudit.Row> rows = new ArrayList<>();
    private List<CorsAudit.Row> shown = List.of();
    private boolean bySeverity;
    private boolean running;
    private String failure;
    private int selected;
    private long generation;
    private Future<?> work;

    AuditPane(TuiApp app, Path stateDir, CorsBatchActions batch) {
        this.app = app;
        this.stateDir = stateDir;
        this.batch = batch;
    }

    /** Opens the view, starting an audit the first time. */
    void open() {
        app.focus(this);
        if (rows.isEmpty() && !running) reload();
    }

    List<CorsAudit.Row> shown() {
        return shown;
    }

    /** The marked buckets' names. */
    Set<String> marked() {
        return Set.copyOf(marked.stream().map(k -> k.substring(k.indexOf('\n') + 1)).toList());
    }

    private static String key(CorsAudit.Row r) {
        return r.profile() + "\n" + r.bucket();
    }

    private String ownProfile() {
        var own = app.session.profile();
        return own == null ? "" : own.name();
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
        closeOpened();
        List<String> names = profiles;
        work = app.background(() -> new CorsAudit(stateDir, CorsAudit.DEFAULT_JOBS).run(targets(names), List.of(),
                row -> app.post(() -> {
                    if (gen == generation) add(row);
                })), summary -> {
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

    /** The session's profile, or the named ones (each its own store); one that cannot be used is a target saying why. */
    private List<CorsAudit.Target> targets(List<String> names) {
        var own = app.session.profile();
        CorsAudit.Target session = new CorsAudit.Target(ownProfile(), own == null ? "" : own.endpointLabel(), app.session.store(),
                app.config.dialect(), null);
        if (names.isEmpty()) return List.of(session);
        List<String> all = names.equals(List.of("*")) ? app.session.catalog().list().stream().map(e -> e.name()).toList() : names;
        List<CorsAudit.Target> out = new ArrayList<>();
        for (String name : all) {
            if (name.equals(ownProfile())) {
                out.add(session);
                continue;
            }
            try {
                Profile p = app.session.catalog().load(name).profile();
                if (!p.hasCredentials()) {
                    out.add(CorsAudit.Target.unusable(name, "profile " + name + " has no credentials"));
                    continue;
                }
                ObjectStore store = app.session.openStore(p);
                opened.add(store);
                out.add(new CorsAudit.Target(name, p.endpointLabel(), store, Dialect.of(p.effectiveDialect()), null));
            } catch (RuntimeException e) {
                out.add(CorsAudit.Target.unusable(name, "cannot use profile " + name + ": " + e.getMessage()));
            }
        }
        return out;
    }

    private void closeOpened() {
        List<ObjectStore> stores;
        synchronized (opened) {
            stores = List.copyOf(opened);
            opened.clear();
        }
        for (ObjectStore store : stores) {
            try {
                store.close();
            } catch (RuntimeException ignored) {
                // an audit that was cancelled may still hold it; nothing to tell
            }
        }
    }

    private void chooseProfiles() {
        app.start("choosing profiles", () -> app.corsUi().input("Profiles to audit, comma-separated (* every profile; empty: this session's)",
                String.join(",", profiles)), answer -> {
            if (answer == null) return;
            profiles = java.util.Arrays.stream(answer.split(",")).map(String::strip).filter(n -> !n.isEmpty()).distinct().toList();
            marked.clear();
            reload();
        }, e -> { });
    }

    private void add(CorsAudit.Row row) {
        rows.add(row);
        resort();
    }

    private void resort() {
        String keep = selected < shown.size() ? key(shown.get(selected)) : null;
        List<CorsAudit.Row> next = new ArrayList<>(rows);
        if (bySeverity) next.sort(Comparator.comparingInt(CorsAudit.Row::severity).reversed()); // stable: listing order within a level
        shown = next;
        if (keep != null) {
            for (int i = 0; i < shown.size(); i++) if (key(shown.get(i)).equals(keep)) selected = i;
        }
    }

    // ------------------------------------------------------------ marks and batches

    private boolean markable(CorsAudit.Row r) {
        return !r.bucket().equals("*");
    }

    private void toggleSelected() {
        if (selected >= shown.size() || !markable(shown.get(selected))) return;
        String k = key(shown.get(selected));
        if (!marked.remove(k)) marked.add(k);
        selected = Math.min(shown.size() - 1, selected + 1);
    }

    private void toggleAll() {
        List<String> all = shown.stream().filter(this::markable).map(AuditPane::key).toList();
        if (marked.containsAll(all)) marked.clear();
        else marked.addAll(all);
    }

    private void markByGlob() {
        app.start("marking buckets by glob", () -> app.corsUi().input("Mark the buckets whose names match (* and ? as wildcards)", "*"), glob -> {
            if (glob == null || glob.isBlank()) return;
            Pattern p = CorsAudit.glob(glob.strip());
            int before = marked.size();
            for (CorsAudit.Row r : shown) if (markable(r) && p.matcher(r.bucket()).matches()) marked.add(key(r));
            app.info((marked.size() - before) + " more marked: " + marked.size() + " in all");
        }, e -> { });
    }

    /** The marked buckets in the order shown, else the selected one; null (said) when one is of another profile. */
    private List<String> applyTargets() {
        List<CorsAudit.Row> rows = marked.isEmpty()
                ? (selected < shown.size() && markable(shown.get(selected)) ? List.of(shown.get(selected)) : List.of())
                : shown.stream().filter(r -> marked.contains(key(r))).toList();
        if (rows.stream().anyMatch(r -> !r.profile().equals(ownProfile()))) {
            app.error("the screen applies to the session's profile (" + ownProfile() + ") only: unmark the others, or use 'cors apply --profiles' in the shell");
            return null;
        }
        return rows.stream().map(CorsAudit.Row::bucket).toList();
    }

    private boolean batchesOffered() {
        if (batch == null) app.error("this screen cannot apply to many buckets; use 'cors apply' in the shell");
        return batch != null;
    }

    private void apply() {
        if (!batchesOffered()) return;
        List<String> buckets = applyTargets();
        if (buckets == null) return;
        if (buckets.isEmpty()) {
            app.error("mark buckets first: Space marks the selected one, * all, g by glob");
            return;
        }
        String what = buckets.size() == 1 ? "s3://" + buckets.get(0) : buckets.size() + " buckets";
        app.start("applying CORS to " + what, () -> {
            CorsUi ui = app.corsUi();
            List<String> choices = new ArrayList<>();
            choices.add(A_FILE);
            for (String t : batch.templates()) choices.add(TEMPLATE + t);
            String choice = ui.choose("Put on " + what + ":", choices);
            if (choice == null) return null;
            CorsBatch.Plan plan;
            if (choice.equals(A_FILE)) {
                String file = ui.input("The CORS file (XML or JSON) to put on " + what, "");
                if (file == null || file.isBlank()) return null;
                ui.progress("planning: reading " + what);
                plan = batch.planFile(buckets, file.strip());
            } else {
                ui.progress("planning: reading " + what);
                plan = batch.planTemplate(buckets, choice.substring(TEMPLATE.length()));
            }
            return batch.run(plan, ui);
        }, this::finished, e -> { });
    }

    private void undoBatch() {
        if (!batchesOffered()) return;
        app.start("undoing a batch", () -> {
            CorsUi ui = app.corsUi();
            List<String> ids = batch.batches();
            if (ids.isEmpty()) throw new IllegalStateException("no batch is recorded on this machine yet: a applies one");
            String id = ui.choose("Undo which batch? (newest first)", ids.subList(0, Math.min(20, ids.size())));
            if (id == null) return null;
            ui.progress("planning: reading the buckets batch " + id + " changed");
            return batch.run(batch.planUndo(id), ui);
        }, this::finished, e -> { });
    }

    /** The status line says how it ended; the per-bucket report (or the plan, when nothing was pushed) opens in a dialog. */
    private void finished(CorsBatch.Outcome outcome) {
        if (outcome == null) {
            app.info("nothing applied");
            return;
        }
        String summary = BatchText.summary(outcome);
        if (outcome.succeeded()) app.info(summary);
        else app.error(summary);
        if (outcome instanceof CorsBatch.Ran ran) {
            app.corsUi().show(summary, BatchText.report(ran));
            reload();
        } else if (outcome instanceof CorsBatch.NothingToDo) {
            app.corsUi().show(summary, BatchText.plan(outcome.plan()));
        }
    }

    void close() {
        generation++;
        if (work != null) work.cancel(true);
        closeOpened();
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
                if (selected >= shown.size() || !markable(shown.get(selected))) return;
                CorsAudit.Row r = shown.get(selected);
                if (r.profile().equals(ownProfile())) app.cors.open(r.bucket());
                else app.error("the CORS pane shows the session's profile (" + ownProfile() + "): s3sh --profile " + r.profile() + " --tui opens " + r.profile());
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
                    case ' ' -> toggleSelected();
                    case '*' -> toggleAll();
                    case 'g' -> markByGlob();
                    case 'a' -> apply();
                    case 'u' -> undoBatch();
                    case 'p' -> chooseProfiles();
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
        return " s sort  Space mark  * all  g glob  a apply  u undo batch  p profiles  Enter CORS  r again  q back";
    }

    @Override
    public void draw(Canvas c, Area a) {
        String title = "CORS audit" + (running ? " (running: " + rows.size() + " so far)" : " (" + rows.size() + " buckets)")
                + (profiles.isEmpty() ? "" : "  profiles " + String.join(",", profiles))
                + (marked.isEmpty() ? "" : "  " + marked.size() + " marked") + (bySeverity ? "  sorted by severity" : "");
        c.box(a.col(), a.row(), a.width(), a.rows(), title, true);
        int col = a.col() + 2, inner = a.width() - 4, row = a.row() + 1, last = a.row() + a.rows() - 2;
        if (failure != null) {
            c.text(col, row, inner, "the audit failed: " + failure + "  (r tries again)", Theme.Role.ERROR, false);
            return;
        }
        int nameW = Math.max(12, inner - 58);
        String format = "%s %-" + nameW + "s %-6s %5s %4s %4s %-6s %-7s %-15s";
        c.text(col, row++, inner, String.format(format, " ", "Bucket", "CORS", "Rules", "Err", "Warn", "AnyW", "RGWver", "Public"),
                Theme.Role.TITLE, true);
        int visible = Math.max(1, last - row + 1);
        int top = Math.max(0, Math.min(selected - visible + 1, shown.size() - visible));
        top = Math.max(0, Math.min(top, selected));
        for (int i = top; i < shown.size() && row <= last; i++, row++) {
            CorsAudit.Row r = shown.get(i);
            String line;
            String mark = marked.contains(key(r)) ? "*" : " ";
            String name = profiles.isEmpty() ? r.bucket() : "[" + r.profile() + "] " + r.bucket();
            if (r.state() == CorsAudit.State.FAILED) {
                line = String.format("%s %-" + nameW + "s %s", mark, Canvas.fit(name, nameW, c.theme.ellipsis),
                        "FAILED " + r.errorCode() + ": " + r.failure());
            } else {
                boolean set = r.state() == CorsAudit.State.SET;
                line = String.format(format, mark, Canvas.fit(name, nameW, c.theme.ellipsis), set ? "set" : "none", set ? r.rules() : "-",
                        r.errors(), r.warnings(), r.anyOriginWrite().isEmpty() ? "-" : "yes", r.versionDependent() ? "depends" : "-",
                        publicSummary(r));
            }
            Theme.Role role = i == selected ? Theme.Role.SELECTED
                    : r.severity() >= 2 ? Theme.Role.ERROR : r.severity() == 1 ? Theme.Role.WARN : Theme.Role.NORMAL;
            c.text(col, row, inner, line, role, true);
        }
    }

    /** What anyone may do ("read,write,list", "-" nothing); "?" when the ACL or the policy could not be read. */
    static String publicSummary(CorsAudit.Row r) {
        return r.open() == null ? "?" : r.open().summary();
    }
}
