package dev.s3sh.config;

/** Masking for anything that must not be shown in full. */
public final class Secrets {
    private Secrets() {
    }

    /** At most the last four characters survive: {@code ****abcd}; short or empty values show nothing. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) return "(none)";
        if (secret.length() < 12) return "****";
        return "****" + secret.substring(secret.length() - 4);
    }
}
