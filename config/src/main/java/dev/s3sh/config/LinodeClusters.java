package dev.s3sh.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Linode (Akamai) Object Storage clusters: each is an independent RGW at
 * {@code https://CLUSTER.linodeobjects.com} that lists only its own buckets, signs with the
 * cluster id as region, and addresses buckets as virtual hosts.
 * <p>
 * Any id shaped like Linode's ({@code xx-yyy-N}: country, place, number) is accepted, since Linode
 * opens regions faster than s3sh is released; one not on {@link #KNOWN} gets a warning, never a refusal.
 * <p>
 * Tests only: the system property {@value #TEST_ENDPOINT_PROPERTY} (e.g.
 * {@code -Ds3sh.test.cluster-endpoint=https://s3.example.test:7443}) sends every cluster to that
 * endpoint instead of {@code https://CLUSTER.linodeobjects.com}, so that a test can run a
 * {@code --cluster} profile (virtual hosts, the cluster id as region, RGW dialect) against the local
 * RGW, which serves one DNS name only. Nothing sets it outside tests.
 */
public final class LinodeClusters {
    /** Clusters known when this was written; newer ids of the same shape are accepted too (with a warning). */
    public static final List<String> KNOWN = List.of(
            "us-east-1", "us-southeast-1", "eu-central-1", "ap-south-1",
            "us-iad-1", "us-ord-1", "us-sea-1", "us-lax-1", "us-mia-1", "fr-par-1", "se-sto-1",
            "nl-ams-1", "es-mad-1", "it-mil-1", "in-maa-1", "in-bom-2", "jp-osa-1", "jp-tyo-3",
            "id-cgk-1", "br-gru-1", "gb-lon-1", "au-mel-1", "sg-sin-2", "de-fra-2");
    private static final Pattern SHAPE = Pattern.compile("[a-z]{2}-[a-z]+-[0-9]{1,2}");
    public static final String DOMAIN = ".linodeobjects.com";
    public static final String TEST_ENDPOINT_PROPERTY = "s3sh.test.cluster-endpoint";

    private LinodeClusters() {
    }

    /** The cluster id in normal form; a {@link ConfigException} saying what ids look like otherwise. */
    public static String check(String id) {
        String normal = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        if (normal.endsWith(DOMAIN)) normal = normal.substring(0, normal.length() - DOMAIN.length());
        if (!SHAPE.matcher(normal).matches()) {
            throw new ConfigException("'" + id + "' is not a Linode cluster id: give one such as us-southeast-1 ("
                    + String.join(", ", KNOWN.subList(0, 6)) + ", ...)");
        }
        return normal;
    }

    public static URI endpoint(String id) {
        String cluster = check(id);
        String testEndpoint = System.getProperty(TEST_ENDPOINT_PROPERTY);
        if (testEndpoint != null && !testEndpoint.isBlank()) return URI.create(testEndpoint.strip());
        return URI.create("https://" + cluster + DOMAIN);
    }

    /** Whether the id (normal form) is one of the clusters s3sh knows. */
    public static boolean known(String id) {
        return KNOWN.contains(id);
    }

    /**
     * A warning for a well-shaped id that s3sh does not know (a region newer than this release, or a
     * typing mistake), naming where it came from; null for a known id.
     */
    public static String unknownWarning(String id, String source) {
        String cluster = check(id);
        if (known(cluster)) return null;
        return "cluster '" + cluster + "' (" + source + ") is not on s3sh's list of Linode clusters, so s3sh uses "
                + endpoint(cluster) + " as given: if that does not answer, check the id against Linode's list of regions";
    }

    /** The cluster id when {@code endpoint} is a Linode cluster's, else null. */
    public static String clusterOf(URI endpoint) {
        if (endpoint == null || endpoint.getHost() == null) return null;
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        if (!host.endsWith(DOMAIN)) return null;
        String id = host.substring(0, host.length() - DOMAIN.length());
        return SHAPE.matcher(id).matches() ? id : null;
    }
}
