package dev.s3sh.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3sh.lifecycle.Lifecycle;
import dev.s3sh.lifecycle.LifecycleDocument;
import dev.s3sh.lifecycle.LifecycleXml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle configurations a bucket held before each push from s3sh, for {@code lifecycle
 * undo/restore}: one JSON file per push (the XML as a string) under
 * {@code STATE/lifecycle-history/ENDPOINT/BUCKET/}, named, ordered and kept private as
 * {@link PolicyHistory}'s and {@link CorsHistory}'s. Entry 1 is the newest.
 */
public final class LifecycleHistory {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One saved configuration: {@code lifecycle} null when the bucket had none. */
    public record Entry(int number, Instant time, Lifecycle lifecycle, String summary, String change, Path file) {
    }

    public record Listing(List<Entry> entries, List<CorsHistory.Skipped> skipped) {
    }

    private final Path dir;

    public LifecycleHistory(Path stateDir, String endpoint, String bucket) {
        this.dir = stateDir.resolve("lifecycle-history").resolve(CorsHistory.safe(CorsHistory.endpointKey(endpoint)))
                .resolve(CorsHistory.safe(bucket));
    }

    public Path dir() {
        return dir;
    }

    public Path save(Lifecycle previous, String change) throws IOException {
        CorsHistory.PrivateFiles.createDirectories(dir);
        Instant now = Instant.now();
        ObjectNode node = JSON.createObjectNode();
        node.put("time", now.toString());
        node.put("summary", Lifecycle.describe(previous));
        node.put("change", change);
        if (previous == null) node.putNull("lifecycle");
        else node.put("lifecycle", LifecycleXml.write(previous));
        String base = String.format("%013d", now.toEpochMilli());
        Path file = dir.resolve(base + ".json");
        for (int i = 1; Files.exists(file); i++) file = dir.resolve(base + "-" + i + ".json");
        CorsHistory.PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        return file;
    }

    public void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale entry only means one more line in 'lifecycle history'
        }
    }

    public Listing list() throws IOException {
        // the same files and order as a policy history: read its listing of this folder, then each entry as XML
        PolicyHistory.Listing raw = PolicyHistory.listing(dir, "lifecycle");
        List<Entry> out = new ArrayList<>();
        List<CorsHistory.Skipped> skipped = new ArrayList<>(raw.skipped());
        for (PolicyHistory.Entry e : raw.entries()) {
            Lifecycle lc = null;
            if (e.policy() != null) {
                LifecycleDocument doc = e.policy().isTextual() ? LifecycleDocument.read(e.policy().asText(), e.file().toString()) : null;
                if (doc == null || !doc.readable()) {
                    skipped.add(new CorsHistory.Skipped(e.file(), "not a readable entry (changed by hand?)"));
                    continue;
                }
                lc = doc.lifecycle();
            }
            out.add(new Entry(out.size() + 1, e.time(), lc, e.summary(), e.change(), e.file()));
        }
        return new Listing(out, skipped);
    }
}
