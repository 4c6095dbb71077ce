package dev.s3sh.cors;

import java.util.Locale;

/**
 * Whose CORS semantics to reproduce (docs/rgw-cors-semantics.md; the contract in docs/architecture.md). Ceph RGW comes in two behaviours that differ in how
 * a rule is chosen:
 * <ul>
 *   <li>{@link #RGW} ({@code rgw}): <b>origin-first</b>, RGW before the 2026 change (Ceph 16 to 20.2.x before
 *       the backport, Linode today): the first rule whose AllowedOrigin matches decides alone; if it lacks
 *       the method or a header the request is denied and later rules are never tried.</li>
 *   <li>{@link #RGW_2026} ({@code rgw-2026}): <b>full-match</b>, RGW after Ceph PR #69190 (main, Tentacle
 *       20.2.x backport): the first rule matching origin, method and (on a preflight) every requested
 *       header decides, as on AWS. Everything else (header formats, Vary, echo) is RGW's.</li>
 *   <li>{@link #AWS} ({@code aws}): AWS S3.</li>
 * </ul>
 */
public enum Dialect {
    RGW, RGW_2026, AWS;

    /**
     * "rgw" (also "ceph", "linode", "rgw-origin-first", "origin-first"), "rgw-2026" (also "rgw-full-match",
     * "full-match", "rgw-tentacle") or "aws" ("s3"), any case.
     */
    public static Dialect of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "rgw", "ceph", "linode", "rgw-origin-first", "origin-first" -> RGW;
            case "rgw-2026", "rgw-full-match", "full-match", "rgw-tentacle" -> RGW_2026;
            case "aws", "s3" -> AWS;
            default -> throw new IllegalArgumentException("dialect must be rgw (RGW before the 2026 change, origin-first), "
                    + "rgw-2026 (RGW after it, full-match) or aws, not '" + name + "'");
        };
    }

    /** The name users type: "rgw", "rgw-2026" or "aws". */
    public String id() {
        return switch (this) {
            case RGW -> "rgw";
            case RGW_2026 -> "rgw-2026";
            case AWS -> "aws";
        };
    }

    /** True for both Ceph RGW behaviours: they share parsing, matching and header formats. */
    public boolean isRgw() {
        return this != AWS;
    }

    /** How the dialect chooses a rule: "origin-first" or "full-match" (the names of the command contract, docs/architecture.md). */
    public String ruleChoice() {
        return this == RGW ? "origin-first" : "full-match";
    }

    /** One line for help and output, e.g. "rgw-2026: Ceph RGW after the 2026 change (full-match)". */
    public String describe() {
        return switch (this) {
            case RGW -> "rgw: Ceph RGW before the 2026 change (origin-first: the first rule whose origin matches decides alone)";
            case RGW_2026 -> "rgw-2026: Ceph RGW after the 2026 change, Ceph PR #69190 (full-match: the first rule matching origin, method and headers decides)";
            case AWS -> "aws: AWS S3 (full-match)";
        };
    }
}
