package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsParseException;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsXml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The configurations a bucket held before each push, kept locally so that {@code cors undo} and
 * {@code cors restore} can put them back: one JSON file per push under
 * {@code STATE/cors-history/ENDPOINT/BUCKET/}, files 0600 in directories 0700. Entry 1 is the newest.
 */
public final class CorsHistory {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One saved configuration: {@code configuration} null when the bucket had none. */
    public record Entry(int number, Instant time, CorsConfiguration configuration, String summary, String change, Path file) {
    }

    private final Path dir;

    public CorsHistory(Path stateDir, String endpoint, String bucket) {
        this.dir = stateDir.resolve("cors-history").resolve(safe(endpoint)).resolve(safe(bucket));
    }

    public Path dir() {
        return dir;
    }

    /**
     * Saves what the bucket held before a push; {@code change} is the push's one-line report.
     * Returns the file, so that a push that fails can {@link #forget} it.
     */
    public Path save(CorsConfiguration previous, String change) throws IOException {
        PrivateFiles.createDirectories(dir);
        Instant now = Instant.now();
        ObjectNode node = JSON.createObjectNode();
        node.put("time", now.toString());
        node.put("summary", describe(previous));
        node.put("change", change);
        if (previous == null) node.putNull("configuration");
        else node.put("configuration", CorsXml.write(previous));
        String base = String.format("%013d", now.toEpochMilli());
        Path file = dir.resolve(base + ".json");
        for (int i = 1; Files.exists(file); i++) file = dir.resolve(base + "-" + i + ".json");
        PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        return file;
    }

    public void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale entry only means one more line in 'cors history'
        }
    }

    /** Newest first, numbered from 1. Entries that cannot be read are skipped. */
    public List<Entry> entries() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString(), CorsHistory::byStamp).reversed())
                    .toList();
        }
        List<Entry> out = new ArrayList<>();
        for (Path f : files) {
            try {
                JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
                JsonNode c = n.get("configuration");
                CorsConfiguration config = c == null || c.isNull() ? null : CorsParser.parse(c.asText(), f.toString());
                out.add(new Entry(out.size() + 1, Instant.parse(n.get("time").asText()), config,
                        n.path("summary").asText(""), n.path("change").asText(""), f));
            } catch (IOException | CorsParseException | RuntimeException e) {
                // skip an entry that was damaged by hand
            }
        }
        return out;
    }

    /** {@code 0001234-2.json} after {@code 0001234-1.json} after {@code 0001234.json}. */
    private static int byStamp(String a, String b) {
        String[] x = a.replace(".json", "").split("-");
        String[] y = b.replace(".json", "").split("-");
        int c = x[0].compareTo(y[0]);
        if (c != 0) return c;
        return Integer.compare(x.length > 1 ? Integer.parseInt(x[1]) : 0, y.length > 1 ? Integer.parseInt(y[1]) : 0);
    }

    /** "none", or "2 rules: GET, HEAD from http://a.example, +3; PUT from ...". */
    public static String describe(CorsConfiguration config) {
        if (config == null) return "no CORS configuration";
        int n = config.rules().size();
        StringBuilder b = new StringBuilder().append(n).append(n == 1 ? " rule: " : " rules: ");
        for (int i = 0; i < n; i++) {
            CorsRule r = config.rules().get(i);
            if (i > 0) b.append("; ");
            if (i == 3) {
                b.append("...");
                break;
            }
            b.append(String.join(",", r.allowedMethods())).append(" from ");
            b.append(r.allowedOrigins().isEmpty() ? "(no origin)" : r.allowedOrigins().get(0));
            if (r.allowedOrigins().size() > 1) b.append(" +").append(r.allowedOrigins().size() - 1);
        }
        return b.toString();
    }

    /** A path component from any text: letters, digits, '.', '-', '_' kept, the rest as '_'. */
    /** The endpoint as history keys it (placeholder until history is keyed by the normalised endpoint). */
    public static String endpointKey(String endpoint) {
        return safe(endpoint);
    }

    static String safe(String s) {
        String t = s == null || s.isEmpty() ? "default" : s.replaceFirst("^[a-z]+://", "");
        return t.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** A new empty file only its owner can read, in a directory only its owner can enter. */
    public static Path privateTempFile(Path dir, String prefix, String suffix) throws IOException {
        return PrivateFiles.createTempFile(dir, safe(prefix), suffix);
    }

    /** Files and directories only their owner can read. */
    static final class PrivateFiles {
        private PrivateFiles() {
        }

        static void createDirectories(Path dir) throws IOException {
            if (Files.isDirectory(dir)) return;
            Path parent = dir.getParent();
            if (parent != null) createDirectories(parent);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made meanwhile
            }
        }

        static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
            createDirectories(dir);
            try {
                return Files.createTempFile(dir, prefix, suffix,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                return Files.createTempFile(dir, prefix, suffix);
            }
        }

        static void write(Path file, String text) throws IOException {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }
}
