package dev.s3sh.tui;

import dev.s3sh.app.CorsBatch;

import java.util.List;

/**
 * The audit view's actions on many buckets at once, as {@code cors apply} and {@code cors undo
 * --batch} do them: a plan first, then one confirmation through {@link CorsUi} (the plan is its
 * detail), the pushes with progress, and the typed {@link CorsBatch.Outcome} the view renders.
 * Each runs on the worker thread; a failure (an unreadable or invalid file) is thrown with a
 * sentence that says what to do, and nothing is pushed.
 *
 * <p>{@link ServiceCorsBatchActions} implements it over core's {@link CorsBatch}, so the screen and
 * the REPL share one batch path, its records and its undo.
 */
public interface CorsBatchActions {
    /** Names of the templates {@link #planTemplate} accepts. */
    List<String> templates();

    /** The plan of putting the CORS file {@code file} on {@code buckets}. */
    CorsBatch.Plan planFile(List<String> buckets, String file) throws Exception;

    /** The plan of putting template {@code template} on {@code buckets}. */
    CorsBatch.Plan planTemplate(List<String> buckets, String template) throws Exception;

    /** The batches recorded on this machine, newest first. */
    List<String> batches() throws Exception;

    /** The plan of putting back every bucket batch {@code id} changed. */
    CorsBatch.Plan planUndo(String id) throws Exception;

    /** Asks once (the plan as detail), then pushes, telling {@link CorsUi#progress} as buckets finish. */
    CorsBatch.Outcome run(CorsBatch.Plan plan, CorsUi ui) throws Exception;
}
