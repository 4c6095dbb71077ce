package dev.s3sh.tui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsMatrix;
import dev.s3sh.text.TerminalText;

import java.util.List;

/**
 * The CORS pane's bucket as a grid of preflight verdicts, origin × method ({@link CorsMatrix}): the
 * rules the CORS pane already read, evaluated here (no request). {@code r} shows the deciding rules.
 */
final class MatrixPane implements Pane {
    private final TuiApp app;
    private String bucket;
    private CorsMatrix matrix;
    private boolean rules;
    private int first;

    MatrixPane(TuiApp app) {
        this.app = app;
    }

    /** Shows the grid of {@code config} (null: the bucket has none). */
    void open(String b, CorsConfiguration config) {
        bucket = b;
        matrix = CorsMatrix.of(config, app.config.dialect(), CorsMatrix.origins(config), CorsMatrix.METHODS, List.of());
        first = 0;
        app.focus(this);
    }

    CorsMatrix matrix() {
        return matrix;
    }

    @Override
    public void key(KeyStroke key) {
        switch (key.getKeyType()) {
            case ArrowUp -> first = Math.max(0, first - 1);
            case ArrowDown -> first = Math.min(Math.max(0, matrix == null ? 0 : matrix.origins().size() - 1), first + 1);
            case Escape -> app.openCors();
            case Character -> {
                if (key.isCtrlDown() || key.isAltDown()) return;
                switch (key.getCharacter()) {
                    case 'q' -> app.quit();
                    case 'r' -> rules = !rules;
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void draw(Canvas c, Area a) {
        c.box(a.col(), a.row(), a.width(), a.rows(), "Grid of s3://" + (bucket == null ? "?" : bucket) + "  (" + app.config.dialect().id()
                + ", preflight)", true);
        int col = a.col() + 2, inner = a.width() - 4, row = a.row() + 1, last = a.row() + a.rows() - 2;
        if (matrix == null) {
            c.text(col, row, inner, "open a bucket's CORS pane (F3), then press m", Theme.Role.DIM, false);
            return;
        }
        int cellW = 7;
        int originW = Math.max(10, Math.min(inner - cellW * matrix.methods().size(),
                matrix.origins().stream().mapToInt(o -> TerminalText.visible(o).length()).max().orElse(10) + 1));
        c.text(col, row, originW, "Origin", Theme.Role.TITLE, true);
        for (int k = 0; k < matrix.methods().size(); k++) {
            c.text(col + originW + k * cellW, row, cellW, matrix.methods().get(k), Theme.Role.TITLE, true);
        }
        row++;
        for (int o = first; o < matrix.origins().size() && row <= last - 1; o++, row++) {
            c.text(col, row, originW, Canvas.fit(matrix.origins().get(o), originW - 1, c.theme.ellipsis), Theme.Role.NORMAL, true);
            for (int k = 0; k < matrix.methods().size(); k++) {
                CorsMatrix.Cell cell = matrix.cell(o, k);
                String text = (cell.allowed() ? "+" : "-") + (rules && cell.rule() != null ? " r" + cell.rule() : "");
                c.text(col + originW + k * cellW, row, cellW, text, cell.allowed() ? Theme.Role.OK : Theme.Role.ERROR, true);
            }
        }
        c.text(col, last, inner, "+ allowed  - denied" + (rules ? "  rN deciding rule" : ""), Theme.Role.DIM, false);
    }

    @Override
    public String hints() {
        return " r rules on/off  Up/Down scroll  Esc CORS pane  q back";
    }

    @Override
    public void reload() {
        app.openCors();
    }
}
