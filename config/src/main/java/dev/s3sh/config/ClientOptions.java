package dev.s3sh.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * How to reach an endpoint beyond its URL: a CA bundle to trust (null: the JVM's), whether TLS
 * verification is switched off, an HTTP proxy (null: none), and whether signed URLs use https
 * (null: like the endpoint). TLS verification is on unless {@code insecure} says otherwise.
 */
public record ClientOptions(Path caBundle, boolean insecure, URI proxy, Boolean signUrlHttps) {
    public static final ClientOptions DEFAULT = new ClientOptions(null, false, null, null);
}
