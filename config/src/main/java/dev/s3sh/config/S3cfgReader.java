package dev.s3sh.config;

import java.util.Map;

/**
 * Reads the {@code [default]} section of an s3cmd configuration ({@code ~/.s3cfg},
 * {@code $S3CMD_CONFIG} or {@code -c FILE}) into a {@link Layer}. Values starting with {@code $}
 * are taken from the environment, as s3cmd does.
 */
final class S3cfgReader {
    static final String SECTION = "default";

    private final IniFile file;
    private final Map<String, String> env;
    private final Map<String, IniFile.Entry> entries;

    private S3cfgReader(IniFile file, Map<String, String> env) {
        this.file = file;
        this.env = env;
        this.entries = file.section(SECTION);
    }

    static Layer read(IniFile file, Map<String, String> env) {
        return new S3cfgReader(file, env).read();
    }

    private Layer read() {
        if (!file.hasSection(SECTION)) {
            throw new ConfigException(file.displayName() + " has no [default] section: s3cmd writes its settings there "
                    + "(run 's3cmd --configure' or add the [default] header)");
        }
        Layer layer = new Layer("s3cmd configuration (" + file.displayName() + ")");
        put(layer, Field.ACCESS_KEY, "access_key");
        put(layer, Field.SECRET_KEY, "secret_key");
        put(layer, Field.SESSION_TOKEN, "access_token");

        String hostBase = value("host_base");
        Boolean https = bool("use_https");
        if (hostBase != null && !hostBase.equalsIgnoreCase("s3.amazonaws.com")) {
            String url = hostBase.contains("://") ? hostBase : (https == null || https ? "https://" : "http://") + hostBase;
            layer.put(Field.ENDPOINT, url, where("host_base") + (https == null ? "" : " and " + where("use_https")));
        }
        String hostBucket = value("host_bucket");
        if (hostBucket != null) {
            boolean virtual = hostBucket.contains("%(bucket)s");
            layer.put(Field.PATH_STYLE, Boolean.toString(!virtual), where("host_bucket")
                    + (virtual ? " (%(bucket)s template: virtual-host)" : " (no %(bucket)s template: path style)"));
        }
        String location = value("bucket_location");
        if (location != null) {
            String region = switch (location.toUpperCase(java.util.Locale.ROOT)) {
                case "US" -> "us-east-1";
                case "EU" -> "eu-west-1";
                default -> location;
            };
            layer.put(Field.REGION, region, where("bucket_location") + (region.equals(location) ? "" : " (" + location + ")"));
        }
        if (Boolean.TRUE.equals(bool("signature_v2"))) {
            layer.warn(where("signature_v2") + " asks for AWS signature version 2: s3sh signs with version 4 only "
                    + "(every current S3 service, RGW included, accepts it), so that setting is ignored");
        }
        Boolean check = bool("check_ssl_certificate");
        if (check != null) layer.put(Field.INSECURE, Boolean.toString(!check), where("check_ssl_certificate"));
        put(layer, Field.CA_BUNDLE, "ca_certs_file");
        String proxyHost = value("proxy_host");
        if (proxyHost != null) {
            String port = value("proxy_port");
            if (port != null && !port.matches("[0-9]{1,5}")) {
                throw new ConfigException(where("proxy_port") + ": proxy_port must be a port number, not '" + port + "'");
            }
            String url = (proxyHost.contains("://") ? proxyHost : "http://" + proxyHost) + ":" + (port == null ? "3128" : port);
            layer.put(Field.PROXY, url, where("proxy_host"));
        }
        Boolean signHttps = bool("signurl_use_https");
        if (signHttps != null) layer.put(Field.SIGNURL_HTTPS, signHttps.toString(), where("signurl_use_https"));
        return layer;
    }

    private void put(Layer layer, Field field, String key) {
        layer.put(field, value(key), where(key));
    }

    private String where(String key) {
        IniFile.Entry e = entries.get(key);
        return e == null ? file.displayName() : file.where(e);
    }

    /** The value, with a leading {@code $NAME} or {@code ${NAME}} read from the environment; null if empty. */
    private String value(String key) {
        IniFile.Entry e = entries.get(key);
        if (e == null) return null;
        String v = e.value();
        if (v.startsWith("$")) {
            String name = v.startsWith("${") && v.endsWith("}") ? v.substring(2, v.length() - 1) : v.substring(1);
            v = env.get(name);
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    private Boolean bool(String key) {
        String v = value(key);
        if (v == null) return null;
        Boolean b = Layer.parseBoolean(v);
        if (b == null) {
            throw new ConfigException(where(key) + ": " + key + " must be True or False (or yes/no, on/off, 1/0), not '"
                    + v + "'");
        }
        return b;
    }
}
