package dev.s3sh.config;

/**
 * Connection settings given on the command line; null means "not given". Profiles from files and
 * the environment fill what these leave open. {@code profile} names the profile to start with,
 * {@code cluster} a Linode cluster id, {@code s3cfgFile} an s3cmd file ({@code -c FILE}),
 * {@code caBundle} a PEM file of CAs to trust, {@code insecure} switches TLS verification off.
 */
public record ConnectionOptions(String endpoint, String region, Boolean pathStyle, String profile, String dialect,
                                String cluster, String s3cfgFile, String caBundle, boolean insecure) {
    public static final ConnectionOptions NONE = new ConnectionOptions(null, null, null, null, null);

    public ConnectionOptions(String endpoint, String region, Boolean pathStyle, String profile, String dialect) {
        this(endpoint, region, pathStyle, profile, dialect, null, null, null, false);
    }

    public ConnectionOptions withCluster(String newCluster) {
        return new ConnectionOptions(endpoint, region, pathStyle, profile, dialect, newCluster, s3cfgFile, caBundle, insecure);
    }
}
