package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3sh.policy.PolicyDocument;
import dev.s3sh.document.DocumentProblem;
import dev.s3sh.policy.PolicyTemplates;
import dev.s3sh.policy.PolicyValidator;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;

import java.util.List;
import java.util.Optional;

/** The bucket policy as a {@link BucketDocument}: JSON, judged for RGW and for the bucket it is meant for. */
public final class BucketPolicy extends BucketDocument<JsonNode> {
    public static final BucketPolicy KIND = new BucketPolicy();

    private BucketPolicy() {
        super("policy", "policy", "policies", true, PolicyDocument.MAX_BYTES, ".json",
                " The bucket has no policy: below is the public-read template.");
    }

    @Override
    public Optional<JsonNode> fetch(ObjectStore store, String bucket) {
        Optional<String> text = store.getPolicy(bucket);
        if (text.isEmpty()) return Optional.empty();
        PolicyDocument doc = PolicyDocument.read(text.get(), "s3://" + bucket);
        if (!doc.readable()) throw new StoreException("UnreadablePolicy", 0, "the server's policy is not readable JSON: "
                + doc.syntaxProblems().get(0).render());
        return Optional.of(doc.root());
    }

    @Override
    public void put(ObjectStore store, String bucket, JsonNode document) {
        store.putPolicy(bucket, PolicyDocument.compact(document));
    }

    @Override
    public void delete(ObjectStore store, String bucket) {
        store.deletePolicy(bucket);
    }

    @Override
    public boolean same(JsonNode a, JsonNode b) {
        return a == null ? b == null : a.equals(b);
    }

    @Override
    public String render(JsonNode document) {
        return PolicyDocument.pretty(document);
    }

    /** "no policy", or "2 statements: Allow s3:GetObject for *; ...". */
    @Override
    public String describe(JsonNode policy) {
        if (policy == null) return "no policy";
        var statements = dev.s3sh.policy.Policy.of(policy).statements();
        StringBuilder b = new StringBuilder().append(statements.size()).append(statements.size() == 1 ? " statement" : " statements");
        for (int i = 0; i < Math.min(3, statements.size()); i++) {
            var s = statements.get(i);
            b.append(i == 0 ? ": " : "; ").append(s.effect()).append(' ').append(String.join(",", s.anyActions()))
                    .append(" for ").append(s.principals() == null ? "(not) " + s.notPrincipals() : String.join(",", s.principals()));
        }
        if (statements.size() > 3) b.append("; ...");
        return b.toString();
    }

    @Override
    public Draft<JsonNode> read(byte[] bytes, String source, String bucket) {
        return judged(PolicyDocument.read(bytes, source), bucket);
    }

    @Override
    public Draft<JsonNode> read(String text, String source, String bucket) {
        return judged(PolicyDocument.read(text, source), bucket);
    }

    @Override
    public Draft<JsonNode> of(JsonNode document, String source, String bucket) {
        return judged(PolicyDocument.of(document, source), bucket);
    }

    private static Draft<JsonNode> judged(PolicyDocument doc, String bucket) {
        List<DocumentProblem> problems = PolicyValidator.validate(doc, bucket);
        List<DocumentProblem> errors = PolicyValidator.errors(problems);
        return new Draft<>(doc.source(), doc.readable() ? doc.root() : null, errors.stream().map(DocumentProblem::render).toList(),
                problems.stream().filter(p -> !p.isError()).map(DocumentProblem::render).toList(),
                n -> errors.stream().map(p -> p.movedDown(n).render()).toList());
    }

    @Override
    public JsonNode toHistory(JsonNode document) {
        return document;
    }

    @Override
    public JsonNode fromHistory(JsonNode saved, String source) {
        return saved;
    }

    @Override
    public JsonNode starter(String bucket) {
        return PolicyTemplates.policy("public-read", bucket, null);
    }
}
