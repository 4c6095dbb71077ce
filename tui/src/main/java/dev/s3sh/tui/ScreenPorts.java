package dev.s3sh.tui;

import dev.s3sh.app.FrontEndPorts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A service's ports on the screen (CORS's and the documents'): what the service tells is kept until
 * the next question, which shows it as its detail; a kept edit is shown at once; the editor is the
 * screen's.
 */
final class ScreenPorts<N> implements FrontEndPorts<N> {
    private final CorsUi ui;
    private final String editTitle;
    private final Function<N, List<String>> lines;
    private final Predicate<N> reopening;
    private final Predicate<N> editKept;
    private final List<String> detail = new ArrayList<>();

    /** {@code lines}: the notice's one wording; {@code reopening}, {@code editKept}: the notices of an edit loop. */
    ScreenPorts(CorsUi ui, String editTitle, Function<N, List<String>> lines, Predicate<N> reopening, Predicate<N> editKept) {
        this.ui = ui;
        this.editTitle = editTitle;
        this.lines = lines;
        this.reopening = reopening;
        this.editKept = editKept;
    }

    @Override
    public void tell(N notice) {
        if (reopening.test(notice)) {
            detail.clear(); // the reopened file holds the problems; the dialog would only repeat them
        } else if (editKept.test(notice)) {
            ui.show(editTitle, lines.apply(notice));
        } else {
            detail.addAll(lines.apply(notice));
        }
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public boolean confirm(String question) {
        List<String> shown = List.copyOf(detail);
        detail.clear();
        try {
            return ui.confirm(question, shown);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void editFile(Path file) throws Exception {
        ui.editFile(file);
    }
}
