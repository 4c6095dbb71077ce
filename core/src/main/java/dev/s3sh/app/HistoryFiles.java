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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a local history, shared by every document s3sh keeps one for ({@link CorsHistory},
 * {@link DocumentHistory}): one private JSON file per push, named by the save time in epoch
 * milliseconds (then {@code -N} when two saves share it), listed newest first. Each file holds
 * {@code time}, {@code summary}, {@code change} and the document under its own field.
 */
final class HistoryFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    /** An entry's file name: the save time in epoch milliseconds, then a counter when two saves share it. */
    private static final Pattern ENTRY_NAME = Pattern.compile("(\\d{1,19})(?:-(\\d{1,9}))?\\.json");

    private HistoryFiles() {
    }

    /** A new entry's fields, before the document is added under its own field. */
    static ObjectNode entry(String summary, String change) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", Instant.now().toString());
        node.put("summary", summary);
        node.put("change", change);
        return node;
    }

    /** Writes {@code node} as a new private file in {@code dir} (made private when missing); returns the file. */
    static Path save(Path dir, ObjectNode node) throws IOException {
        CorsHistory.PrivateFiles.createDirectories(dir);
        String base = String.format("%013d", Instant.parse(node.get("time").asText()).toEpochMilli());
        Path file = dir.resolve(base + ".json");
        for (int i = 1; Files.exists(file); i++) file = dir.resolve(base + "-" + i + ".json");
        CorsHistory.PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        return file;
    }

    static void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale entry only means one more line in the history
        }
    }

    /** Reads one entry's JSON into an entry numbered {@code number}; any exception: the file is passed over. */
    interface Reader<E> {
        E read(int number, Instant time, JsonNode node, Path file) throws Exception;
    }

    record Listing<E>(List<E> entries, List<CorsHistory.Skipped> skipped) {
    }

    /** The entries newest first, numbered from 1, and the files passed over: a name s3sh does not give, content it cannot read. */
    static <E> Listing<E> list(Path dir, Reader<E> reader) throws IOException {
        if (!Files.isDirectory(dir)) return new Listing<>(List.of(), List.of());
        List<Path> files = new ArrayList<>();
        List<CorsHistory.Skipped> skipped = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".json")) continue;
                if (ENTRY_NAME.matcher(name).matches()) files.add(p);
                else skipped.add(new CorsHistory.Skipped(p, "not a name s3sh gives its entries (TIME.json or TIME-N.json)"));
            }
        }
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString(), HistoryFiles::byStamp).reversed());
        List<E> out = new ArrayList<>();
        for (Path f : files) {
            try {
                JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
                out.add(reader.read(out.size() + 1, Instant.parse(n.get("time").asText()), n, f));
            } catch (Exception e) {
                skipped.add(new CorsHistory.Skipped(f, "not a readable entry (changed by hand?)"));
            }
        }
        return new Listing<>(out, skipped);
    }

    /** {@code 0001234-2.json} after {@code 0001234-1.json} after {@code 0001234.json}; names match {@link #ENTRY_NAME}. */
    private static int byStamp(String a, String b) {
        Matcher x = ENTRY_NAME.matcher(a);
        Matcher y = ENTRY_NAME.matcher(b);
        if (!x.matches() || !y.matches()) return a.compareTo(b);
        int c = Long.compare(Long.parseLong(x.group(1)), Long.parseLong(y.group(1)));
        if (c != 0) return c;
        return Integer.compare(x.group(2) == null ? 0 : Integer.parseInt(x.group(2)), y.group(2) == null ? 0 : Integer.parseInt(y.group(2)));
    }
}
