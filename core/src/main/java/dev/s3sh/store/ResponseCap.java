package dev.s3sh.store;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Caps what the SDK may read of an answer it parses whole (listings, CORS, policy, lifecycle, ACL,
 * error bodies): the SDK builds each of them in memory, so a broken or hostile server answering
 * 100 MB ran the JVM out of memory. Object bodies (GetObject) stream to their destination and are
 * not capped. A page of 1000 listed keys of the longest kind is about 4 MB.
 */
final class ResponseCap implements ExecutionInterceptor {
    static final long DEFAULT_LIMIT = 8L << 20;

    private final long limit;

    ResponseCap(long limit) {
        this.limit = limit;
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || context.request() instanceof GetObjectRequest) return body;
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        long declared = context.httpResponse().firstMatchingHeader("Content-Length").map(ResponseCap::parse).orElse(-1L);
        return Optional.of(new Capped(body.get(), limit, operation, declared, attributes));
    }

    /**
     * The SDK reads an error body itself and, when that fails, reports only the status: the cap
     * that stopped it is put back as the cause, so that the user reads why.
     */
    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        TooLarge capped = attributes.getAttribute(CAPPED);
        Throwable e = context.exception();
        if (capped == null) return e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TooLarge) return e;
        }
        if (e instanceof SdkException sdk) return sdk.toBuilder().cause(capped).build(); // the SDK wants the same class back
        return e;
    }

    private static final ExecutionAttribute<TooLarge> CAPPED = new ExecutionAttribute<>("s3sh.responseCapped");

    private static long parse(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** An answer larger than s3sh will hold; unchecked so that the SDK does not retry it as an I/O failure. */
    static final class TooLarge extends RuntimeException {
        final String operation;
        final long limit;
        final long declared;

        TooLarge(String operation, long limit, long declared) {
            super("the answer to " + operation + " is larger than " + limit + " bytes", null, false, false);
            this.operation = operation;
            this.limit = limit;
            this.declared = declared;
        }
    }

    private static final class Capped extends FilterInputStream {
        private final long limit;
        private final String operation;
        private final long declared;
        private long read;

        private final ExecutionAttributes attributes;

        Capped(InputStream in, long limit, String operation, long declared, ExecutionAttributes attributes) {
            super(in);
            this.attributes = attributes;
            this.limit = limit;
            this.operation = operation;
            this.declared = declared;
        }

        private void check() {
            if (declared > limit || read > limit) {
                TooLarge e = new TooLarge(operation, limit, declared);
                attributes.putAttribute(CAPPED, e);
                throw e;
            }
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            if (b >= 0) read++;
            check();
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            check();
            int n = super.read(buf, off, (int) Math.min(len, limit + 1 - read));
            if (n > 0) read += n;
            check();
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            check();
            long skipped = super.skip(Math.min(n, limit + 1 - read));
            read += Math.max(skipped, 0);
            check();
            return skipped;
        }
    }
}
