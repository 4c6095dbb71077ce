package dev.s3sh.store;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * PutObject and UploadPart of a file slice, streamed from the file to the socket with a fixed
 * Content-Length. Through the SDK's pipeline the body was held whole in memory before a byte was
 * sent, and over plain HTTP the SDK signs every 128 KiB chunk with SHA-256, which the server hashes
 * again. Here the payload goes as {@code UNSIGNED-PAYLOAD} (headers, path and query stay signed)
 * with its MD5 in a signed {@code Content-MD5} header: the server refuses a body that does not
 * match it (BadDigest), so a part altered in transit, or a file changed between hashing and
 * sending, is never stored, over plain HTTP as over HTTPS. The caller also compares that MD5 with
 * the ETag the server answers. Measured in bench/results/transfer.md.
 *
 * <p>An attempt broken by the network or answered 500/503 is sent again from the slice's start,
 * as the SDK retries (three attempts in all). Failures become SDK exceptions so that the store's
 * one {@link ErrorTranslator} words them.
 */
final class DirectPut {
    static final int ATTEMPTS = 3;
    private static final int BUFFER = 64 * 1024;

    /** One slice of a file to send. */
    interface Slice {
        InputStream open() throws IOException;
    }

    private final DirectRequests requests;

    DirectPut(HttpClients http, AwsCredentialsProvider credentials, String region, S3Utilities urls, WireLog wireLog) {
        this(new DirectRequests(http, credentials, region, urls, wireLog));
    }

    DirectPut(DirectRequests requests) {
        this.requests = requests;
    }

    /**
     * Sends the slice as the object (uploadId null) or as part {@code partNumber}; returns the
     * answer's ETag (quotes removed) and the MD5 the server checked the bytes against.
     */
    ObjectStore.SentPart send(String bucket, String key, String uploadId, int partNumber, long length,
                              String contentType, Slice slice, LongConsumer sent) {
        byte[] md5 = md5(slice, length);
        SdkHttpFullRequest request = request(bucket, key, uploadId, partNumber, length, contentType,
                Base64.getEncoder().encodeToString(md5));
        for (int attempt = 1; ; attempt++) {
            try (DirectRequests.Answer a = requests.send(request, () -> counted(slice, length, sent))) {
                int status = a.status();
                if (status / 100 == 2) {
                    a.body().readNBytes(64 * 1024);   // an ETag answer has no body to speak of: a hostile one is not read to its end
                    String etag = a.header("ETag");
                    return new ObjectStore.SentPart(etag == null ? null : etag.replace("\"", ""),
                            HexFormat.of().formatHex(md5));
                }
                S3Exception refused = DirectRequests.refusal(a);
                if ((status != 500 && status != 503) || attempt >= ATTEMPTS) throw refused;
            } catch (IOException e) {
                // Ctrl-C; a socket timeout is an InterruptedIOException too, but it is the network: try again
                if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
                    throw AbortedException.create("interrupted", e);
                }
                requests.noResponse(e);
                if (Thread.currentThread().isInterrupted() || attempt >= ATTEMPTS) {
                    throw SdkClientException.create("Unable to execute HTTP request: " + e.getMessage(), e);
                }
            }
            DirectRequests.pause(attempt);
        }
    }

    /**
     * The slice as the request's body, opened when first read (each attempt reads it afresh), counted
     * into {@code sent} as it goes; Ctrl-C stops it between buffers.
     */
    private static InputStream counted(Slice slice, long length, LongConsumer sent) {
        return new InputStream() {
            private InputStream in;
            private long left = length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) return -1;
                if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted");
                if (in == null) in = slice.open();
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n < 0) throw new IOException("the file ended " + left + " bytes early: it changed during the upload");
                left -= n;
                if (sent != null) sent.accept(n);
                return n;
            }

            @Override
            public void close() throws IOException {
                if (in != null) in.close();
            }
        };
    }

    /** The slice's MD5, read once before sending: the header that carries it is signed with the request. */
    private static byte[] md5(Slice slice, long length) {
        MessageDigest md5 = S3ObjectStore.md5();
        try {
            copy(slice, length, (buf, n) -> md5.update(buf, 0, n));
        } catch (InterruptedIOException e) {
            throw AbortedException.create("interrupted", e);
        } catch (IOException e) {
            throw SdkClientException.create("cannot read the file to upload: " + e.getMessage(), e);
        }
        return md5.digest();
    }

    /** Where {@link #copy} hands each buffer it read. */
    private interface Sink {
        void accept(byte[] buf, int n) throws IOException;
    }

    /** Reads the slice's {@code length} bytes into {@code sink}; Ctrl-C stops it between buffers. */
    private static void copy(Slice slice, long length, Sink sink) throws IOException {
        try (InputStream in = slice.open()) {
            byte[] buf = new byte[BUFFER];
            long left = length;
            while (left > 0) {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted");
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) throw new IOException("the file ended " + left + " bytes early: it changed during the upload");
                sink.accept(buf, n);
                left -= n;
            }
        }
    }

    private SdkHttpFullRequest request(String bucket, String key, String uploadId, int partNumber, long length,
                                       String contentType, String contentMd5) {
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder()
                .uri(requests.object(bucket, key))
                .method(SdkHttpMethod.PUT)
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .putHeader("Content-MD5", contentMd5)
                .putHeader("Content-Length", Long.toString(length));
        if (uploadId != null) {
            b.putRawQueryParameter("partNumber", Integer.toString(partNumber)).putRawQueryParameter("uploadId", uploadId);
        } else {
            b.putHeader("Content-Type", contentType == null ? "application/octet-stream" : contentType);
        }
        return b.build();
    }
}
