package dev.s3sh.tui;

import dev.s3sh.app.CorsBatch;
import dev.s3sh.app.CorsNotice;
import dev.s3sh.app.CorsPorts;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDocument;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsTemplates;
import dev.s3sh.cors.CorsValidator;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The audit view's batch actions done by core's {@link CorsBatch} on the session's profile, with
 * the default bound per endpoint: the same plan, confirmation, checks, records and undo as
 * {@code cors apply} and {@code cors undo --batch}.
 */
public class ServiceCorsBatchActions implements CorsBatchActions {
    private final Session session;
    private final Path stateDir;

    public ServiceCorsBatchActions(Session session, Path stateDir) {
        this.session = session;
        this.stateDir = stateDir;
    }

    private CorsBatch batch() {
        return new CorsBatch(stateDir, CorsBatch.DEFAULT_JOBS, false);
    }

    private List<CorsBatch.Target> targets() {
        return List.of(new CorsBatch.Target(session.profile() == null ? "" : session.profile().name(), session));
    }

    @Override
    public List<String> templates() {
        return CorsTemplates.all().stream().map(CorsTemplates.Template::name).toList();
    }

    @Override
    public CorsBatch.Plan planFile(List<String> buckets, String file) throws Exception {
        return batch().planApply(targets(), buckets, valid(read(file)), "apply " + file);
    }

    @Override
    public CorsBatch.Plan planTemplate(List<String> buckets, String template) throws Exception {
        CorsTemplates.Template t = CorsTemplates.named(template);
        return batch().planApply(targets(), buckets, valid(CorsParser.read(t.xml(), "template " + t.name())), "apply template " + t.name());
    }

    @Override
    public List<String> batches() throws IOException {
        return batch().recorded();
    }

    @Override
    public CorsBatch.Plan planUndo(String id) throws Exception {
        return batch().planUndo(id, profile -> targets().get(0));
    }

    @Override
    public CorsBatch.Outcome run(CorsBatch.Plan plan, CorsUi ui) throws Exception {
        int pushes = plan.pushes().size();
        AtomicInteger done = new AtomicInteger();
        return batch().run(plan, false, new CorsPorts() {
            @Override
            public void tell(CorsNotice notice) {
                // the plan is the confirmation's detail
            }

            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public boolean confirm(String question) {
                try {
                    return ui.confirm(question, BatchText.plan(plan));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }

            @Override
            public void editFile(Path file) {
                throw new UnsupportedOperationException("no editor in a batch");
            }
        }, d -> ui.progress("pushing: " + done.incrementAndGet() + " of " + pushes + " buckets done"));
    }

    /** The file as {@code cors apply} reads it: at most the parser's size, refused when not readable. */
    private static CorsDocument read(String file) {
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) throw new IllegalArgumentException("cannot read " + file + ": it is a directory; give a CORS file (XML or JSON)");
            long size = Files.size(path);
            if (size > CorsParser.MAX_DOCUMENT_BYTES) return CorsParser.tooLarge(file, size);
            try (InputStream in = Files.newInputStream(path)) {
                return CorsParser.read(in.readNBytes(CorsParser.MAX_DOCUMENT_BYTES + 1), file);
            }
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("cannot read " + file + ": not a usable file name; nothing was pushed");
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + file + ": no such file; nothing was pushed");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage() + "; nothing was pushed");
        }
    }

    /** The document's rules, or a sentence naming its first problem for the session's dialect: nothing is read from the server. */
    private CorsConfiguration valid(CorsDocument doc) {
        if (!doc.readable()) {
            throw new IllegalArgumentException(doc.source() + " is not a readable CORS document (" + doc.syntaxProblems().get(0).render()
                    + "); fix it and apply again, nothing was pushed");
        }
        Dialect dialect = Dialect.of(session.dialect());
        List<CorsProblem> errors = CorsValidator.errors(CorsValidator.validate(doc, dialect));
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(doc.source() + " is not valid for " + dialect.id() + " (" + errors.get(0).render()
                    + (errors.size() > 1 ? "; and " + (errors.size() - 1) + " more" : "") + "); 'cors validate' lists them, nothing was pushed");
        }
        return doc.configuration();
    }
}
