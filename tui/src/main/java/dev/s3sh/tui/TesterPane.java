package dev.s3sh.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.KeyStroke;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDecision;
import dev.s3sh.cors.CorsEvaluator;
import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.text.TerminalText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The preflight tester: a small form (origin, method, headers), the evaluator's verdict on the
 * bucket's rules and, with F5, the live endpoint's answer beside it. The evaluation runs as the
 * host's task, off the screen thread, so a large configuration cannot freeze the screen.
 */
final class TesterPane implements Pane {
    private static final String[] FIELD_NAMES = {"Origin", "Method", "Headers"};

    private final TuiApp app;
    private final String[] fields = {"https://www.example.com", "GET", ""};
    private int field;
    private String bucket;
    private CorsDecision decision;
    private CorsActions.ProbeResult probe;
    private String probeError;
    private TerminalPosition cursor;

    TesterPane(TuiApp app) {
        this.app = app;
    }

    /** Tests {@code b}: its rules are read if they are not here yet. */
    void open(String b) {
        if (!b.equals(bucket)) {
            decision = null;
            probe = null;
            probeError = null;
            bucket = b;
        }
        app.focus(this);
        app.cors.need(b);
    }

    /** Fills the form from a rule (Enter in the CORS pane). */
    void prefill(CorsRule r) {
        fields[0] = r.allowedOrigins().isEmpty() ? "" : r.allowedOrigins().get(0).replace("*", "app");
        fields[1] = r.allowedMethods().isEmpty() ? "GET" : r.allowedMethods().get(0);
        fields[2] = "";
    }

    /** The CORS pane has read new rules: a verdict on screen is evaluated again. */
    void rulesChanged() {
        if (app.focused(this) && decision != null) evaluate(false);
    }

    @Override
    public boolean typing() {
        return true;
    }

    @Override
    public void key(KeyStroke key) {
        switch (key.getKeyType()) {
            case ArrowUp -> field = (field + FIELD_NAMES.length - 1) % FIELD_NAMES.length;
            case ArrowDown -> field = (field + 1) % FIELD_NAMES.length;
            case Escape -> app.browse();
            case Enter -> evaluate(false);
            case F5 -> evaluate(true);
            case Backspace -> {
                if (!fields[field].isEmpty()) fields[field] = fields[field].substring(0, fields[field].length() - 1);
            }
            case Character -> {
                if (key.isCtrlDown() || key.isAltDown()) return;
                if (key.getCharacter() >= ' ') fields[field] += key.getCharacter();
            }
            default -> {
            }
        }
    }

    @Override
    public void reload() {
        if (app.cors.bucket() != null) app.cors.load(app.cors.bucket());
    }

    private CorsRequest request() {
        List<String> headers = Arrays.stream(fields[2].split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String origin = fields[0].trim().isEmpty() ? null : fields[0].trim();
        String method = fields[1].trim().isEmpty() ? null : fields[1].trim();
        return CorsRequest.preflight(origin, method, headers);
    }

    private void evaluate(boolean live) {
        CorsConfiguration rules;
        CorsPane.State state = app.cors.state();
        if (state instanceof CorsPane.State.Rules r) rules = r.config();
        else if (state instanceof CorsPane.State.None) rules = null;
        else if (state instanceof CorsPane.State.Failed f) {
            app.error("nothing to evaluate: the CORS configuration of s3://" + bucket + " could not be read (" + f.reason() + ")");
            return;
        } else {
            app.error("the CORS configuration of s3://" + bucket + " is still loading");
            return;
        }
        CorsRequest request = request();
        String b = bucket;
        var dialect = app.config.dialect();
        app.start("evaluating the preflight against the rules of s3://" + b, () -> CorsEvaluator.evaluate(rules, dialect, request), d -> {
            decision = d;
            app.info("evaluated: " + (d.allowed() ? "allowed" : "denied") + " (" + dialect.id() + " semantics)");
            if (!live) return;
            probe = null;
            probeError = null;
            app.cors.probe(b, request, result -> {
                probe = result;
                boolean agree = result.allowed() == decision.allowed() && result.status() == decision.status();
                app.info("live probe: HTTP " + result.status() + (agree ? ", agrees with the evaluator" : ", differs from the evaluator"));
            }, failure -> probeError = TuiApp.describe(failure));
        }, e -> { });
    }

    @Override
    public String hints() {
        return " Up/Down field  Enter evaluate  F5 + live probe  Esc browse  F1 help  F10 back";
    }

    @Override
    public TerminalPosition cursor() {
        return cursor;
    }

    @Override
    public void draw(Canvas c, Area a) {
        int w = a.width(), top = a.row();
        String target = bucket == null ? "?" : bucket;
        c.box(a.col(), top, w, a.rows(), "Preflight tester: s3://" + target + "  (" + app.config.dialect().id() + " semantics)", true);
        int row = top + 1, inner = w - 4;
        CorsPane.State state = app.cors.state();
        String rulesNote = state instanceof CorsPane.State.Rules r ? r.config().rules().size() + " rules loaded"
                : state instanceof CorsPane.State.None ? "no CORS configuration on the bucket"
                : state instanceof CorsPane.State.Failed ? "the configuration could not be read"
                : "configuration loading" + c.theme.ellipsis;
        c.text(2, row++, inner, "OPTIONS s3://" + target + "/   (" + rulesNote + ")", Theme.Role.DIM, false);
        cursor = null;
        for (int i = 0; i < FIELD_NAMES.length; i++) {
            String label = String.format("%-8s ", FIELD_NAMES[i] + ":");
            c.text(2, row, label.length(), label, i == field ? Theme.Role.TITLE : Theme.Role.NORMAL, false);
            int fw = inner - label.length();
            String value = TerminalText.visible(fields[i]);
            String shown = value.length() >= fw ? value.substring(value.length() - fw + 1) : value;
            c.text(2 + label.length(), row, fw, shown, i == field ? Theme.Role.SELECTED : Theme.Role.SELECTED_IDLE, true);
            if (i == field) cursor = new TerminalPosition(2 + label.length() + shown.length(), row);
            row++;
        }
        row++;
        int bottom = top + a.rows() - 1;
        int half = probe != null || probeError != null ? w / 2 : w;
        List<String> left = new ArrayList<>();
        if (decision == null) {
            left.add("Enter evaluates this preflight with the bucket's rules;");
            left.add("F5 also sends it to the live endpoint and shows both.");
        } else {
            left.add("Evaluator: " + (decision.allowed() ? "ALLOWED" + (decision.rule() == null ? "" : " by rule " + decision.rule())
                    : "DENIED") + ", HTTP " + decision.status() + (decision.errorCode() == null ? "" : " " + decision.errorCode()));
            left.add(decision.reason());
            decision.headers().forEach((k, v) -> left.add("  " + k + ": " + v));
            for (String step : decision.explanation()) left.add("- " + step);
            if (decision.suggestion() != null) left.add("Try: " + decision.suggestion());
        }
        drawColumn(c, 1, row, half - 1, bottom - row, left);
        if (half < w) {
            List<String> right = new ArrayList<>();
            if (probe != null) {
                right.add("Live probe: " + (probe.allowed() ? "ALLOWED" : "DENIED") + ", HTTP " + probe.status());
                boolean agree = decision != null && probe.allowed() == decision.allowed() && probe.status() == decision.status();
                right.add(agree ? "agrees with the evaluator" : "DIFFERS from the evaluator");
                probe.headers().forEach((k, v) -> right.add("  " + k + ": " + v));
                right.add(probe.url());
            } else {
                right.add("Live probe failed:");
                right.add(probeError);
            }
            drawColumn(c, half, row, w - half - 1, bottom - row, right);
        }
    }

    private static void drawColumn(Canvas c, int col, int row, int width, int rows, List<String> lines) {
        int r = 0;
        for (String line : lines) {
            for (String wrapped : Canvas.wrap(line, width - 2)) {
                if (r >= rows) return;
                Theme.Role role = Theme.Role.NORMAL;
                if (wrapped.contains("ALLOWED")) role = Theme.Role.OK;
                if (wrapped.contains("DENIED") || wrapped.startsWith("DIFFERS") || wrapped.startsWith("Live probe failed")) role = Theme.Role.ERROR;
                c.text(col + 1, row + r++, width - 2, wrapped, role, false);
            }
        }
    }
}
