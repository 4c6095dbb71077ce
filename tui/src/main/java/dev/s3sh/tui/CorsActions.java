package dev.s3sh.tui;

import dev.s3sh.app.CorsOutcome;
import dev.s3sh.cors.CorsRequest;

import java.util.List;

/**
 * The CORS pane's actions on one bucket. Each runs on the worker thread (so it can be cancelled),
 * talks to the user only through {@link CorsUi}, and returns the typed {@link CorsOutcome} the
 * pane renders; a failure is thrown ({@code StoreException} messages are shown as they are).
 *
 * <p>{@link ServiceCorsActions} implements it over core's {@code CorsService}, so the screen and
 * the REPL share one push path, history and undo.
 */
public interface CorsActions {
    CorsOutcome edit(String bucket, CorsUi ui) throws Exception;

    CorsOutcome delete(String bucket, CorsUi ui) throws Exception;

    CorsOutcome undo(String bucket, CorsUi ui) throws Exception;

    /** Names of the templates {@link #applyTemplate} accepts, in the order to offer them. */
    List<String> templates();

    CorsOutcome applyTemplate(String bucket, String template, CorsUi ui) throws Exception;

    /** The audit view's actions on many buckets; null when this front end offers none. */
    default CorsBatchActions batches() {
        return null;
    }

    /** Sends {@code request} (a preflight) to the live endpoint and reports what came back. */
    ProbeResult probe(String bucket, CorsRequest request) throws Exception;

    /** A live answer: the status line's code, and the lowercased CORS ({@code access-control-*}, {@code vary}) headers. */
    record ProbeResult(String url, int status, java.util.Map<String, String> headers) {
        public boolean allowed() {
            return status / 100 == 2 && headers.containsKey("access-control-allow-origin");
        }
    }
}
