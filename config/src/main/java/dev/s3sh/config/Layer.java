package dev.s3sh.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one source (command-line flags, the environment, one profile of one file) says, each value
 * with where it came from. {@link ProfileResolver} stacks layers by precedence.
 */
public final class Layer {
    /** A value and its origin, e.g. {@code "~/.s3cfg line 3"} or {@code "AWS_REGION"}. */
    public record Sourced(String value, String source) {
    }

    private final String description;
    private final Map<Field, Sourced> values = new EnumMap<>(Field.class);
    private final List<String> warnings = new ArrayList<>();
    private DelegatedCredentials delegated;

    public Layer(String description) {
        this.description = description;
    }

    /** E.g. "aws profile 'linode' (~/.aws/config, ~/.aws/credentials)". */
    public String description() {
        return description;
    }

    /** Sets a value; blank values count as not set. */
    public Layer put(Field field, String value, String source) {
        if (value != null && !value.isBlank()) values.put(field, new Sourced(value.strip(), source));
        return this;
    }

    /** Sets a value only where this layer has none yet (a lower-priority key of the same file). */
    public Layer putIfAbsent(Field field, String value, String source) {
        if (!values.containsKey(field)) put(field, value, source);
        return this;
    }

    public Sourced get(Field field) {
        return values.get(field);
    }

    public boolean has(Field field) {
        return values.containsKey(field);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public void remove(Field field) {
        values.remove(field);
    }

    /** This layer's keys come from an AWS profile's credential provider, not from stored keys. */
    public Layer delegate(DelegatedCredentials credentials) {
        this.delegated = credentials;
        return this;
    }

    /** Null unless {@link #delegate} was called. */
    public DelegatedCredentials delegated() {
        return delegated;
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    public List<String> warnings() {
        return warnings;
    }

    /**
     * A Linode cluster: its endpoint, virtual-host addressing, the RGW dialect and the cluster id as
     * signing region (unless this layer names a region itself). An id s3sh does not know is used as
     * given, with a warning.
     */
    public Layer cluster(String id, String source) {
        String cluster = LinodeClusters.check(id);
        String unknown = LinodeClusters.unknownWarning(cluster, source);
        if (unknown != null) warn(unknown);
        String from = "cluster " + cluster + " (" + source + ")";
        put(Field.ENDPOINT, LinodeClusters.endpoint(cluster).toString(), from);
        put(Field.PATH_STYLE, "false", from);
        put(Field.DIALECT, "rgw", from);
        putIfAbsent(Field.REGION, cluster, from);
        return this;
    }

    /** yes/no in every spelling s3cmd and the AWS CLI accept; null when not a boolean. */
    public static Boolean parseBoolean(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
