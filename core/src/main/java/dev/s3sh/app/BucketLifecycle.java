package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.s3sh.lifecycle.Lifecycle;
import dev.s3sh.lifecycle.LifecycleDocument;
import dev.s3sh.document.DocumentProblem;
import dev.s3sh.lifecycle.LifecycleTemplates;
import dev.s3sh.lifecycle.LifecycleValidator;
import dev.s3sh.lifecycle.LifecycleXml;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;

import java.util.List;
import java.util.Optional;

/**
 * The lifecycle configuration as a {@link BucketDocument}: XML, judged as RGW answers, the same as
 * RGW stores it ({@link LifecycleXml#same}); its history entry holds the XML as a string.
 */
public final class BucketLifecycle extends BucketDocument<Lifecycle> {
    public static final BucketLifecycle KIND = new BucketLifecycle();

    private BucketLifecycle() {
        super("lifecycle", "lifecycle configuration", "lifecycle configurations", false, LifecycleDocument.MAX_BYTES, ".xml",
                " The bucket has no lifecycle: below is a rule that aborts\n     incomplete multipart uploads after 7 days.");
    }

    @Override
    public Optional<Lifecycle> fetch(ObjectStore store, String bucket) {
        Optional<String> text = store.getLifecycle(bucket);
        if (text.isEmpty()) return Optional.empty();
        LifecycleDocument doc = LifecycleDocument.read(text.get(), "s3://" + bucket);
        if (!doc.readable()) {
            throw new StoreException("UnreadableLifecycle", 0, "the server's lifecycle configuration cannot be read: "
                    + LifecycleValidator.errors(doc.problems()).get(0).render());
        }
        return Optional.of(doc.lifecycle());
    }

    @Override
    public void put(ObjectStore store, String bucket, Lifecycle document) {
        store.putLifecycle(bucket, LifecycleXml.write(document));
    }

    @Override
    public void delete(ObjectStore store, String bucket) {
        store.deleteLifecycle(bucket);
    }

    @Override
    public boolean same(Lifecycle a, Lifecycle b) {
        return LifecycleXml.same(a, b);
    }

    @Override
    public String render(Lifecycle document) {
        return LifecycleXml.write(document);
    }

    @Override
    public String describe(Lifecycle document) {
        return Lifecycle.describe(document);
    }

    @Override
    public Draft<Lifecycle> read(byte[] bytes, String source, String bucket) {
        return judged(LifecycleDocument.read(bytes, source));
    }

    @Override
    public Draft<Lifecycle> read(String text, String source, String bucket) {
        return judged(LifecycleDocument.read(text, source));
    }

    @Override
    public Draft<Lifecycle> of(Lifecycle document, String source, String bucket) {
        return judged(LifecycleDocument.of(document, source));
    }

    private static Draft<Lifecycle> judged(LifecycleDocument doc) {
        List<DocumentProblem> problems = LifecycleValidator.validate(doc);
        List<DocumentProblem> errors = LifecycleValidator.errors(problems);
        return new Draft<>(doc.source(), doc.lifecycle(), errors.stream().map(DocumentProblem::render).toList(),
                problems.stream().filter(p -> !p.isError()).map(DocumentProblem::render).toList(),
                n -> errors.stream().map(p -> p.movedDown(n).render()).toList());
    }

    @Override
    public JsonNode toHistory(Lifecycle document) {
        return TextNode.valueOf(LifecycleXml.write(document));
    }

    @Override
    public Lifecycle fromHistory(JsonNode saved, String source) {
        LifecycleDocument doc = saved.isTextual() ? LifecycleDocument.read(saved.asText(), source) : null;
        if (doc == null || !doc.readable()) throw new IllegalArgumentException("not a readable lifecycle configuration");
        return doc.lifecycle();
    }

    @Override
    public Lifecycle starter(String bucket) {
        return LifecycleTemplates.lifecycle("abort-incomplete-uploads", 7, "");
    }
}
