package dev.s3sh.store;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the requests sent outside the SDK's client ({@link DirectPut}, {@link DirectGet}, {@link DirectList}) share with
 * it: the object's URL as the SDK addresses it (path-style or virtual-hosted), SigV4 with the same
 * credentials and region, the same HTTP configuration (one {@link SocketHttpClient}, kept alive), {@code --debug}'s
 * wire log, and refusals turned into the {@link S3Exception}s the store's {@link ErrorTranslator} words.
 */
final class DirectRequests {
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private final SocketHttpClient sockets;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final S3Utilities urls;
    private final WireLog wireLog;

    DirectRequests(HttpClients http, AwsCredentialsProvider credentials, String region, S3Utilities urls, WireLog wireLog) {
        this.sockets = new SocketHttpClient(http);
        this.credentials = credentials;
        this.region = region;
        this.urls = urls;
        this.wireLog = wireLog;
    }

    /** The object's URL as the SDK's client would send to it. */
    URI object(String bucket, String key) {
        try {
            return urls.getUrl(b -> b.bucket(bucket).key(key)).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the SDK gave an unusable URL for " + key + ": " + e.getMessage(), e);
        }
    }

    /** A server's answer: its status line and headers, and its body (empty for a HEAD) for the caller to read and close. */
    record Answer(SdkHttpResponse response, InputStream body) implements AutoCloseable {
        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.firstMatchingHeader(name).orElse(null);
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // the connection is closed with it: nothing more to do
            }
        }
    }

    /**
     * Signs the request afresh (the signature carries the time), sends it with {@code body} (null:
     * none) through {@link SocketHttpClient}, and shows both sides in the wire log.
     */
    Answer send(SdkHttpFullRequest request, ContentStreamProvider body) throws IOException {
        SdkHttpRequest signed = sign(request);
        if (wireLog != null) wireLog.request(signed);
        HttpExecuteRequest.Builder e = HttpExecuteRequest.builder().request(signed);
        if (body != null) e.contentStreamProvider(body);
        HttpExecuteResponse r = sockets.prepareRequest(e.build()).call();
        if (wireLog != null) wireLog.response(r.httpResponse());
        return new Answer(r.httpResponse(), r.responseBody().map(InputStream.class::cast).orElseGet(InputStream::nullInputStream));
    }

    /** How many connections the direct requests have opened (tests: kept-alive connections are reused). */
    int connectionsOpened() {
        return sockets.connectionsOpened();
    }

    void close() {
        sockets.close();
    }

    /** Signed afresh for each attempt: the signature carries the time. */
    SdkHttpRequest sign(SdkHttpFullRequest request) {
        return AwsV4HttpSigner.create().sign(s -> s
                .identity(credentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                // S3's canonical request: the path as sent, neither encoded twice nor normalised
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)).request();
    }

    /** A network failure with no answer, in the wire log. */
    void noResponse(IOException e) {
        if (wireLog != null) wireLog.noResponse(e);
    }

    /** The server's refusal (its XML error body read, if any) as the SDK would have raised it. */
    static S3Exception refusal(Answer answer) {
        String body = "";
        try (answer) {
            body = new String(answer.body().readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // the status alone still says what happened
        }
        return refusal(answer.status(), answer.response().statusText().orElse(null), body);
    }

    /** A refusal with its status line's text and its body (XML, or empty: a HEAD's) as the SDK's exception. */
    static S3Exception refusal(int status, String statusText, String body) {
        String code = first(ERROR_CODE, body);
        String message = first(ERROR_MESSAGE, body);
        // no error body (a HEAD's refusal): the SDK words it by the status line's text
        if (message == null) message = statusText;
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .message(message)
                .build();
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** As the SDK backs off between attempts: 100 ms, then 200 ms. */
    static void pause(int attempt) {
        try {
            Thread.sleep(100L << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.create("interrupted", e);
        }
    }
}
