package dev.s3sh.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A box over the screen that takes the keys until it is answered or dismissed. */
abstract class Dialog {
    final String title;
    final List<String> lines;
    int scroll;

    Dialog(String title, List<String> lines) {
        this.title = title;
        this.lines = new ArrayList<>(lines);
    }

    /** Handles a key; true when the dialog is done and should close. */
    abstract boolean handle(KeyStroke key);

    /** Answers "no"/"nothing" when the dialog is closed without an answer (its task was cancelled). */
    abstract void abandon();

    abstract String footer();

    /** Extra lines after the scrollable text (a choice list). */
    List<String> options() {
        return List.of();
    }

    int selectedOption() {
        return -1;
    }

    boolean scrollKey(KeyStroke key, int page) {
        switch (key.getKeyType()) {
            case ArrowUp -> scroll = Math.max(0, scroll - 1);
            case ArrowDown -> scroll = Math.min(Math.max(0, lines.size() - 1), scroll + 1);
            case PageUp -> scroll = Math.max(0, scroll - page);
            case PageDown -> scroll = Math.min(Math.max(0, lines.size() - 1), scroll + page);
            default -> {
                return false;
            }
        }
        return true;
    }

    void draw(Canvas c) {
        drawBox(c, title, lines, scroll, options(), selectedOption(), footer());
    }

    /** A centred box: a title, scrollable text (diff lines coloured), options, a footer of keys. */
    static void drawBox(Canvas c, String title, List<String> text, int scroll, List<String> options, int selected, String footer) {
        int bw = Math.min(c.width - 2, Math.max(44, Math.min(90, c.width * 4 / 5)));
        List<String> wrappedTitle = Canvas.wrap(title, bw - 4);
        List<String> body = new ArrayList<>();
        for (String line : text) body.addAll(Canvas.wrap(line, bw - 4));
        int maxBody = Math.max(1, c.height - 6 - wrappedTitle.size() - options.size());
        int shown = Math.min(body.size(), maxBody);
        int bh = wrappedTitle.size() + shown + options.size() + 3 + (body.isEmpty() ? 0 : 1);
        int col = (c.width - bw) / 2, row = Math.max(0, (c.height - bh) / 2);
        c.fill(col, row, bw, bh, Theme.Role.DIALOG);
        c.box(col, row, bw, bh, null, true);
        int r = row + 1;
        for (String t : wrappedTitle) c.text(col + 2, r++, bw - 4, t, Theme.Role.DIALOG, false);
        if (!body.isEmpty()) r++;
        int start = Math.max(0, Math.min(scroll, body.size() - shown));
        for (int i = start; i < start + shown; i++) {
            String line = body.get(i);
            Theme.Role role = line.startsWith("+ ") ? Theme.Role.OK : line.startsWith("- ") ? Theme.Role.ERROR : Theme.Role.DIALOG;
            c.text(col + 2, r++, bw - 4, line, c.theme.color() ? role : Theme.Role.DIALOG, true);
        }
        for (int i = 0; i < options.size(); i++) {
            c.text(col + 2, r++, bw - 4, (i == selected ? "> " : "  ") + options.get(i), i == selected ? Theme.Role.SELECTED : Theme.Role.DIALOG, true);
        }
        String more = body.size() > shown ? " (" + (start + 1) + "-" + (start + shown) + " of " + body.size() + ")" : "";
        c.text(col + 2, row + bh - 1, bw - 4, " " + footer + more + " ", Theme.Role.TITLE, false);
    }

    /** Enter answers {@code value}, Esc answers null (backing out): true when either closed the dialog. */
    static boolean answered(KeyStroke key, CompletableFuture<String> answer, java.util.function.Supplier<String> value) {
        if (key.getKeyType() == KeyType.Enter) answer.complete(value.get());
        else if (key.getKeyType() == KeyType.Escape) answer.complete(null);
        else return false;
        return true;
    }

    static boolean isChar(KeyStroke key, char... chars) {
        if (key.getKeyType() != KeyType.Character || key.isCtrlDown() || key.isAltDown()) return false;
        for (char c : chars) if (key.getCharacter() == c) return true;
        return false;
    }

    /** Yes/no about a named target; the default (Enter, Esc) is no. */
    static final class Confirm extends Dialog {
        final CompletableFuture<Boolean> answer;

        Confirm(String question, List<String> detail, CompletableFuture<Boolean> answer) {
            super(question, detail);
            this.answer = answer;
        }

        @Override
        boolean handle(KeyStroke key) {
            if (isChar(key, 'y', 'Y')) {
                answer.complete(true);
                return true;
            }
            if (isChar(key, 'n', 'N', 'q') || key.getKeyType() == KeyType.Escape || key.getKeyType() == KeyType.Enter) {
                answer.complete(false);
                return true;
            }
            scrollKey(key, 10);
            return false;
        }

        @Override
        void abandon() {
            answer.complete(false);
        }

        @Override
        String footer() {
            return "y yes   n/Esc no   Up/Down scroll";
        }
    }

    /** Text to read (problems, a read-back difference, an error); Enter or Esc closes it. */
    static final class Message extends Dialog {
        Message(String title, List<String> lines) {
            super(title, lines);
        }

        @Override
        boolean handle(KeyStroke key) {
            if (key.getKeyType() == KeyType.Enter || key.getKeyType() == KeyType.Escape || isChar(key, 'q', ' ')) return true;
            scrollKey(key, 10);
            return false;
        }

        @Override
        void abandon() {
        }

        @Override
        String footer() {
            return "Enter/Esc close   Up/Down scroll";
        }
    }

    /** Picks one option; Esc backs out (null). */
    static final class Choice extends Dialog {
        final List<String> choices;
        final CompletableFuture<String> answer;
        int selected;

        Choice(String title, List<String> choices, CompletableFuture<String> answer) {
            super(title, List.of());
            this.choices = List.copyOf(choices);
            this.answer = answer;
        }

        @Override
        boolean handle(KeyStroke key) {
            if (answered(key, answer, () -> choices.isEmpty() ? null : choices.get(selected))) return true;
            switch (key.getKeyType()) {
                case ArrowUp -> selected = Math.max(0, selected - 1);
                case ArrowDown -> selected = Math.min(choices.size() - 1, selected + 1);
                default -> {
                    if (isChar(key, 'q')) {
                        answer.complete(null);
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        void abandon() {
            answer.complete(null);
        }

        @Override
        List<String> options() {
            return choices;
        }

        @Override
        int selectedOption() {
            return selected;
        }

        @Override
        String footer() {
            return "Up/Down choose   Enter apply   Esc back";
        }
    }

    /** A line of text (a file name, a glob): printable keys type, Backspace deletes, Enter gives it, Esc backs out (null). */
    static final class Input extends Dialog {
        final StringBuilder text;
        final CompletableFuture<String> answer;

        Input(String title, String initial, CompletableFuture<String> answer) {
            super(title, List.of());
            this.text = new StringBuilder(initial == null ? "" : initial);
            this.answer = answer;
        }

        @Override
        boolean handle(KeyStroke key) {
            if (answered(key, answer, text::toString)) return true;
            switch (key.getKeyType()) {
                case Backspace -> {
                    if (!text.isEmpty()) text.setLength(text.length() - 1);
                }
                case Character -> {
                    if (!key.isCtrlDown() && !key.isAltDown() && !Character.isISOControl(key.getCharacter())) text.append(key.getCharacter());
                }
                default -> {
                }
            }
            return false;
        }

        @Override
        void abandon() {
            answer.complete(null);
        }

        @Override
        List<String> options() {
            return List.of("> " + text + "_");
        }

        @Override
        String footer() {
            return "type   Enter ok   Esc back";
        }
    }
}
