package dev.s3sh.store;

import dev.s3sh.config.Profile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends real CORS requests over plain HTTP: exactly what a browser sends, nothing more, and for a
 * signed one a SigV4 Authorization header as the SDK computes it.
 * Only OPTIONS, GET and HEAD are ever sent: a probe never changes anything.
 */
final class CorsProbe {
    private final Profile profile;
    private final Timeouts timeouts;
    private HttpClient http;

    CorsProbe(Profile profile, Timeouts timeouts) {
        this.profile = profile;
        this.timeouts = timeouts;
    }

    ProbeResult send(ProbeRequest r) throws IOException, InterruptedException {
        String method = r.method().toUpperCase(Locale.ROOT);
        if (!r.preflight() && !method.equals("GET") && !method.equals("HEAD")) {
            throw new IllegalArgumentException("an actual probe sends only GET or HEAD, so that it changes nothing; "
                    + "check " + method + " with a preflight instead");
        }
        return r.signed() ? signed(r, method) : anonymous(r, method);
    }

    private ProbeResult anonymous(ProbeRequest r, String method) throws IOException, InterruptedException {
        URI uri = url(r.bucket(), r.key());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeouts.attempt());
        StringBuilder exchange = new StringBuilder();
        String wireMethod = r.preflight() ? "OPTIONS" : method;
        exchange.append("> ").append(wireMethod).append(' ').append(uri).append('\n');
        if (r.origin() != null) {
            b.header("Origin", r.origin());
            exchange.append("> Origin: ").append(r.origin()).append('\n');
        }
        if (r.preflight()) {
            b.header("Access-Control-Request-Method", method);
            exchange.append("> Access-Control-Request-Method: ").append(method).append('\n');
        }
        if (!r.requestHeaders().isEmpty()) {
            String joined = String.join(", ", r.requestHeaders());
            b.header("Access-Control-Request-Headers", joined);
            exchange.append("> Access-Control-Request-Headers: ").append(joined).append('\n');
        }
        b.method(wireMethod, HttpRequest.BodyPublishers.noBody());
        return exchange(b.build(), exchange);
    }

    private ProbeResult exchange(HttpRequest request, StringBuilder exchange) throws IOException, InterruptedException {
        HttpResponse<Void> response = http().send(request, HttpResponse.BodyHandlers.discarding());
        exchange.append("< ").append(response.statusCode()).append('\n');
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            exchange.append("< ").append(name).append(": ").append(String.join(", ", values)).append('\n');
            if (isCors(lower)) headers.put(lower, String.join(", ", values));
        });
        return new ProbeResult(response.statusCode(), headers, exchange.toString());
    }

    /**
     * Signs with SigV4 over host and x-amz-* only, then adds Origin unsigned, as a browser would:
     * RGW rejects a signature that covers Origin (SignatureDoesNotMatch), so the SDK's own
     * request path, which signs every header it is given, cannot send this request.
     */
    private ProbeResult signed(ProbeRequest r, String method) throws IOException, InterruptedException {
        URI uri = url(r.bucket(), r.key());
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
                .uri(uri)
                .method(SdkHttpMethod.fromValue(method))
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .build();
        SignedRequest signedRequest = AwsV4HttpSigner.create().sign(s -> s
                .identity(AwsBasicCredentials.create(profile.accessKey(), profile.secretKey()))
                .request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, profile.region() == null ? "us-east-1" : profile.region())
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeouts.attempt())
                .method(method, HttpRequest.BodyPublishers.noBody());
        StringBuilder exchange = new StringBuilder("> " + method + " " + uri + "\n");
        signedRequest.request().forEachHeader((name, values) -> {
            if (name.equalsIgnoreCase("Host")) return; // the HTTP client sets it from the URI
            b.header(name, String.join(",", values));
            exchange.append("> ").append(name).append(": ")
                    .append(name.equalsIgnoreCase("Authorization") ? "(redacted)" : String.join(",", values)).append('\n');
        });
        if (r.origin() != null) {
            b.header("Origin", r.origin());
            exchange.append("> Origin: ").append(r.origin()).append('\n');
        }
        if (!r.requestHeaders().isEmpty()) {
            b.header("Access-Control-Request-Headers", String.join(", ", r.requestHeaders()));
        }
        return exchange(b.build(), exchange);
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(timeouts.connect()).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    static boolean isCors(String lowerName) {
        return lowerName.startsWith("access-control-") || lowerName.equals("vary");
    }

    /** The object's URL as the profile addresses it: path style or virtual host. */
    URI url(String bucket, String key) {
        String encodedKey = key == null ? "" : encodePath(key);
        URI base = profile.endpoint() != null ? profile.endpoint()
                : URI.create("https://s3." + (profile.region() == null ? "us-east-1" : profile.region()) + ".amazonaws.com");
        String scheme = base.getScheme();
        String authority = base.getRawAuthority();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        if (profile.pathStyle()) {
            return URI.create(scheme + "://" + authority + basePath + "/" + bucket + "/" + encodedKey);
        }
        return URI.create(scheme + "://" + bucket + "." + authority + basePath + "/" + encodedKey);
    }

    private static String encodePath(String key) {
        StringBuilder b = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            if (b.length() > 0 || key.startsWith("/")) b.append('/');
            b.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

}
