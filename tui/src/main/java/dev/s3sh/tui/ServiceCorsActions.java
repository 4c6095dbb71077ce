package dev.s3sh.tui;

import dev.s3sh.app.CorsNotice;
import dev.s3sh.app.CorsOutcome;
import dev.s3sh.app.CorsService;
import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.CorsTemplates;
import dev.s3sh.session.Session;
import dev.s3sh.store.ProbeRequest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The CORS pane's actions done by core's {@link CorsService}: the same validate → diff → confirm →
 * push → verify path, history and undo as the REPL's commands. What the service tells (the diff,
 * the warnings, the problems) becomes the detail of the next dialog; the editor is the screen's.
 */
public class ServiceCorsActions implements CorsActions {
    private final Session session;
    private final Path stateDir;

    public ServiceCorsActions(Session session, Path stateDir) {
        this.session = session;
        this.stateDir = stateDir;
    }

    private CorsService service(CorsUi ui) {
        return new CorsService(session, stateDir, new ScreenPorts<>(ui, "cors edit", CorsNotice::lines,
                n -> n instanceof CorsNotice.Reopening, n -> n instanceof CorsNotice.EditKept));
    }

    @Override
    public CorsOutcome edit(String bucket, CorsUi ui) throws Exception {
        return shown(service(ui).edit(bucket, false, false), ui);
    }

    @Override
    public CorsOutcome delete(String bucket, CorsUi ui) {
        return shown(service(ui).remove(bucket, false), ui);
    }

    @Override
    public CorsOutcome undo(String bucket, CorsUi ui) throws Exception {
        return shown(service(ui).restore(bucket, 1, true, false), ui);
    }

    @Override
    public List<String> templates() {
        return CorsTemplates.all().stream().map(CorsTemplates.Template::name).toList();
    }

    @Override
    public CorsOutcome applyTemplate(String bucket, String template, CorsUi ui) {
        return shown(service(ui).applyTemplate(bucket, template, false), ui);
    }

    @Override
    public ProbeResult probe(String bucket, CorsRequest request) throws Exception {
        List<String> headers = request.requestHeaders() == null ? List.of()
                : Arrays.stream(request.requestHeaders().split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
        var answer = session.store().probe(new ProbeRequest(bucket, null, true, request.judgedMethod(),
                request.origin(), headers, false));
        return new ProbeResult("s3://" + bucket, answer.status(), answer.corsHeaders());
    }

    @Override
    public CorsBatchActions batches() {
        return new ServiceCorsBatchActions(session, stateDir);
    }

    /** An outcome with more to read than the status line holds (the problems of an invalid document) is shown in full. */
    private static CorsOutcome shown(CorsOutcome outcome, CorsUi ui) {
        if (outcome instanceof CorsOutcome.Invalid invalid) ui.show(invalid.message(), invalid.problems());
        return outcome;
    }
}
