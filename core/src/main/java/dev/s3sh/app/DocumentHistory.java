package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The documents a bucket held before each push from s3sh, for {@code policy undo} and
 * {@code lifecycle restore}: one file per push ({@link HistoryFiles}) under
 * {@code STATE/KIND-history/ENDPOINT/BUCKET/} (KIND the kind's {@link BucketDocument#command()},
 * which is also the field that holds the document; endpoint key and cleaning as {@link CorsHistory}'s).
 * Entry 1 is the newest.
 */
public final class DocumentHistory<D> {
    /** One saved document: {@code document} null when the bucket had none. */
    public record Entry<D>(int number, Instant time, D document, String summary, String change, Path file) {
    }

    public record Listing<D>(List<Entry<D>> entries, List<CorsHistory.Skipped> skipped) {
    }

    private final BucketDocument<D> kind;
    private final Path dir;

    public DocumentHistory(BucketDocument<D> kind, Path stateDir, String endpoint, String bucket) {
        this.kind = kind;
        this.dir = stateDir.resolve(kind.command() + "-history").resolve(CorsHistory.safe(CorsHistory.endpointKey(endpoint)))
                .resolve(CorsHistory.safe(bucket));
    }

    public Path dir() {
        return dir;
    }

    public Path save(D previous, String change) throws IOException {
        ObjectNode node = HistoryFiles.entry(kind.describe(previous), change);
        node.set(kind.command(), previous == null ? HistoryFiles.JSON.nullNode() : kind.toHistory(previous));
        return HistoryFiles.save(dir, node);
    }

    public void forget(Path file) {
        HistoryFiles.forget(file);
    }

    public Listing<D> list() throws IOException {
        HistoryFiles.Listing<Entry<D>> files = HistoryFiles.list(dir, (number, time, node, file) -> {
            JsonNode saved = node.get(kind.command());
            D document = saved == null || saved.isNull() ? null : kind.fromHistory(saved, file.toString());
            return new Entry<>(number, time, document, node.path("summary").asText(""), node.path("change").asText(""), file);
        });
        return new Listing<>(files.entries(), files.skipped());
    }
}
