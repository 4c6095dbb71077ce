package dev.s3sh.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * s3sh's own file ({@code $XDG_CONFIG_HOME/s3sh/config}), for what s3cmd's and the AWS CLI's files
 * cannot say:
 * <pre>
 * [settings]
 * default_profile = atlanta
 * dialect = rgw            # when a profile does not say
 * editor = vim             # when neither VISUAL nor EDITOR is set
 * color = never            # auto (default) or never
 *
 * [profile atlanta]
 * cluster = us-southeast-1 # or endpoint = https://...
 * aws_profile = linode     # keys (and more) from this AWS profile; or s3cfg = ~/.s3cfg-linode
 * access_key = ...         # or keys here (profile add writes them; the file is kept 0600)
 * secret_key = ...
 * region, session_token, path_style, dialect, ca_bundle, insecure
 * </pre>
 */
public final class S3shConfigFile {
    public static final String SETTINGS = "settings";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final IniFile ini;

    private S3shConfigFile(IniFile ini) {
        this.ini = ini;
    }

    /** Reads the file; an absent file is an empty configuration. */
    /** The file as read (an empty one when it does not exist). */
    IniFile ini() {
        return ini;
    }

    public static S3shConfigFile read(Path path, String displayName) {
        IniFile ini = IniFile.readIfExists(path, displayName);
        return new S3shConfigFile(ini == null ? IniFile.parse("", displayName) : ini);
    }

    public String displayName() {
        return ini.displayName();
    }

    public Set<String> profileNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String s : ini.sectionNames()) if (s.startsWith("profile ")) names.add(s.substring(8).strip());
        return names;
    }

    public boolean has(String name) {
        return ini.hasSection("profile " + name);
    }

    /** A {@code [settings]} value, or null. */
    public String setting(String key) {
        IniFile.Entry e = ini.section(SETTINGS).get(key);
        return e == null || e.value().isBlank() ? null : e.value();
    }

    /** Where a setting comes from, e.g. "~/.config/s3sh/config line 2". */
    public String settingSource(String key) {
        IniFile.Entry e = ini.section(SETTINGS).get(key);
        return e == null ? ini.displayName() : ini.where(e);
    }

    /** A profile's own values plus its references to another tool's profile. */
    record ProfileSection(Layer layer, IniFile.Entry awsProfile, IniFile.Entry s3cfg, String where) {
    }

    ProfileSection profile(String name) {
        Map<String, IniFile.Entry> s = ini.section("profile " + name);
        Layer layer = new Layer("s3sh profile '" + name + "' (" + ini.displayName() + ")");
        IniFile.Entry cluster = s.get("cluster");
        IniFile.Entry endpoint = s.get("endpoint");
        if (cluster != null && endpoint != null) {
            throw new ConfigException(ini.where(endpoint) + ": profile '" + name + "' gives both cluster and endpoint: keep one");
        }
        put(layer, Field.REGION, s, "region");
        if (cluster != null) {
            try {
                layer.cluster(cluster.value(), ini.where(cluster));
            } catch (ConfigException e) {
                throw new ConfigException(ini.where(cluster) + ": " + e.getMessage());
            }
        }
        put(layer, Field.ENDPOINT, s, "endpoint");
        put(layer, Field.ACCESS_KEY, s, "access_key");
        put(layer, Field.SECRET_KEY, s, "secret_key");
        put(layer, Field.SESSION_TOKEN, s, "session_token");
        bool(layer, Field.PATH_STYLE, s, "path_style");
        bool(layer, Field.INSECURE, s, "insecure");
        put(layer, Field.CA_BUNDLE, s, "ca_bundle");
        IniFile.Entry dialect = s.get("dialect");
        if (dialect != null) layer.put(Field.DIALECT, checkDialect(dialect.value(), ini.where(dialect)), ini.where(dialect));
        IniFile.Entry header = s.values().stream().findFirst().orElse(null);
        return new ProfileSection(layer, s.get("aws_profile"), s.get("s3cfg"),
                header == null ? ini.displayName() : ini.where(header));
    }

    String where(IniFile.Entry e) {
        return ini.where(e);
    }

    static String checkDialect(String value, String where) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("rgw") && !v.equals("rgw-2026") && !v.equals("aws")) {
            throw new ConfigException(where + ": dialect must be rgw (RGW before the 2026 change), rgw-2026 (after it) or aws, not '"
                    + value + "'");
        }
        return v;
    }

    private void put(Layer layer, Field field, Map<String, IniFile.Entry> s, String key) {
        IniFile.Entry e = s.get(key);
        if (e != null) layer.putIfAbsent(field, e.value(), ini.where(e));
    }

    private void bool(Layer layer, Field field, Map<String, IniFile.Entry> s, String key) {
        IniFile.Entry e = s.get(key);
        if (e == null) return;
        Boolean b = Layer.parseBoolean(e.value());
        if (b == null) throw new ConfigException(ini.where(e) + ": " + key + " must be true or false, not '" + e.value() + "'");
        layer.put(field, b.toString(), ini.where(e));
    }

    /**
     * Adds (or replaces) {@code [profile NAME]} with the given keys, keeping the rest of the file.
     * The file is written to a temporary sibling created owner-only (0600) and moved into place, so
     * a secret is never readable by others, not even for a moment.
     */
    public static void writeProfile(Path path, String name, Map<String, String> values) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigException("profile name '" + name + "' may hold only letters, digits, '.', '_' and '-'");
        }
        try {
            List<String> lines = new ArrayList<>(Files.exists(path)
                    ? Files.readAllLines(path, StandardCharsets.UTF_8) : List.of());
            List<String> kept = new ArrayList<>();
            boolean skipping = false;
            for (String line : lines) {
                String t = line.strip();
                if (t.startsWith("[")) skipping = t.replaceAll("\\s+", " ").equals("[profile " + name + "]");
                if (!skipping) kept.add(line);
            }
            while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) kept.remove(kept.size() - 1);
            if (!kept.isEmpty()) kept.add("");
            kept.add("[profile " + name + "]");
            values.forEach((k, v) -> {
                if (v != null && !v.isBlank()) kept.add(k + " = " + v);
            });
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + path.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                throw new IOException("someone else is writing " + tmp);
            }
            Files.write(tmp, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot write " + path + ": " + e.getMessage() + ": check the directory's permissions");
        }
    }
}
