package dev.s3sh.tui;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsLinter;
import dev.s3sh.cors.CorsParseException;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsWarning;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;
import dev.s3sh.store.ObjectStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import org.apache.commons.text.diff.CommandVisitor;
import org.apache.commons.text.diff.StringsComparator;

import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The screen tests' stand-in for the shell's CORS workflow (which the real mode uses through
 * {@code shell.CommandCorsActions}), built on what the store and the cors package offer:
 * edit in $EDITOR (0600 temp file) → parse → lint → diff → confirm naming the bucket → put → read back
 * and compare; delete and undo with the same confirm and read-back; undo history kept in memory for
 * the session; two built-in templates; the live probe as one OPTIONS request.
 */
public class DefaultCorsActions implements CorsActions {
    static final Map<String, CorsConfiguration> TEMPLATES = new LinkedHashMap<>();

    static {
        TEMPLATES.put("public-read", new CorsConfiguration(List.of(
                new CorsRule("public-read", List.of("GET", "HEAD"), List.of("*"), List.of(), List.of("ETag"), 3000))));
        TEMPLATES.put("app-upload", new CorsConfiguration(List.of(
                new CorsRule("app-upload", List.of("GET", "HEAD", "PUT", "POST"), List.of("https://app.example.com"),
                        List.of("*"), List.of("ETag"), 3000))));
    }

    private static final String EMPTY_DOCUMENT = """
            <CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <!-- this bucket has no CORS configuration yet; one rule looks like this: -->
              <CORSRule>
                <AllowedMethod>GET</AllowedMethod>
                <AllowedOrigin>https://www.example.com</AllowedOrigin>
              </CORSRule>
            </CORSConfiguration>
            """;

    private final Session session;
    private final Dialect dialect;
    private final Map<String, Deque<Optional<CorsConfiguration>>> history = new HashMap<>();

    public DefaultCorsActions(Session session, Dialect dialect) {
        this.session = session;
        this.dialect = dialect;
    }

    private ObjectStore store() {
        return session.store();
    }

    @Override
    public String edit(String bucket, CorsUi ui) throws Exception {
        ui.progress("reading the CORS configuration of s3://" + bucket);
        Optional<CorsConfiguration> current = store().getCors(bucket);
        String before = current.map(CorsXml::write).orElse(EMPTY_DOCUMENT);
        Path file = Files.createTempFile("s3sh-cors-", ".xml",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(file, before, StandardCharsets.UTF_8);
            while (true) {
                ui.editFile(file);
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.equals(before)) return "no changes to the CORS configuration of s3://" + bucket;
                CorsConfiguration next;
                try {
                    next = CorsParser.parse(text, file.getFileName().toString());
                } catch (CorsParseException e) {
                    List<String> problems = new ArrayList<>(List.of(e.getMessage()));
                    problems.addAll(e.problems());
                    if (ui.confirm("The document is not valid. Edit it again?", problems)) continue;
                    return "edit abandoned: nothing was changed on s3://" + bucket;
                }
                if (next.rules().isEmpty()) {
                    return "the edited document has no rules: nothing was changed (use delete to remove the configuration)";
                }
                return replace(bucket, current, Optional.of(next), "Apply this CORS configuration to s3://" + bucket + "?", ui);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public String delete(String bucket, CorsUi ui) throws Exception {
        Optional<CorsConfiguration> current = store().getCors(bucket);
        if (current.isEmpty()) return "s3://" + bucket + " has no CORS configuration to delete";
        return replace(bucket, current, Optional.empty(),
                "Delete the CORS configuration of s3://" + bucket + " (" + rules(current.get()) + ")?", ui);
    }

    @Override
    public String undo(String bucket, CorsUi ui) throws Exception {
        Deque<Optional<CorsConfiguration>> past = history.get(bucket);
        if (past == null || past.isEmpty()) return "nothing to undo on s3://" + bucket + " in this session";
        Optional<CorsConfiguration> current = store().getCors(bucket);
        Optional<CorsConfiguration> previous = past.peek();
        String result = replace(bucket, current, previous, "Undo the last CORS change on s3://" + bucket + "?", ui);
        if (result.startsWith("not changed")) return result;
        past.pop();      // the undo itself is not recorded: undo walks back one step at a time
        past.pop();
        return "undone: " + result;
    }

    @Override
    public List<String> templates() {
        return List.copyOf(TEMPLATES.keySet());
    }

    @Override
    public String applyTemplate(String bucket, String template, CorsUi ui) throws Exception {
        CorsConfiguration next = TEMPLATES.get(template);
        if (next == null) throw new IllegalArgumentException("no template named '" + template + "': choose one of " + templates());
        Optional<CorsConfiguration> current = store().getCors(bucket);
        return replace(bucket, current, Optional.of(next),
                "Replace the CORS configuration of s3://" + bucket + " with the template " + template + "?", ui);
    }

    /** Diff → confirm → put or delete → read back and compare → remember for undo. */
    private String replace(String bucket, Optional<CorsConfiguration> current, Optional<CorsConfiguration> next,
                           String question, CorsUi ui) throws Exception {
        List<String> detail = new ArrayList<>(lineDiff(current.map(CorsXml::write).orElse(""),
                next.map(CorsXml::write).orElse("")));
        if (next.isPresent()) {
            List<CorsWarning> warnings = CorsLinter.lint(next.get(), dialect);
            if (!warnings.isEmpty()) detail.add("");
            for (CorsWarning w : warnings) detail.add(w.severity().id() + ": rule " + w.rule() + ": " + w.message());
        }
        if (!ui.confirm(question, detail)) return "not changed: s3://" + bucket + " keeps its CORS configuration";
        ui.progress("saving the CORS configuration of s3://" + bucket);
        if (next.isPresent()) store().putCors(bucket, next.get());
        else store().deleteCors(bucket);
        history.computeIfAbsent(bucket, b -> new ArrayDeque<>()).push(current);
        ui.progress("reading it back from s3://" + bucket);
        Optional<CorsConfiguration> stored = store().getCors(bucket);
        if (stored.isPresent() != next.isPresent()
                || stored.isPresent() && !normalized(stored.get()).equals(normalized(next.get()))) {
            ui.show("Read-back differs", lineDiff(next.map(CorsXml::write).orElse(""),
                    stored.map(CorsXml::write).orElse("")));
            return "CORS set, but the server reports a different configuration";
        }
        return next.isPresent()
                ? "CORS set: " + rules(next.get()) + ", read back OK"
                : "CORS deleted, read back OK";
    }

    /**
     * A line diff for the confirmation dialog ("- old", "+ new", "  same"): Commons Text's
     * {@link StringsComparator} compares characters, so each distinct line becomes one private-use
     * character first.
     */
    static List<String> lineDiff(String before, String after) {
        java.util.Map<String, Character> codes = new java.util.HashMap<>();
        List<String> byCode = new ArrayList<>();
        java.util.function.Function<String, String> encode = text -> {
            StringBuilder b = new StringBuilder();
            if (text.isEmpty()) return "";
            for (String line : text.split("\n", -1)) {
                b.append(codes.computeIfAbsent(line, l -> {
                    byCode.add(l);
                    return (char) (0xE000 + byCode.size() - 1);
                }));
            }
            return b.toString();
        };
        String a = encode.apply(before), z = encode.apply(after);
        List<String> out = new ArrayList<>();
        new StringsComparator(a, z).getScript().visit(new CommandVisitor<Character>() {
            @Override
            public void visitInsertCommand(Character c) {
                out.add("+ " + byCode.get(c - 0xE000));
            }

            @Override
            public void visitKeepCommand(Character c) {
                out.add("  " + byCode.get(c - 0xE000));
            }

            @Override
            public void visitDeleteCommand(Character c) {
                out.add("- " + byCode.get(c - 0xE000));
            }
        });
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) out.remove(out.size() - 1);
        return out;
    }

    private static String rules(CorsConfiguration c) {
        return c.rules().size() == 1 ? "1 rule" : c.rules().size() + " rules";
    }

    /** Servers store rules their own way (RGW sorts and dedups lists): compare by structure. */
    static List<Object> normalized(CorsConfiguration c) {
        List<Object> out = new ArrayList<>();
        for (CorsRule r : c.rules()) {
            out.add(List.of(String.valueOf(r.id()),
                    new java.util.TreeSet<>(r.allowedMethods().stream().map(String::trim).map(s -> s.toUpperCase(Locale.ROOT)).toList()),
                    new java.util.TreeSet<>(r.allowedOrigins().stream().map(String::trim).toList()),
                    new java.util.TreeSet<>(r.allowedHeaders().stream().map(String::trim).map(s -> s.toLowerCase(Locale.ROOT)).toList()),
                    new java.util.TreeSet<>(r.exposeHeaders().stream().map(String::trim).toList()),
                    String.valueOf(r.maxAgeSeconds())));
        }
        return out;
    }

    @Override
    public ProbeResult probe(String bucket, CorsRequest request) throws Exception {
        var profile = session.profile();
        URI endpoint = profile.endpoint() != null ? profile.endpoint() : URI.create(profile.endpointLabel());
        String base = endpoint.toString().replaceAll("/+$", "");
        String url = profile.pathStyle() ? base + "/" + bucket + "/"
                : endpoint.getScheme() + "://" + bucket + "." + endpoint.getAuthority() + "/";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (request.origin() != null) b.header("Origin", request.origin());
        if (request.requestMethod() != null) b.header("Access-Control-Request-Method", request.requestMethod());
        if (request.requestHeaders() != null) b.header("Access-Control-Request-Headers", request.requestHeaders());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<Void> response = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("access-control-") || lower.equals("vary")) headers.put(lower, String.join(", ", values));
        });
        return new ProbeResult(url, response.statusCode(), headers);
    }
}
