package dev.s3sh.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Profiles of the AWS CLI's shared files: {@code ~/.aws/config} ({@code [default]},
 * {@code [profile NAME]}, {@code [services NAME]}) and {@code ~/.aws/credentials} ({@code [NAME]}).
 * Keys in the credentials file win over the same keys in the config file, as in the AWS CLI.
 */
final class AwsFilesReader {
    /** Keys that make the SDK obtain the profile's keys at connect time, in the order the SDK checks them. */
    private static final List<String> DELEGATED = List.of("role_arn", "web_identity_token_file", "sso_session",
            "sso_start_url", "credential_process");

    private final IniFile config;
    private final IniFile credentials;

    /** Either file may be null (absent). */
    /** The files read (either may be null). */
    List<IniFile> iniFiles() {
        return java.util.Arrays.asList(config, credentials);
    }

    AwsFilesReader(IniFile config, IniFile credentials) {
        this.config = config;
        this.credentials = credentials;
    }

    Set<String> profileNames() {
        Set<String> names = new LinkedHashSet<>();
        if (config != null) {
            for (String s : config.sectionNames()) {
                if (s.equals("default")) names.add(s);
                else if (s.startsWith("profile ")) names.add(s.substring(8).strip());
            }
        }
        if (credentials != null) names.addAll(credentials.sectionNames());
        return names;
    }

    boolean has(String name) {
        return profileNames().contains(name);
    }

    /** The files this profile can come from, for messages. */
    String files() {
        StringBuilder b = new StringBuilder();
        if (config != null) b.append(config.displayName());
        if (credentials != null) b.append(b.isEmpty() ? "" : ", ").append(credentials.displayName());
        return b.isEmpty() ? "no AWS files" : b.toString();
    }

    Layer read(String name) {
        Layer layer = new Layer("aws profile '" + name + "' (" + files() + ")");
        Map<String, IniFile.Entry> cred = credentials == null ? Map.of() : credentials.section(name);
        Map<String, IniFile.Entry> conf = config == null ? Map.of()
                : config.section(name.equals("default") && !config.hasSection("default") ? "profile default"
                : name.equals("default") ? "default" : "profile " + name);
        credential(layer, Field.ACCESS_KEY, "aws_access_key_id", cred, conf);
        credential(layer, Field.SECRET_KEY, "aws_secret_access_key", cred, conf);
        credential(layer, Field.SESSION_TOKEN, "aws_session_token", cred, conf);
        if (!layer.has(Field.ACCESS_KEY) && !layer.has(Field.SECRET_KEY)) {
            for (String key : DELEGATED) {
                IniFile file = conf.containsKey(key) ? config : cred.containsKey(key) ? credentials : null;
                if (file != null) {
                    IniFile.Entry entry = file == config ? conf.get(key) : cred.get(key);
                    layer.delegate(new DelegatedCredentials(name, key, file.where(entry),
                            config == null ? null : config.path(), credentials == null ? null : credentials.path()));
                    break;
                }
            }
        }
        put(layer, Field.REGION, conf, "region", config);
        // endpoint: [services X] s3 endpoint_url, then the profile's nested s3 endpoint_url, then endpoint_url
        IniFile.Entry services = conf.get("services");
        if (services != null) {
            String section = "services " + services.value();
            if (!config.hasSection(section)) {
                throw new ConfigException(config.where(services) + ": profile '" + name + "' names services '"
                        + services.value() + "', but there is no [" + section + "] section: add it or remove that line");
            }
            put(layer, Field.ENDPOINT, config.section(section), "s3.endpoint_url", config);
        }
        put(layer, Field.ENDPOINT, conf, "s3.endpoint_url", config);
        put(layer, Field.ENDPOINT, conf, "endpoint_url", config);
        IniFile.Entry addressing = conf.get("s3.addressing_style");
        if (addressing != null) {
            switch (addressing.value().toLowerCase(java.util.Locale.ROOT)) {
                case "path" -> layer.put(Field.PATH_STYLE, "true", config.where(addressing));
                case "virtual" -> layer.put(Field.PATH_STYLE, "false", config.where(addressing));
                case "auto" -> { /* the default rule applies */ }
                default -> throw new ConfigException(config.where(addressing)
                        + ": addressing_style must be path, virtual or auto, not '" + addressing.value() + "'");
            }
        }
        put(layer, Field.CA_BUNDLE, conf, "ca_bundle", config);
        return layer;
    }

    private void credential(Layer layer, Field field, String key, Map<String, IniFile.Entry> cred,
                            Map<String, IniFile.Entry> conf) {
        put(layer, field, cred, key, credentials);
        put(layer, field, conf, key, config);
    }

    private static void put(Layer layer, Field field, Map<String, IniFile.Entry> section, String key, IniFile file) {
        IniFile.Entry e = section.get(key);
        if (e != null) layer.putIfAbsent(field, e.value(), file.where(e));
    }
}
