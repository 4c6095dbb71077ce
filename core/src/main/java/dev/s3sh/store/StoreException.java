package dev.s3sh.store;

/**
 * A failure talking to the object store, already turned into one plain sentence.
 * {@code code} is the S3 error code ("NoSuchBucket") or a local one ("ConnectionRefused").
 */
public class StoreException extends RuntimeException {
    private final String code;
    private final int status;

    public StoreException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public StoreException(String code, int status, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    /** HTTP status, or 0 when no response came back. */
    public int status() {
        return status;
    }
}
