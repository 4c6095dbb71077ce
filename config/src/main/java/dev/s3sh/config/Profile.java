package dev.s3sh.config;

import java.net.URI;

/**
 * Everything needed to talk to one endpoint. {@code endpoint} is null for AWS's own regional
 * endpoints. {@code dialect} is "rgw", "aws" or null (guess from the endpoint).
 * {@code client} holds TLS and proxy settings. The secret never appears in {@link #toString()}.
 */
public record Profile(String name,
                      URI endpoint,
                      String region,
                      String accessKey,
                      String secretKey,
                      String sessionToken,
                      boolean pathStyle,
                      String dialect,
                      ClientOptions client,
                      DelegatedCredentials delegated) {

    public Profile {
        if (client == null) client = ClientOptions.DEFAULT;
    }

    /** A profile whose keys, if any, are stored in it. */
    public Profile(String name, URI endpoint, String region, String accessKey, String secretKey,
                   String sessionToken, boolean pathStyle, String dialect, ClientOptions client) {
        this(name, endpoint, region, accessKey, secretKey, sessionToken, pathStyle, dialect, client, null);
    }

    /** A profile with default TLS settings (verification on, no proxy). */
    public Profile(String name, URI endpoint, String region, String accessKey, String secretKey,
                   String sessionToken, boolean pathStyle, String dialect) {
        this(name, endpoint, region, accessKey, secretKey, sessionToken, pathStyle, dialect, ClientOptions.DEFAULT);
    }

    /** Stored keys, or an AWS profile that obtains them ({@link #delegated()}). */
    public boolean hasCredentials() {
        if (delegated != null) return true;
        return accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank();
    }

    /** The endpoint as users see it, e.g. {@code http://127.0.0.1:7480}. */
    public String endpointLabel() {
        if (endpoint != null) return endpoint.toString();
        return "https://s3." + (region == null ? "us-east-1" : region) + ".amazonaws.com";
    }

    /** "rgw" or "aws": the explicit dialect, else a guess from the endpoint's host. */
    public String effectiveDialect() {
        if (dialect != null) return dialect;
        if (endpoint == null) return "aws";
        String host = endpoint.getHost() == null ? "" : endpoint.getHost();
        return host.endsWith("amazonaws.com") ? "aws" : "rgw";
    }

    public Profile withName(String newName) {
        return new Profile(newName, endpoint, region, accessKey, secretKey, sessionToken, pathStyle, dialect, client, delegated);
    }

    @Override
    public String toString() {
        return "Profile[name=" + name + ", endpoint=" + endpointLabel() + ", region=" + region
                + ", accessKey=" + Secrets.mask(accessKey) + ", secretKey=" + Secrets.mask(secretKey)
                + ", sessionToken=" + Secrets.mask(sessionToken)
                + ", pathStyle=" + pathStyle + ", dialect=" + dialect + ", insecure=" + client.insecure()
                + (delegated == null ? "" : ", keys from " + delegated.describe()) + "]";
    }
}
