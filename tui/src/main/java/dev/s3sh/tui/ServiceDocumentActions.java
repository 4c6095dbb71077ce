package dev.s3sh.tui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3sh.app.BucketDocument;
import dev.s3sh.app.BucketLifecycle;
import dev.s3sh.app.BucketPolicy;
import dev.s3sh.app.DocumentNotice;
import dev.s3sh.app.DocumentOutcome;
import dev.s3sh.app.DocumentService;
import dev.s3sh.lifecycle.Lifecycle;
import dev.s3sh.lifecycle.LifecycleTemplates;
import dev.s3sh.policy.PolicyTemplates;
import dev.s3sh.session.Session;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A document pane's actions done by core's {@link DocumentService}: the same judge → diff → confirm
 * → push → verify path, history and undo as the {@code policy} and {@code lifecycle} commands.
 */
public final class ServiceDocumentActions<D> implements DocumentActions {
    private final BucketDocument<D> kind;
    private final String title;
    private final Session session;
    private final Path stateDir;
    /** Template name → its document for a bucket. */
    private final Map<String, Template<D>> templates;

    /** A template's document for a bucket, asking the user what it needs; null when they cancel. */
    private interface Template<D> {
        D make(String bucket, CorsUi ui) throws InterruptedException;
    }

    private ServiceDocumentActions(BucketDocument<D> kind, String title, Session session, Path stateDir,
                                   Map<String, Template<D>> templates) {
        this.kind = kind;
        this.title = title;
        this.session = session;
        this.stateDir = stateDir;
        this.templates = templates;
    }

    /** The Policy pane's: every template of 'policy template'; read-only-user asks for the user it is for. */
    public static ServiceDocumentActions<JsonNode> policy(Session session, Path stateDir) {
        Map<String, Template<JsonNode>> templates = new LinkedHashMap<>();
        for (PolicyTemplates.Template t : PolicyTemplates.ALL) {
            templates.put(t.name(), !t.needsUser() ? (bucket, ui) -> PolicyTemplates.policy(t.name(), bucket, null) : (bucket, ui) -> {
                String user = ui.input("User name or IAM ARN that may read s3://" + bucket, "");
                return user == null || user.isBlank() ? null : PolicyTemplates.policy(t.name(), bucket, user.strip());
            });
        }
        return new ServiceDocumentActions<>(BucketPolicy.KIND, "Policy", session, stateDir, templates);
    }

    /** The Lifecycle pane's; each template with the days 'lifecycle template' takes by default. */
    public static ServiceDocumentActions<Lifecycle> lifecycle(Session session, Path stateDir) {
        Map<String, Template<Lifecycle>> templates = new LinkedHashMap<>();
        templates.put("abort-incomplete-uploads", (bucket, ui) -> LifecycleTemplates.lifecycle("abort-incomplete-uploads", 7, null));
        templates.put("expire", (bucket, ui) -> LifecycleTemplates.lifecycle("expire", 30, null));
        return new ServiceDocumentActions<>(BucketLifecycle.KIND, "Lifecycle", session, stateDir, templates);
    }

    private DocumentService<D> service(CorsUi ui) {
        return new DocumentService<>(kind, session, stateDir, new ScreenPorts<>(ui, kind.command() + " edit", DocumentNotice::lines,
                n -> n instanceof DocumentNotice.Reopening, n -> n instanceof DocumentNotice.EditKept));
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String noun() {
        return kind.noun();
    }

    @Override
    public Optional<String> show(String bucket) {
        return kind.fetch(session.store(), bucket).map(kind::render);
    }

    @Override
    public DocumentOutcome<?> edit(String bucket, CorsUi ui) throws Exception {
        return shown(service(ui).edit(bucket, false), ui);
    }

    @Override
    public DocumentOutcome<?> delete(String bucket, CorsUi ui) {
        return shown(service(ui).remove(bucket, false, true), ui);
    }

    @Override
    public DocumentOutcome<?> undo(String bucket, CorsUi ui) throws Exception {
        return shown(service(ui).restore(bucket, 1, true, false), ui);
    }

    @Override
    public List<String> templates() {
        return List.copyOf(templates.keySet());
    }

    @Override
    public DocumentOutcome<?> applyTemplate(String bucket, String template, CorsUi ui) throws InterruptedException {
        Template<D> t = templates.get(template);
        if (t == null) throw new IllegalArgumentException("no " + kind.command() + " template '" + template + "'");
        D document = t.make(bucket, ui);
        if (document == null) return null;   // cancelled: nothing asked of the server
        return shown(service(ui).set(bucket, document, "template " + template, false, true), ui);
    }

    /** An invalid document's problems are more than the status line holds: shown in full. */
    private static DocumentOutcome<?> shown(DocumentOutcome<?> outcome, CorsUi ui) {
        if (outcome instanceof DocumentOutcome.Invalid<?> invalid) ui.show(invalid.message(), invalid.problems());
        return outcome;
    }
}
