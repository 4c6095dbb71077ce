package dev.s3sh.cors;

import java.util.Locale;

/** Whose CORS semantics to reproduce: Ceph RGW (Linode) or AWS S3. They differ (DESIGN §5). */
public enum Dialect {
    RGW, AWS;

    /** "rgw" or "aws", any case. */
    public static Dialect of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "rgw", "ceph", "linode" -> RGW;
            case "aws", "s3" -> AWS;
            default -> throw new IllegalArgumentException("dialect must be rgw or aws, not '" + name + "'");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
