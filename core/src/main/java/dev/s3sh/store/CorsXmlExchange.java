package dev.s3sh.store;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDocument;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsXml;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A bucket's CORS document crosses the wire as XML that s3sh writes ({@link CorsXml}) and reads ({@link CorsParser})
 * itself, on the SDK's own signed request path (endpoint, addressing, trust, retries, errors, {@code --debug}).
 * The SDK's model holds MaxAgeSeconds as an {@code Integer}: RGW accepts and stores values up to 2^32-2 (and
 * reads any number), so a rule with {@code MaxAgeSeconds 3000000000} would be dropped on push by the SDK and make
 * its parser fail on read. The interceptors below swap the marshalled body before signing (the checksum and the
 * signature are computed on our bytes) and take the answer's body before the SDK parses it.
 */
final class CorsXmlExchange {
    /** What the SDK is given to parse after a successful GET ?cors, whose real body we keep. */
    private static final byte[] EMPTY_CONFIGURATION = "<CORSConfiguration/>".getBytes(StandardCharsets.UTF_8);

    private CorsXmlExchange() {
    }

    /** For PUT ?cors: sends {@code configuration} as our XML in place of what the SDK marshalled. */
    static Consumer<AwsRequestOverrideConfiguration.Builder> sending(CorsConfiguration configuration) {
        return sending(CorsXml.write(configuration).getBytes(StandardCharsets.UTF_8));
    }

    /** For any PUT of an XML sub-resource (also ?lifecycle): sends {@code xml} in place of what the SDK marshalled. */
    static Consumer<AwsRequestOverrideConfiguration.Builder> sending(byte[] xml) {
        ExecutionInterceptor body = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return context.httpRequest().toBuilder()
                        .putHeader("Content-Length", Integer.toString(xml.length))
                        .putHeader("Content-Type", "application/xml")
                        .build();
            }

            @Override
            public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return Optional.of(RequestBody.fromBytes(xml));
            }
        };
        return o -> o.addPlugin(config -> config.overrideConfiguration(c -> c.addExecutionInterceptor(body)));
    }

    /** For one GET ?cors: keeps the body of a successful answer, for {@link #configuration(String)}. */
    static final class Reading implements ExecutionInterceptor {
        private volatile byte[] body;
        private final byte[] placeholder;

        Reading() {
            this(EMPTY_CONFIGURATION);
        }

        /** For another XML sub-resource (also ?lifecycle): {@code placeholder} is the empty document the SDK parses instead. */
        Reading(String placeholder) {
            this(placeholder.getBytes(StandardCharsets.UTF_8));
        }

        private Reading(byte[] placeholder) {
            this.placeholder = placeholder;
        }

        /** The body of the successful answer, or null. */
        byte[] body() {
            return body;
        }

        Consumer<AwsRequestOverrideConfiguration.Builder> plugin() {
            return o -> o.addPlugin(config -> config.overrideConfiguration(c -> c.addExecutionInterceptor(this)));
        }

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            // errors keep their body: the SDK turns them into codes (NoSuchCORSConfiguration, AccessDenied, ...)
            if (!context.httpResponse().isSuccessful() || context.responseBody().isEmpty()) return context.responseBody();
            try (InputStream in = context.responseBody().get()) {
                body = in.readNBytes(CorsParser.MAX_STORED_DOCUMENT_BYTES + 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // more than any server stores (RGW: 1 MiB): the same refusal as every other answer too large to hold
            if (body.length > CorsParser.MAX_STORED_DOCUMENT_BYTES) {
                throw new ResponseCap.TooLarge("GetBucketCors", CorsParser.MAX_STORED_DOCUMENT_BYTES, -1);
            }
            return Optional.of(new ByteArrayInputStream(placeholder));
        }

        /** The configuration the server sent, read by our parser; a StoreException when it cannot be read. */
        CorsConfiguration configuration(String bucket) {
            byte[] received = body;
            if (received == null) throw new StoreException("EmptyCorsResponse", 200, "the server answered GET ?cors for bucket "
                    + bucket + " without a body");
            CorsDocument doc = CorsParser.readStored(received, "the CORS document of bucket " + bucket);
            if (doc.readable()) return doc.configuration();
            String first = doc.syntaxProblems().stream().findFirst().map(CorsProblem::render).orElse("unreadable");
            throw new StoreException("UnreadableCorsResponse", 200, "the server's CORS document for bucket " + bucket
                    + " cannot be read: " + first);
        }
    }
}
