package dev.s3sh.store;

import dev.s3sh.config.Profile;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.s3.S3Utilities;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends real CORS requests: exactly what a browser sends, nothing more, and for a signed one a SigV4
 * Authorization header as the SDK computes it. A request goes to the URL the SDK itself uses for
 * the object (and so the one {@code signurl} gives a page): the virtual-hosted
 * {@code https://BUCKET.HOST/KEY} unless the profile asks for path style, and over a client with
 * the profile's own trust, proxy and timeouts ({@link HttpClients}).
 * Only OPTIONS, GET and HEAD are ever sent: a probe never changes anything.
 */
final class CorsProbe {
    private final Profile profile;
    private final HttpClients clients;
    private final S3Utilities urls;
    private HttpClient http;

    private final AwsCredentialsProvider credentials;

    CorsProbe(Profile profile, AwsCredentialsProvider credentials, HttpClients clients, S3Utilities urls) {
        this.profile = profile;
        this.credentials = credentials;
        this.clients = clients;
        this.urls = urls;
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
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(clients.requestTimeout());
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
                .identity(credentials.resolveCredentials())
                .request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, profile.region() == null ? "us-east-1" : profile.region())
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(clients.requestTimeout())
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
        if (http == null) http = clients.probe();
        return http;
    }

    static boolean isCors(String lowerName) {
        return lowerName.startsWith("access-control-") || lowerName.equals("vary");
    }

    /**
     * The URL a request for the object (or, with a null key, the bucket) goes to: the SDK's own, so
     * that the probe reaches the host a browser reaches, virtual-hosted or path style.
     */
    URI url(String bucket, String key) {
        if (key != null && !key.isEmpty()) {
            return toUri(urls.getUrl(b -> b.bucket(bucket).key(key)));
        }
        // the SDK builds object URLs only: take one for a one-letter key and drop that key
        String object = toUri(urls.getUrl(b -> b.bucket(bucket).key("k"))).toString();
        return URI.create(object.substring(0, object.length() - 1));
    }

    private static URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the SDK gave an unusable URL " + url + ": " + e.getMessage(), e);
        }
    }
}
