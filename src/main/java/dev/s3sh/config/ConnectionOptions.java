package dev.s3sh.config;

/**
 * Connection settings given on the command line; null means "not given". Profiles from files and
 * the environment fill what these leave open.
 */
public record ConnectionOptions(String endpoint, String region, Boolean pathStyle, String profile, String dialect) {
    public static final ConnectionOptions NONE = new ConnectionOptions(null, null, null, null, null);
}
