package dev.s3sh.store;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RGW writes a key holding ESC (or another character XML 1.0 cannot hold) as {@code &#x1b;} in
 * the answers that echo keys without URL-encoding them: starting and completing a multipart upload,
 * and listing uploads (it ignores encoding-type there). The SDK's XML parser refuses such a
 * reference, so an upload started on the server could not be read, listed or aborted. In those
 * answers each such reference becomes a marker that XML 1.0 can hold (U+FDD0, a noncharacter kept
 * for internal use, the code in hex, ';'); {@link #decode} turns the parsed text back into the key.
 * A U+FDD0 already in the answer is written as a marker too, so decoding gives back exactly the key.
 */
final class XmlKeyRefs implements ExecutionInterceptor {
    private static final char MARK = '\uFDD0';
    private static final Pattern CHAR_REF = Pattern.compile("&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});|\uFDD0");
    private static final Pattern MARKED = Pattern.compile("\uFDD0([0-9a-f]{1,6});");

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        var request = context.request();
        if (body.isEmpty() || !(request instanceof CreateMultipartUploadRequest || request instanceof CompleteMultipartUploadRequest
                || request instanceof ListMultipartUploadsRequest || request instanceof ListObjectsV2Request)) {
            return body;
        }
        try (InputStream in = body.get()) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8); // capped by ResponseCap, which comes first
            return Optional.of(new ByteArrayInputStream(encode(xml).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code xml} with references to characters XML 1.0 cannot hold (and U+FDD0 itself) written as markers. */
    static String encode(String xml) {
        if (xml.indexOf("&#") < 0 && xml.indexOf(MARK) < 0) return xml;
        return CHAR_REF.matcher(xml).replaceAll(r -> {
            if (r.group(1) == null) return MARK + "fdd0;";
            String ref = r.group(1);
            int c = ref.startsWith("x") ? Integer.parseInt(ref.substring(1), 16) : Integer.parseInt(ref);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            return allowed ? Matcher.quoteReplacement(r.group()) : MARK + Integer.toHexString(c) + ";";
        });
    }

    /** The key (or marker, prefix) as the server meant it: markers back to their characters; null stays null. */
    static String decode(String text) {
        if (text == null || text.indexOf(MARK) < 0) return text;
        return MARKED.matcher(text).replaceAll(r -> Matcher.quoteReplacement(
                new String(Character.toChars(Integer.parseInt(r.group(1), 16)))));
    }
}
