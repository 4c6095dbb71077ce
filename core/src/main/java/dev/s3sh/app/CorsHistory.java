package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsXml;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The configurations a bucket held before each push, kept locally so that {@code cors undo} and
 * {@code cors restore} can put them back: one JSON file per push under
 * {@code STATE/cors-history/ENDPOINT/BUCKET/}, files 0600 in directories 0700. Entry 1 is the newest.
 * ENDPOINT is the normalised endpoint ({@link #endpointKey}), so that every spelling of one server
 * finds the same history.
 */
public final class CorsHistory {
    /**
     * One saved configuration: {@code configuration} null when the bucket had none; {@code batch} the
     * id of the {@code cors apply} that saved it ({@link CorsBatch}), null for a single push.
     */
    public record Entry(int number, Instant time, CorsConfiguration configuration, String summary, String change, Path file,
                        String batch) {
    }

    /** A file in the history folder that is not an entry (a stray name, damaged content), and why. */
    public record Skipped(Path file, String reason) {
    }

    /** The entries, newest first, and the files that were passed over. */
    public record Listing(List<Entry> entries, List<Skipped> skipped) {
    }

    private final Path dir;

    public CorsHistory(Path stateDir, String endpoint, String bucket) {
        this.dir = stateDir.resolve("cors-history").resolve(safe(endpointKey(endpoint))).resolve(safe(bucket));
    }

    /**
     * The endpoint as scheme, host and port, however it was spelled: case, a trailing slash and a
     * default port do not count, and the loopback names ({@code localhost}, {@code 127.0.0.1},
     * {@code ::1}) are one host. Text that is not a URL is kept as it is.
     */
    public static String endpointKey(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) return "default";
        URI uri;
        try {
            uri = new URI(endpoint.strip());
        } catch (URISyntaxException e) {
            return endpoint;
        }
        if (uri.getScheme() == null || uri.getHost() == null) return endpoint;
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (LOOPBACK.contains(host)) host = "127.0.0.1";
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return scheme + "://" + host + ":" + port;
    }

    private static final java.util.Set<String> LOOPBACK = java.util.Set.of("localhost", "127.0.0.1", "::1",
            "0:0:0:0:0:0:0:1", "ip6-localhost");

    public Path dir() {
        return dir;
    }

    /**
     * Saves what the bucket held before a push; {@code change} is the push's one-line report.
     * Returns the file, so that a push that fails can {@link #forget} it.
     */
    public Path save(CorsConfiguration previous, String change) throws IOException {
        return save(previous, change, null);
    }

    /** {@link #save(CorsConfiguration, String)} for a push that is part of batch {@code batch} (null: none). */
    public Path save(CorsConfiguration previous, String change, String batch) throws IOException {
        ObjectNode node = HistoryFiles.entry(describe(previous), change);
        if (batch != null) node.put("batch", batch);
        if (previous == null) node.putNull("configuration");
        else node.put("configuration", CorsXml.write(previous));
        return HistoryFiles.save(dir, node);
    }

    public void forget(Path file) {
        HistoryFiles.forget(file);
    }

    /** Newest first, numbered from 1; files that are not entries are left out ({@link #list} says which). */
    public List<Entry> entries() throws IOException {
        return list().entries();
    }

    /** The entries newest first, numbered from 1, and the files passed over: a name s3sh does not give, content it cannot read. */
    public Listing list() throws IOException {
        HistoryFiles.Listing<Entry> files = HistoryFiles.list(dir, (number, time, n, f) -> {
            JsonNode c = n.get("configuration");
            CorsConfiguration config = c == null || c.isNull() ? null : CorsParser.parse(c.asText(), f.toString());
            return new Entry(number, time, config, n.path("summary").asText(""), n.path("change").asText(""), f,
                    n.hasNonNull("batch") ? n.get("batch").asText() : null);
        });
        return new Listing(files.entries(), files.skipped());
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
