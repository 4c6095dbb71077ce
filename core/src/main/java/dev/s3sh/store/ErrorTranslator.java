package dev.s3sh.store;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Turns SDK exceptions into one plain sentence. RGW sends empty {@code <Message>} elements, so the
 * sentence comes from the error code, never from the server's text alone.
 */
final class ErrorTranslator {
    private static final Map<String, String> BY_CODE = Map.ofEntries(
            Map.entry("NoSuchBucket", "bucket %B does not exist on %E"),
            Map.entry("NoSuchKey", "object %K does not exist in bucket %B"),
            Map.entry("AccessDenied", "access denied to %T on %E: check the access key and its permissions"),
            Map.entry("InvalidAccessKeyId", "the access key is not known to %E: check the profile's credentials"),
            Map.entry("SignatureDoesNotMatch", "%E rejected the request signature: check the secret key and the region"),
            Map.entry("BucketAlreadyExists", "bucket %B already exists (owned by someone else)"),
            Map.entry("BucketAlreadyOwnedByYou", "bucket %B already exists and is yours"),
            Map.entry("BucketNotEmpty", "bucket %B is not empty"),
            Map.entry("InvalidBucketName", "%B is not a valid bucket name"),
            Map.entry("MalformedXML", "%E rejected the document as malformed (MalformedXML)"),
            Map.entry("InvalidRequest", "%E rejected the request as invalid (InvalidRequest)"),
            Map.entry("InvalidArgument", "%E rejected an argument of the request (InvalidArgument)"),
            Map.entry("NoSuchCORSConfiguration", "bucket %B has no CORS configuration"),
            Map.entry("RequestTimeTooSkewed", "this machine's clock differs too much from %E's: fix the clock"),
            Map.entry("SlowDown", "%E asks to slow down (SlowDown): try again shortly"),
            Map.entry("ServiceUnavailable", "%E is unavailable right now (503): try again shortly"),
            Map.entry("InternalError", "%E had an internal error (500): try again"));

    private final String endpoint;
    private final java.util.function.Function<String, String> bucketServer;

    ErrorTranslator(String endpoint) {
        this(endpoint, bucket -> endpoint);
    }

    /**
     * {@code bucketServer}: the server a request about a bucket goes to ({@code https://BUCKET.HOST}
     * when virtual-hosted), so that a failure to connect or to verify TLS names the host really tried.
     */
    ErrorTranslator(String endpoint, java.util.function.Function<String, String> bucketServer) {
        this.endpoint = endpoint;
        this.bucketServer = bucketServer;
    }

    StoreException translate(RuntimeException e, String bucket, String key) {
        if (e instanceof StoreException se) return se;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResponseCap.TooLarge big) return tooLarge(big);
            // raised inside the SDK's pipeline (e.g. by the credentials provider) and wrapped by it
            if (t instanceof StoreException se) return se;
        }
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            int status = ase.statusCode();
            if (code == null || code.isEmpty()) code = status == 404 ? (key != null ? "NoSuchKey" : "NoSuchBucket") : "HTTP" + status;
            String template = BY_CODE.get(code);
            String message;
            if (template != null) {
                message = fill(template, bucket, key);
            } else {
                String serverText = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorMessage();
                message = endpoint + " answered " + status + " " + code
                        + (serverText == null || serverText.isBlank() ? "" : ": " + serverText.strip());
            }
            return new StoreException(code, status, message, null);
        }
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            return new StoreException("Interrupted", 0, "interrupted");
        }
        if (e instanceof ApiCallTimeoutException) {
            return new StoreException("Timeout", 0, server(bucket) + " did not answer in time: check the endpoint and the network");
        }
        if (e instanceof SdkClientException) return network(e, server(bucket));
        return new StoreException("Unexpected", 0, "unexpected error: " + firstLine(String.valueOf(e.getMessage())), e);
    }

    private StoreException tooLarge(ResponseCap.TooLarge big) {
        String size = big.declared > big.limit ? "of " + mib(big.declared) : "larger than " + mib(big.limit);
        return new StoreException("ResponseTooLarge", 0, endpoint + " sent an answer " + size + " to " + big.operation
                + ", more than s3sh holds in memory (" + mib(big.limit) + "): is the endpoint an S3 server?");
    }

    private static String mib(long bytes) {
        return bytes >= (1L << 20) ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** A failure below HTTP (connect, DNS, TLS, timeout), from the SDK or from our own HTTP calls. */
    StoreException network(Exception e) {
        return network(e, endpoint);
    }

    /** As {@link #network(Exception)}, naming {@code endpoint} (the URL actually contacted) in the message. */
    StoreException network(Exception e, String endpoint) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof ConnectException) {
            return new StoreException("ConnectionRefused", 0, "cannot connect to " + endpoint + ": is the server running and the endpoint right?");
        }
        if (root instanceof UnknownHostException) {
            return new StoreException("UnknownHost", 0, "cannot resolve the host of " + endpoint + ": check the endpoint URL");
        }
        Throwable tls = e;
        while (tls != null && !(tls instanceof SSLException)) tls = tls.getCause();
        if (tls != null || root instanceof java.security.cert.CertificateException
                || root instanceof java.security.GeneralSecurityException) {
            String why = root instanceof java.security.cert.CertPathValidatorException
                    || String.valueOf(root.getMessage()).contains("certification path")
                    || String.valueOf(root.getMessage()).contains("PKIX")
                    ? "its certificate is not signed by a CA this machine trusts (self-signed or a private CA)"
                    : root.getMessage() != null && root.getMessage().contains("No subject alternative")
                    ? "its certificate is for another host name" : firstLine(String.valueOf(root.getMessage()));
            return new StoreException("TLS", 0, "cannot verify the TLS certificate of " + endpoint + ": " + why
                    + "; trust its CA with --ca-bundle FILE (a PEM file), or skip verification with --insecure (not recommended)");
        }
        if (root instanceof SocketTimeoutException || root instanceof java.net.http.HttpTimeoutException) {
            return new StoreException("Timeout", 0, endpoint + " did not answer in time: check the endpoint and the network");
        }
        String text = root.getMessage() == null ? root.toString() : root.getMessage();
        return new StoreException("Client", 0, "request to " + endpoint + " failed: " + firstLine(text));
    }

    private String server(String bucket) {
        if (bucket == null) return endpoint;
        try {
            return bucketServer.apply(bucket);
        } catch (RuntimeException notAUsableBucketName) {
            return endpoint;
        }
    }

    private String fill(String template, String bucket, String key) {
        String target = bucket == null ? endpoint : key == null ? "bucket '" + bucket + "'" : "s3://" + bucket + "/" + key;
        return template.replace("%B", "'" + (bucket == null ? "?" : bucket) + "'")
                .replace("%K", "'" + (key == null ? "?" : key) + "'")
                .replace("%T", target)
                .replace("%E", endpoint);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
