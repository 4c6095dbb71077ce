package dev.s3sh.store;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the requests sent outside the SDK's client ({@link DirectPut}, {@link DirectGet}, {@link DirectList}) share with
 * it: the object's URL as the SDK addresses it (path-style or virtual-hosted), SigV4 with the same
 * credentials and region, the same HTTP configuration ({@link HttpClients#open}), {@code --debug}'s
 * wire log, and refusals turned into the {@link S3Exception}s the store's {@link ErrorTranslator} words.
 */
final class DirectRequests {
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private final HttpClients http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final S3Utilities urls;
    private final WireLog wireLog;

    DirectRequests(HttpClients http, AwsCredentialsProvider credentials, String region, S3Utilities urls, WireLog wireLog) {
        this.http = http;
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

    /**
     * Signs the request afresh (the signature carries the time), opens a connection for it with its
     * headers set, and shows it in the wire log. The caller sends the body, if any, and reads the answer.
     */
    HttpURLConnection connect(SdkHttpFullRequest request) throws IOException {
        SdkHttpRequest signed = sign(request);
        HttpURLConnection c = http.open(signed.getUri());
        c.setRequestMethod(signed.method().name());
        // as the SDK: a redirect (another region, say) is the server's answer, not followed
        c.setInstanceFollowRedirects(false);
        signed.forEachHeader((name, values) -> {
            // the connection writes Host and Content-Length itself
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                c.setRequestProperty(name, String.join(",", values));
            }
        });
        if (wireLog != null) wireLog.request(signed);
        return c;
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

    /** Reads the status and shows the answer's headers in the wire log. */
    int status(HttpURLConnection c) throws IOException {
        int status = c.getResponseCode();
        if (wireLog != null) wireLog.response(response(c, status));
        return status;
    }

    /** A network failure with no answer, in the wire log. */
    void noResponse(IOException e) {
        if (wireLog != null) wireLog.noResponse(e);
    }

    /** The server's refusal (its XML error body read, if any) as the SDK would have raised it. */
    static S3Exception refusal(HttpURLConnection c, int status) {
        String body = "";
        try (InputStream err = c.getErrorStream()) {
            if (err != null) body = new String(err.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // the status alone still says what happened
        }
        String statusText = null;
        try {
            statusText = c.getResponseMessage();
        } catch (IOException ignored) {
            // the status alone still says what happened
        }
        return refusal(status, statusText, body);
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

    private static SdkHttpFullResponse response(HttpURLConnection c, int status) {
        SdkHttpFullResponse.Builder b = SdkHttpFullResponse.builder().statusCode(status);
        try {
            if (c.getResponseMessage() != null) b.statusText(c.getResponseMessage());
        } catch (IOException ignored) {
            // the code is shown without its text
        }
        c.getHeaderFields().forEach((name, values) -> {
            if (name != null) b.putHeader(name, List.copyOf(values));
        });
        return b.build();
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
