package dev.s3sh.tui;

import com.googlecode.lanterna.input.KeyStroke;

import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * One bucket document (the policy, the lifecycle configuration) of one bucket, as the shell prints
 * it, with the CORS pane's keys: {@code e} edit in $EDITOR, {@code d} delete, {@code u} undo,
 * {@code t} template. Every change goes through {@link DocumentActions} (core's safe path); the
 * text from the server is drawn through {@link Canvas}, which escapes it.
 */
final class DocumentPane implements Pane {
    /** What the pane knows of the bucket's document. */
    sealed interface State {
        record Loading() implements State {
        }

        /** The GET failed or was cancelled: one sentence why. */
        record Failed(String reason) implements State {
        }

        record None() implements State {
        }

        /** The document, one entry a printed line. */
        record Shown(List<String> lines) implements State {
        }
    }

    private final TuiApp app;
    private final DocumentActions actions;
    private String bucket;
    private State state = new State.Loading();
    private long generation;   // bumped by each load: a late answer for an older load is dropped
    private int top;           // the first line on screen

    DocumentPane(TuiApp app, DocumentActions actions) {
        this.app = app;
        this.actions = actions;
    }

    String title() {
        return actions.title();
    }

    String bucket() {
        return bucket;
    }

    State state() {
        return state;
    }

    /** Shows {@code b}'s document, reading it unless it is already here. */
    void open(String b) {
        app.focus(this);
        if (!b.equals(bucket) || !(state instanceof State.Shown || state instanceof State.None)) load(b);
    }

    void load(String b) {
        bucket = b;
        state = new State.Loading();
        top = 0;
        long gen = ++generation;
        app.start("reading the " + actions.noun() + " of s3://" + b, () -> actions.show(b), found -> {
            if (gen != generation) return;
            state = found.<State>map(text -> new State.Shown(text.lines().toList())).orElseGet(State.None::new);
        }, failure -> {
            if (gen != generation) return;
            state = new State.Failed(failure instanceof CancellationException
                    ? "reading it was cancelled; Ctrl-R reads it again" : TuiApp.describe(failure));
        });
    }

    /** A change; null when the user backed out before anything was asked of the service. */
    private interface Call {
        dev.s3sh.app.DocumentOutcome<?> run(String bucket, CorsUi ui) throws Exception;
    }

    private void act(String label, Call call) {
        String b = bucket;
        if (b == null) return;
        app.change(label, b, () -> call.run(b, app.corsUi()), () -> {
            app.details.forget(b);
            load(b);
        });
    }

    @Override
    public void key(KeyStroke key) {
        int lines = state instanceof State.Shown s ? s.lines().size() : 0;
        int page = Math.max(1, app.rows() - 6);
        switch (key.getKeyType()) {
            case ArrowUp -> top = Math.max(0, top - 1);
            case ArrowDown -> top = Math.max(0, Math.min(lines - 1, top + 1));
            case PageUp -> top = Math.max(0, top - page);
            case PageDown -> top = Math.max(0, Math.min(lines - 1, top + page));
            case Home -> top = 0;
            case End -> top = Math.max(0, lines - page);
            case Escape -> app.browse();
            case Character -> {
                if (key.isCtrlDown() || key.isAltDown()) return;
                String noun = actions.noun();
                switch (key.getCharacter()) {
                    case 'q' -> app.quit();
                    case 'e' -> act("editing the " + noun + " of", actions::edit);
                    case 'd' -> act("deleting the " + noun + " of", actions::delete);
                    case 'u' -> act("undoing the last " + noun + " change on", actions::undo);
                    case 't' -> act("applying a template to", (b, ui) -> {
                        String name = ui.choose("Template for s3://" + b, actions.templates());
                        return name == null ? null : actions.applyTemplate(b, name, ui);
                    });
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

    @Override
    public String hints() {
        return " e edit  d delete  u undo  t template  r reload  Esc browse  ? help  q back";
    }

    @Override
    public void draw(Canvas c, Area a) {
        c.box(a.col(), a.row(), a.width(), a.rows(), actions.title() + " of s3://" + (bucket == null ? "?" : bucket), true);
        int col = a.col() + 2, inner = a.width() - 4, row = a.row() + 1, last = a.row() + a.rows() - 2;
        if (state instanceof State.Shown s) {
            for (int i = top; i < s.lines().size() && row <= last; i++) c.text(col, row++, inner, s.lines().get(i), Theme.Role.NORMAL, false);
        } else if (state instanceof State.Failed f) {
            for (String line : Canvas.wrap("The " + actions.noun() + " could not be read: " + f.reason(), inner)) {
                if (row > last) break;
                c.text(col, row++, inner, line, Theme.Role.ERROR, false);
            }
            if (row <= last) c.text(col, row, inner, "Ctrl-R tries again, Esc goes back to the browser.", Theme.Role.DIM, false);
        } else if (state instanceof State.None) {
            c.text(col, row, inner, "s3://" + bucket + " has no " + actions.noun() + ".", Theme.Role.NORMAL, false);
            c.text(col, row + 1, inner, "e writes one in your editor, t applies a template.", Theme.Role.DIM, false);
        } else {
            c.text(col, row, inner, "loading" + c.theme.ellipsis + "  (Esc cancels)", Theme.Role.DIM, false);
        }
    }
}
