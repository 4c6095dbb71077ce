package dev.s3sh.store;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * GetObject of a byte range, its body read straight from the socket, and HeadObject. Through the SDK's client
 * every read of a download passed its stack of stream wrappers and the response pipeline (an
 * interceptor chain, checksum and length checks that s3sh repeats itself with MD5), and the first
 * GetObject of a process loaded and initialised that pipeline's classes: measured in
 * bench/results/transfer.md. Integrity stays the caller's: {@link Transfers} checks each range's
 * length and MD5 against the object's ETag.
 *
 * <p>As the SDK does, a request that gets no answer or a 500/503 is tried again (three attempts in
 * all); a body that breaks off later is for the caller to resume with a new range. Failures become
 * SDK exceptions so that the store's one {@link ErrorTranslator} words them.
 */
final class DirectGet {
    private static final String META = "x-amz-meta-";
    private final DirectRequests requests;

    DirectGet(DirectRequests requests) {
        this.requests = requests;
    }

    /** What a HeadObject answers, as the SDK's response would hold it. */
    record Head(long size, Instant lastModified, String contentType, String etag, String storageClass,
                Map<String, String> metadata) {
    }

    /**
     * HeadObject, of part {@code partNumber} when above 0. A refusal has no body to name its code:
     * the store's translator words it by its status (404: no such key), as for the SDK's HEAD.
     */
    Head head(String bucket, String key, int partNumber) {
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder()
                .uri(requests.object(bucket, key))
                .method(SdkHttpMethod.HEAD)
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        if (partNumber > 0) b.putRawQueryParameter("partNumber", Integer.toString(partNumber));
        try (DirectRequests.Answer a = answer(b.build(), 200)) {
            Map<String, String> metadata = new TreeMap<>();
            a.response().forEachHeader((name, values) -> {
                if (name.regionMatches(true, 0, META, 0, META.length()) && !values.isEmpty()) {
                    metadata.put(name.substring(META.length()), values.get(0));
                }
            });
            String modified = a.header("Last-Modified");
            String length = a.header("Content-Length");
            return new Head(length == null ? 0 : Long.parseLong(length.trim()),
                    modified == null ? null : DateTimeFormatter.RFC_1123_DATE_TIME.parse(modified, Instant::from),
                    a.header("Content-Type"), a.header("ETag"), a.header("x-amz-storage-class"), metadata);
        } catch (DateTimeParseException e) {
            throw SdkClientException.create("the server's Last-Modified is not an HTTP date: " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw SdkClientException.create("the server's Content-Length is not a number: " + e.getMessage(), e);
        }
    }

    /** Bytes {@code first..last} of the object; {@code last < 0}: to its end; the whole object when first is 0 too. */
    InputStream open(String bucket, String key, long first, long last) {
        boolean ranged = first > 0 || last >= 0;
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder()
                .uri(requests.object(bucket, key))
                .method(SdkHttpMethod.GET)
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        if (ranged) b.putHeader("Range", "bytes=" + Math.max(first, 0) + "-" + (last < 0 ? "" : Long.toString(last)));
        DirectRequests.Answer a = answer(b.build(), 206);
        try {
            startsAt(a, ranged, Math.max(first, 0));
            return a.body();
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /**
     * Sends the request until it is answered 2xx (returned, its body unread) or refused; a request
     * that gets no answer or a 500/503 is tried again, as the SDK does.
     */
    private DirectRequests.Answer answer(SdkHttpFullRequest request, int expected) {
        for (int attempt = 1; ; attempt++) {
            try {
                DirectRequests.Answer a = requests.send(request, null);
                int status = a.status();
                if (status == 200 || status == expected) return a;
                S3Exception refused = DirectRequests.refusal(a);
                if ((status != 500 && status != 503) || attempt >= DirectPut.ATTEMPTS) throw refused;
            } catch (IOException e) {
                // Ctrl-C; a socket timeout is an InterruptedIOException too, but it is the network: try again
                if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
                    throw AbortedException.create("interrupted", e);
                }
                requests.noResponse(e);
                if (Thread.currentThread().isInterrupted() || attempt >= DirectPut.ATTEMPTS) {
                    throw SdkClientException.create("Unable to execute HTTP request: " + e.getMessage(), e);
                }
            }
            DirectRequests.pause(attempt);
        }
    }

    /**
     * A range's body must be that range: a server that ignored the Range header (200, the whole
     * object) would otherwise have the object's first bytes written at {@code first}, or more bytes
     * than the range holds hashed as its part.
     */
    private static void startsAt(DirectRequests.Answer a, boolean ranged, long first) {
        if (!ranged) return;
        String range = a.header("Content-Range");
        if (a.status() != 206 || range == null || !range.startsWith("bytes " + first + "-")) {
            throw SdkClientException.create("the server answered the range from byte " + first + " with "
                    + (range == null ? "status " + a.status() + " and no Content-Range" : "Content-Range " + range));
        }
    }
}
