package dev.s3sh.app;

import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsDetector.Behaviour;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which CORS rule choice each endpoint was last found to run ({@code cors detect}): one line an
 * endpoint, {@code ENDPOINT TAB BEHAVIOUR TAB WHEN}, in {@code STATE/cors-behaviour.tsv}. Endpoints
 * are keyed the way CORS history is, so every spelling of one server finds the same answer.
 */
public final class CorsBehaviours {
    /** A remembered detection: the behaviour and when it was seen. */
    public record Remembered(Behaviour behaviour, Instant when) {
    }

    private final Path file;

    public CorsBehaviours(Path stateDir) {
        this.file = stateDir.resolve("cors-behaviour.tsv");
    }

    /**
     * The dialect to predict with for {@code session}: the profile's; when that is only a guess from the
     * host name, an RGW endpoint that {@code cors detect} found to run full-match predicts as rgw-2026.
     * Commands put an explicit {@code --dialect} before this; the full-screen tester uses it as it is.
     */
    public Dialect dialectFor(Session session) {
        Dialect configured = Dialect.of(session.dialect());
        Profile profile = session.profile();
        if (!configured.isRgw() || profile == null || profile.dialect() != null) return configured;
        return get(profile.endpointLabel()).map(r -> r.behaviour().dialect()).orElse(configured);
    }

    public Optional<Remembered> get(String endpoint) {
        return Optional.ofNullable(read().get(CorsHistory.endpointKey(endpoint)));
    }

    /** Remembers {@code behaviour} for {@code endpoint}; an UNKNOWN answer is not remembered. */
    public void remember(String endpoint, Behaviour behaviour, Instant when) throws IOException {
        if (behaviour == Behaviour.UNKNOWN) return;
        Map<String, Remembered> all = read();
        all.put(CorsHistory.endpointKey(endpoint), new Remembered(behaviour, when));
        StringBuilder text = new StringBuilder();
        all.forEach((k, v) -> text.append(k).append('\t').append(v.behaviour().id()).append('\t').append(v.when()).append('\n'));
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "cors-behaviour", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Every well-formed line; a damaged line is passed over (it only costs a new detection). */
    private Map<String, Remembered> read() {
        Map<String, Remembered> all = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return all;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length != 3) continue;
                Behaviour b = switch (f[1]) {
                    case "origin-first" -> Behaviour.ORIGIN_FIRST;
                    case "full-match" -> Behaviour.FULL_MATCH;
                    default -> null;
                };
                try {
                    if (b != null) all.put(f[0], new Remembered(b, Instant.parse(f[2])));
                } catch (java.time.format.DateTimeParseException damaged) {
                    // passed over
                }
            }
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            return new LinkedHashMap<>();
        }
        return all;
    }
}
