package dev.s3sh.tui;

import dev.s3sh.app.DocumentOutcome;

import java.util.List;
import java.util.Optional;

/**
 * A document pane's actions on one bucket (the policy, the lifecycle configuration), as
 * {@link CorsActions} are the CORS pane's: each runs on the worker thread, talks to the user only
 * through {@link CorsUi}, and returns the typed outcome the pane renders; a failure is thrown.
 * {@link ServiceDocumentActions} implements it over core's {@code DocumentService}.
 */
public interface DocumentActions {
    /** The pane's name in the tab bar and its title: "Policy", "Lifecycle". */
    String title();

    /** The document in a sentence: "policy", "lifecycle configuration". */
    String noun();

    /** The bucket's document as the shell prints it; empty when it has none. */
    Optional<String> show(String bucket) throws Exception;

    DocumentOutcome<?> edit(String bucket, CorsUi ui) throws Exception;

    DocumentOutcome<?> delete(String bucket, CorsUi ui) throws Exception;

    DocumentOutcome<?> undo(String bucket, CorsUi ui) throws Exception;

    /** Names of the templates {@link #applyTemplate} accepts, in the order to offer them. */
    List<String> templates();

    /** Null when the user cancels what the template asks (a user name): nothing was sent. */
    DocumentOutcome<?> applyTemplate(String bucket, String template, CorsUi ui) throws Exception;
}
