package dev.s3sh.tui;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The screen tests' CORS actions: the real {@link ServiceCorsActions} (core's {@code CorsService}
 * on the test's store, history in a private temporary directory), with the live probe done as one
 * plain OPTIONS request so that it needs no SDK store.
 */
public class DefaultCorsActions extends ServiceCorsActions {
    private final Session session;

    public DefaultCorsActions(Session session, Dialect dialect) {
        super(session, stateDir());
        this.session = session;
    }

    private static Path stateDir() {
        try {
            Path dir = Files.createTempDirectory("s3sh-tui-state", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
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
