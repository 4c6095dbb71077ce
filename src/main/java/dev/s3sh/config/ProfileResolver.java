package dev.s3sh.config;

import java.net.URI;
import java.util.Map;

/**
 * Builds the session's {@link Profile} from command-line options and the environment.
 * Precedence: flags, then environment.
 */
public final class ProfileResolver {
    private final Map<String, String> env;

    public ProfileResolver(Map<String, String> env) {
        this.env = env;
    }

    public Profile resolve(ConnectionOptions options) {
        String endpoint = first(options.endpoint(), env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"));
        URI uri = endpoint == null ? null : parseEndpoint(endpoint);
        String region = first(options.region(), env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), "us-east-1");
        // an IP or localhost endpoint cannot do virtual-host addressing
        boolean pathStyle = options.pathStyle() != null ? options.pathStyle() : uri != null && looksLocal(uri);
        String name = options.profile() != null ? options.profile() : uri == null ? "aws" : "env";
        return new Profile(name, uri, region, env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"),
                env.get("AWS_SESSION_TOKEN"), pathStyle, options.dialect());
    }

    static URI parseEndpoint(String endpoint) {
        String withScheme = endpoint.contains("://") ? endpoint : "https://" + endpoint;
        URI uri;
        try {
            uri = URI.create(withScheme);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("endpoint '" + endpoint + "' is not a URL: give it as http://HOST:PORT or https://HOST");
        }
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new ConfigException("endpoint '" + endpoint + "' is not an http(s) URL: give it as http://HOST:PORT or https://HOST");
        }
        return uri;
    }

    static boolean looksLocal(URI uri) {
        String host = uri.getHost();
        return host.equals("localhost") || host.matches("[0-9.]+") || host.startsWith("[");
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) if (v != null && !(v instanceof String s && s.isBlank())) return v;
        return null;
    }
}
