package dev.s3sh.store;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;

/**
 * GetObject of a byte range, its body read straight from the connection. Through the SDK's client
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
    private final DirectRequests requests;

    DirectGet(DirectRequests requests) {
        this.requests = requests;
    }

    /** Bytes {@code first..last} of the object; {@code last < 0}: to its end; the whole object when first is 0 too. */
    InputStream open(String bucket, String key, long first, long last) {
        boolean ranged = first > 0 || last >= 0;
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder()
                .uri(requests.object(bucket, key))
                .method(SdkHttpMethod.GET)
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        if (ranged) b.putHeader("Range", "bytes=" + Math.max(first, 0) + "-" + (last < 0 ? "" : Long.toString(last)));
        SdkHttpFullRequest request = b.build();
        for (int attempt = 1; ; attempt++) {
            HttpURLConnection c = null;
            boolean answered = false;
            try {
                c = requests.connect(request);
                int status = requests.status(c);
                if (status == 200 || status == 206) {
                    startsAt(c, status, ranged ? Math.max(first, 0) : 0);
                    InputStream body = new Body(c);
                    answered = true;
                    return body;
                }
                S3Exception refused = DirectRequests.refusal(c, status);
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
            } finally {
                if (c != null && !answered) c.disconnect();
            }
            DirectRequests.pause(attempt);
        }
    }

    /**
     * The body must start where it was asked to: a server that ignored the Range header (200, the
     * whole object) would otherwise have the object's first bytes written at {@code first}.
     */
    private static void startsAt(HttpURLConnection c, int status, long first) {
        if (first == 0 && status == 200) return;
        String range = c.getHeaderField("Content-Range");
        if (status != 206 || range == null || !range.startsWith("bytes " + first + "-")) {
            throw SdkClientException.create("the server answered the range from byte " + first + " with "
                    + (range == null ? "status " + status + " and no Content-Range" : "Content-Range " + range));
        }
    }

    /** The answer's body; closing it hands a fully read connection back for reuse (keep-alive). */
    private static final class Body extends FilterInputStream {
        private final HttpURLConnection connection;

        Body(HttpURLConnection connection) throws IOException {
            super(connection.getInputStream());
            this.connection = connection;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (IOException e) {
                connection.disconnect();
                throw e;
            }
        }
    }
}
