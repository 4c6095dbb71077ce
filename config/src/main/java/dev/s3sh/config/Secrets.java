package dev.s3sh.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masking and redaction for anything that must not be shown in full. */
public final class Secrets {
    /** Request headers whose value is a credential or a signature. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-amz-security-token",
            "x-amz-credential", "x-amz-signature", "proxy-authorization", "cookie");
    /** Query parameters of signed URLs that carry a credential or a signature. */
    private static final Pattern SECRET_PARAMS = Pattern.compile(
            "(?i)([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|AWSAccessKeyId|x-amz-security-token)=)[^&#\\s]*");

    private Secrets() {
    }

    /** At most the last four characters survive: {@code ****abcd}; short or empty values show nothing. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) return "(none)";
        if (secret.length() < 12) return "****";
        return "****" + secret.substring(secret.length() - 4);
    }

    /** A URL with the values of signature and credential parameters replaced by {@code REDACTED}. */
    public static String redactUrl(String url) {
        if (url == null) return null;
        return SECRET_PARAMS.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "REDACTED"));
    }

    /** The header's value, or {@code REDACTED} when it carries a credential or signature. */
    public static String redactHeader(String name, String value) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? "REDACTED" : value;
    }

    /** {@code text} with every occurrence of the given secrets replaced by their mask. */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) return null;
        String result = text;
        for (String s : secrets) {
            if (s != null && s.length() >= 4) result = result.replace(s, mask(s));
        }
        return result;
    }
}
