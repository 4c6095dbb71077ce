package dev.s3sh.tui;

import dev.s3sh.app.CorsOutcome;

import com.googlecode.lanterna.input.KeyStroke;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsLinter;
import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsWarning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The CORS configuration of one bucket: its rules as a table with lint marks, the selected rule and
 * what the linter says. Every call to {@link CorsActions} is made here (the tester's live probe
 * too), so the port can change in one place.
 *
 * <p>The GET runs as the host's task (Esc cancels it); the lint runs after it on its own thread
 * and the table is shown without waiting for it, so a configuration of thousands of rules never
 * holds the screen. Drawing touches only the rows on screen.
 */
final class CorsPane implements Pane {
    /** What the pane knows of the bucket's configuration. */
    sealed interface State {
        /** The GET is running. */
        record Loading() implements State {
        }

        /** The GET failed or was cancelled: one sentence why. */
        record Failed(String reason) implements State {
        }

        /** The bucket has no CORS configuration. */
        record None() implements State {
        }

        record Rules(CorsConfiguration config) implements State {
        }
    }

    /** What the linter said, by rule; {@code done} is false while it runs. */
    record Lint(boolean done, Map<Integer, List<CorsWarning>> byRule, List<CorsWarning> all, String failure) {
        static final Lint RUNNING = new Lint(false, Map.of(), List.of(), null);

        static Lint of(List<CorsWarning> warnings) {
            Map<Integer, List<CorsWarning>> byRule = new HashMap<>();
            for (CorsWarning w : warnings) byRule.computeIfAbsent(w.rule(), r -> new ArrayList<>()).add(w);
            return new Lint(true, byRule, List.copyOf(warnings), null);
        }
    }

    private final TuiApp app;
    private final CorsActions actions;
    private Function<CorsConfiguration, List<CorsWarning>> linter;

    private String bucket;
    private State state = new State.Loading();
    private Lint lint = Lint.RUNNING;
    private long generation;          // bumped by each load: a late lint of older rules is dropped
    private Future<?> linting;
    private int selected;

    CorsPane(TuiApp app, CorsActions actions) {
        this.app = app;
        this.actions = actions;
        this.linter = c -> CorsLinter.lint(c, app.config.dialect());
    }

    /** For tests: a linter they can hold, to show the screen does not wait for it. */
    void linter(Function<CorsConfiguration, List<CorsWarning>> linter) {
        this.linter = linter;
    }

    String bucket() {
        return bucket;
    }

    State state() {
        return state;
    }

    /** Shows {@code b}'s configuration, reading it unless it is already here. */
    void open(String b) {
        app.focus(this);
        if (!b.equals(bucket) || !(state instanceof State.Rules || state instanceof State.None)) {
            selected = 0;
            load(b);
        }
    }

    /** Makes sure {@code b}'s rules are here or coming (for the tester), without taking the focus. */
    void need(String b) {
        if (!b.equals(bucket) || state instanceof State.Failed) {
            selected = 0;
            load(b);
        }
    }

    void load(String b) {
        bucket = b;
        state = new State.Loading();
        lint = Lint.RUNNING;
        long gen = ++generation;
        if (linting != null) linting.cancel(true);
        app.start("reading the CORS configuration of s3://" + b, () -> app.session.store().getCors(b), found -> {
            if (gen != generation) return;
            state = found.<State>map(State.Rules::new).orElseGet(State.None::new);
            selected = Math.min(selected, Math.max(0, found.map(c -> c.rules().size()).orElse(0) - 1));
            found.ifPresentOrElse(this::lint, () -> lint = Lint.of(List.of()));
            app.tester.rulesChanged();
        }, failure -> {
            if (gen != generation) return;
            state = new State.Failed(failure instanceof CancellationException
                    ? "reading it was cancelled; Ctrl-R reads it again"
                    : TuiApp.describe(failure));
        });
    }

    private void lint(CorsConfiguration config) {
        long gen = generation;
        linting = app.background(() -> Lint.of(linter.apply(config)), result -> {
            if (gen == generation) lint = result;
        }, failure -> {
            if (gen == generation) lint = new Lint(true, Map.of(), List.of(), TuiApp.describe(failure));
        });
    }

    /** Stops a lint nobody will look at any more. */
    void close() {
        generation++;
        if (linting != null) linting.cancel(true);
    }

    // ------------------------------------------------------------ the calls to CorsActions

    /** A CORS action; null when the user backed out before anything was asked of the service. */
    private interface Call {
        CorsOutcome run(String bucket, CorsUi ui) throws Exception;
    }

    private void act(String label, Call call) {
        String b = bucket;
        if (b == null) return;
        app.change(label, b, () -> call.run(b, app.corsUi()), () -> {
            app.details.forget(b);
            load(b);
        });
    }

    private void edit() {
        act("editing CORS of", actions::edit);
    }

    private void delete() {
        act("deleting CORS of", actions::delete);
    }

    private void undo() {
        act("undoing the last CORS change on", actions::undo);
    }

    private void template() {
        act("applying a template to", (b, ui) -> {
            String name = ui.choose("Template for s3://" + b, actions.templates());
            if (name == null) return null;
            return actions.applyTemplate(b, name, ui);
        });
    }

    /** The tester's live probe: sent on the host's worker, cancellable like any task. */
    void probe(String b, CorsRequest request, java.util.function.Consumer<CorsActions.ProbeResult> done,
               java.util.function.Consumer<Throwable> failed) {
        app.start("probing s3://" + b + " live", () -> actions.probe(b, request), done, failed);
    }

    // ------------------------------------------------------------ keys

    private int ruleCount() {
        return state instanceof State.Rules r ? r.config().rules().size() : 0;
    }

    @Override
    public void key(KeyStroke key) {
        switch (key.getKeyType()) {
            case ArrowUp -> selected = Math.max(0, selected - 1);
            case ArrowDown -> selected = Math.max(0, Math.min(ruleCount() - 1, selected + 1));
            case PageUp -> selected = Math.max(0, selected - Math.max(1, app.rows() / 4));
            case PageDown -> selected = Math.max(0, Math.min(ruleCount() - 1, selected + Math.max(1, app.rows() / 4)));
            case Home -> selected = 0;
            case End -> selected = Math.max(0, ruleCount() - 1);
            case Escape -> app.browse();
            case Enter -> {
                if (state instanceof State.Rules r && !r.config().rules().isEmpty()) app.tester.prefill(r.config().rules().get(selected));
                app.openTester();
            }
            case Character -> {
                if (key.isCtrlDown() || key.isAltDown()) return;
                switch (key.getCharacter()) {
                    case 'q' -> app.quit();
                    case 'e' -> edit();
                    case 'd' -> delete();
                    case 'u' -> undo();
                    case 't' -> template();
                    case 'm' -> openMatrix();
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
    public void reload() {
        if (bucket != null) load(bucket);
    }

    /** The grid of the rules on screen; nothing to draw until they are read. */
    private void openMatrix() {
        if (state instanceof State.Rules r) app.matrix.open(bucket, r.config());
        else if (state instanceof State.None) app.matrix.open(bucket, null);
        else app.error("the rules are not here yet: wait for them or press Ctrl-R");
    }

    @Override
    public String hints() {
        return " e edit  d delete  u undo  t template  m grid  Enter test  Esc browse  ? help  q back";
    }

    // ------------------------------------------------------------ drawing

    @Override
    public void draw(Canvas c, Area a) {
        int w = a.width();
        String title = "CORS of s3://" + (bucket == null ? "?" : bucket) + "  (" + app.config.dialect().id() + " semantics)";
        c.box(a.col(), a.row(), w, a.rows(), title, true);
        int col = a.col() + 2, inner = w - 4, row = a.row() + 1, last = a.row() + a.rows() - 2;
        String ellipsis = c.theme.ellipsis;
        if (state instanceof State.Rules r) {
            drawRules(c, r.config().rules(), col, row, inner, last, ellipsis);
        } else if (state instanceof State.Failed f) {
            for (String line : Canvas.wrap("The CORS configuration could not be read: " + f.reason(), inner)) {
                if (row > last) break;
                c.text(col, row++, inner, line, Theme.Role.ERROR, false);
            }
            if (row <= last) c.text(col, row, inner, "Ctrl-R tries again, Esc goes back to the browser.", Theme.Role.DIM, false);
        } else if (state instanceof State.None) {
            c.text(col, row, inner, "no CORS configuration: browsers get no CORS headers from this bucket.", Theme.Role.NORMAL, false);
            c.text(col, row + 1, inner, "e writes one in your editor, t applies a template.", Theme.Role.DIM, false);
        } else {
            c.text(col, row, inner, "loading" + ellipsis + "  (Esc cancels)", Theme.Role.DIM, false);
        }
    }

    private void drawRules(Canvas c, List<CorsRule> rules, int col, int row, int inner, int last, String ellipsis) {
        int methodsW = Math.max(8, inner / 5), originsW = Math.max(14, inner * 3 / 10), ageW = 7;
        int headersW = Math.max(8, inner - 4 - 3 - methodsW - originsW - ageW - 4);
        String format = "%-3s %-3s %-" + methodsW + "s %-" + originsW + "s %-" + headersW + "s %s";
        c.text(col, row++, inner, String.format(format, "#", "lnt", "Methods", "Origins", "Headers", "MaxAge"), Theme.Role.TITLE, true);
        int tableRows = Math.max(1, Math.min(rules.size(), (last - row + 1) / 2));
        int first = Math.max(0, Math.min(selected - tableRows + 1, rules.size() - tableRows));
        first = Math.max(0, Math.min(first, selected));
        for (int i = first; i < rules.size() && i < first + tableRows; i++) {
            CorsRule r = rules.get(i);
            String mark = lintMark(i + 1);
            String line = String.format(format, i + 1, mark,
                    Canvas.fit(String.join(",", r.allowedMethods()), methodsW, ellipsis),
                    Canvas.fit(String.join(" ", r.allowedOrigins()), originsW, ellipsis),
                    Canvas.fit(r.allowedHeaders().isEmpty() ? "-" : String.join(",", r.allowedHeaders()), headersW, ellipsis),
                    r.maxAge() == null ? "-" : r.maxAge().toString());
            Theme.Role role = i == selected ? Theme.Role.SELECTED : mark.contains("!") ? Theme.Role.WARN : Theme.Role.NORMAL;
            c.text(col, row++, inner, line, role, true);
        }
        row++;
        if (selected >= rules.size() || row > last) return;
        CorsRule r = rules.get(selected);
        List<String> lines = new ArrayList<>();
        lines.add("Rule " + (selected + 1) + (r.id() == null ? "" : " \"" + r.id() + "\"") + ": "
                + String.join(",", r.allowedMethods()) + " from " + String.join(" ", r.allowedOrigins()));
        if (!r.allowedHeaders().isEmpty()) lines.add("  headers: " + String.join(", ", r.allowedHeaders()));
        if (!r.exposeHeaders().isEmpty()) lines.add("  exposes: " + String.join(", ", r.exposeHeaders()));
        int room = last - row + 1;
        if (!lint.done()) lines.add("lint running" + ellipsis);
        else if (lint.failure() != null) lines.add("lint failed: " + lint.failure());
        else if (lint.all().isEmpty()) lines.add("lint: nothing to report");
        else {
            // the selected rule's warnings first, then the others, only as many as the pane can show
            List<CorsWarning> own = lint.byRule().getOrDefault(selected + 1, List.of());
            for (CorsWarning w : own) {
                if (lines.size() > room) break;
                lines.add(warningLine(w));
            }
            for (CorsWarning w : lint.all()) {
                if (lines.size() > room) break;
                if (w.rule() != selected + 1) lines.add(warningLine(w));
            }
        }
        for (String l : lines) {
            for (String wrapped : Canvas.wrap(l, inner)) {
                if (row > last) return;
                c.text(col, row++, inner, wrapped, wrapped.startsWith("! ") ? Theme.Role.WARN : Theme.Role.NORMAL, false);
            }
        }
    }

    private static String warningLine(CorsWarning w) {
        return (w.severity() == CorsWarning.Severity.WARNING ? "! " : "i ") + "rule " + w.rule() + ": " + w.message();
    }

    private String lintMark(int rule) {
        if (!lint.done()) return "..";
        boolean warn = false, inf = false;
        for (CorsWarning w : lint.byRule().getOrDefault(rule, List.of())) {
            if (w.severity() == CorsWarning.Severity.WARNING) warn = true;
            else inf = true;
        }
        return warn ? "!" : inf ? "i" : "ok";
    }
}
