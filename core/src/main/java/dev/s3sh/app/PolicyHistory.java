package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The policies a bucket held before each push from s3sh, for {@code policy undo/restore}: one JSON
 * file per push under {@code STATE/policy-history/ENDPOINT/BUCKET/}, private as {@link CorsHistory}'s
 * (whose endpoint key, path cleaning and private files it uses). Entry 1 is the newest.
 */
public final class PolicyHistory {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One saved policy: {@code policy} null when the bucket had none. */
    public record Entry(int number, Instant time, JsonNode policy, String summary, String change, Path file) {
    }

    public record Listing(List<Entry> entries, List<CorsHistory.Skipped> skipped) {
    }

    private final Path dir;

    public PolicyHistory(Path stateDir, String endpoint, String bucket) {
        this.dir = stateDir.resolve("policy-history").resolve(CorsHistory.safe(CorsHistory.endpointKey(endpoint)))
                .resolve(CorsHistory.safe(bucket));
    }

    public Path dir() {
        return dir;
    }

    public Path save(JsonNode previous, String change) throws IOException {
        CorsHistory.PrivateFiles.createDirectories(dir);
        Instant now = Instant.now();
        ObjectNode node = JSON.createObjectNode();
        node.put("time", now.toString());
        node.put("summary", describe(previous));
        node.put("change", change);
        node.set("policy", previous == null ? JSON.nullNode() : previous);
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
            // a stale entry only means one more line in 'policy history'
        }
    }

    public Listing list() throws IOException {
        return listing(dir, "policy");
    }

    /** The entries in {@code dir}, newest first, each document read from its {@code field} (lifecycle history shares this). */
    static Listing listing(Path dir, String field) throws IOException {
        if (!Files.isDirectory(dir)) return new Listing(List.of(), List.of());
        List<Path> files = new ArrayList<>();
        List<CorsHistory.Skipped> skipped = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".json")) continue;
                if (name.matches("\\d{1,19}(-\\d{1,9})?\\.json")) files.add(p);
                else skipped.add(new CorsHistory.Skipped(p, "not a name s3sh gives its entries (TIME.json or TIME-N.json)"));
            }
        }
        files.sort(Comparator.comparing(PolicyHistory::stamp).reversed());
        List<Entry> out = new ArrayList<>();
        for (Path f : files) {
            try {
                JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
                JsonNode p = n.get(field);
                out.add(new Entry(out.size() + 1, Instant.parse(n.get("time").asText()), p == null || p.isNull() ? null : p,
                        n.path("summary").asText(""), n.path("change").asText(""), f));
            } catch (IOException | RuntimeException e) {
                skipped.add(new CorsHistory.Skipped(f, "not a readable entry (changed by hand?)"));
            }
        }
        return new Listing(out, skipped);
    }

    /** TIME then the counter, as numbers. */
    private static long[] stampOf(Path p) {
        String[] parts = p.getFileName().toString().replace(".json", "").split("-");
        return new long[] {Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0};
    }

    private static String stamp(Path p) {
        long[] s = stampOf(p);
        return String.format("%019d-%09d", s[0], s[1]);
    }

    /** "no policy", or "2 statements: Allow s3:GetObject for *; ...". */
    public static String describe(JsonNode policy) {
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
}
