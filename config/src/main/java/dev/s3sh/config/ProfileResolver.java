package dev.s3sh.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds profiles from the places users already keep them. Precedence, highest first:
 * <ol>
 * <li>command-line flags ({@code --endpoint}, {@code --cluster}, {@code --region}, {@code --path-style},
 * {@code --dialect}, {@code --ca-bundle}, {@code --insecure});</li>
 * <li>the environment ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN},
 * {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL},
 * {@code AWS_CA_BUNDLE});</li>
 * <li>s3sh's own profile of that name ({@code $XDG_CONFIG_HOME/s3sh/config});</li>
 * <li>the AWS profile of that name, or the one the s3sh profile names with {@code aws_profile};</li>
 * <li>the s3cmd file ({@code -c FILE}, {@code $S3CMD_CONFIG} or {@code ~/.s3cfg}) when the profile is
 * {@code s3cfg} or an s3sh profile names it with {@code s3cfg = FILE}.</li>
 * </ol>
 * Which profile: {@code --profile}, else {@code s3cfg} when {@code -c} is given, else
 * {@code AWS_PROFILE}, else s3sh's {@code default_profile} setting, else {@code default} if s3sh or
 * AWS has one, else {@code s3cfg} if the s3cmd file exists. Values merge field by field, except that
 * access key, secret key and session token always come together from one source. When
 * {@code --profile} is given and that profile has keys, the environment's keys do not override
 * them (as in the AWS CLI). Profiles switched to later ({@code profile use}) come from the files
 * alone: flags and environment describe the profile the session started with.
 * <p>
 * The environment is always the map given to the constructor, never the process's own.
 */
public final class ProfileResolver {
    public static final String S3CFG = "s3cfg";
    private static final Field[] CREDENTIALS = {Field.ACCESS_KEY, Field.SECRET_KEY, Field.SESSION_TOKEN};

    private final Map<String, String> env;

    public ProfileResolver(Map<String, String> env) {
        this.env = Map.copyOf(withoutNulls(env));
    }

    private static Map<String, String> withoutNulls(Map<String, String> env) {
        Map<String, String> m = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k != null && v != null) m.put(k, v);
        });
        return m;
    }

    /** The profile the session starts with. */
    public Profile resolve(ConnectionOptions options) {
        return resolveDetailed(options).profile();
    }

    /** The profile the session starts with, and where each value came from. */
    public ResolvedProfile resolveDetailed(ConnectionOptions o) {
        Sources src = sources(o);
        String name = o.profile();
        boolean explicit = name != null;
        if (name == null && o.s3cfgFile() != null) name = S3CFG;
        if (name == null) name = env("AWS_PROFILE");
        if (name == null) name = src.own.setting("default_profile");
        if (name == null && (src.own.has("default") || src.aws.has("default"))) name = "default";
        if (name == null && src.s3cfg() != null) name = S3CFG;

        List<Layer> layers = new ArrayList<>();
        Layer flags = flagLayer(o, false);
        layers.add(flags);
        Layer envLayer = envLayer();
        layers.add(envLayer);
        src.checkProblems(explicit || env("AWS_PROFILE") != null, flags, envLayer);
        List<Layer> files = name == null ? List.of() : fileLayers(name, src);
        if (explicit && files.stream().anyMatch(l -> l.has(Field.ACCESS_KEY) || l.delegated() != null)) {
            for (Field f : CREDENTIALS) envLayer.remove(f);
        }
        layers.addAll(files);
        // --cluster without --profile names the session after the cluster (keys may still come from a file profile)
        String profileName = o.cluster() != null && !explicit ? LinodeClusters.check(o.cluster())
                : name != null ? name
                : layers.stream().anyMatch(l -> l.has(Field.ENDPOINT)) ? "env" : "aws";
        return build(profileName, layers, src);
    }

    /** A named profile from the files, for {@code profile use}; only the TLS flags still apply. */
    public ResolvedProfile resolveNamed(String name, ConnectionOptions o) {
        Sources src = sources(o);
        if (!src.problems.isEmpty()) throw src.problems.get(0);
        List<Layer> layers = new ArrayList<>();
        layers.add(flagLayer(o, true));
        layers.addAll(fileLayers(name, src));
        return build(name, layers, src);
    }

    /**
     * An ad-hoc profile for {@code connect}: {@code target} is a URL or a Linode cluster id; the keys
     * come from {@code keys} (another profile); {@code region}, {@code pathStyle} and {@code dialect}
     * may be null.
     */
    public ResolvedProfile connect(String target, ResolvedProfile keys, String region, Boolean pathStyle,
                                   String dialect, ConnectionOptions o) {
        Layer given = new Layer("connect");
        given.put(Field.REGION, region, "connect --region");
        String name;
        if (!target.matches("[a-z]{2}-[a-z]+-[0-9]{1,2}")) {
            URI uri = parseEndpoint(target);
            given.put(Field.ENDPOINT, uri.toString(), "connect " + target);
            name = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } else {
            name = LinodeClusters.check(target);
            given.cluster(name, "connect " + target);
        }
        if (pathStyle != null) given.put(Field.PATH_STYLE, pathStyle.toString(), "connect --path-style");
        if (dialect != null) given.put(Field.DIALECT, dialect, "connect --dialect");
        Layer creds = new Layer("keys of profile '" + keys.name() + "'");
        Profile k = keys.profile();
        String from = "profile '" + keys.name() + "'";
        creds.put(Field.ACCESS_KEY, k.accessKey(), from + ": " + keys.sources().getOrDefault(Field.ACCESS_KEY.label(), "?"));
        creds.put(Field.SECRET_KEY, k.secretKey(), from + ": " + keys.sources().getOrDefault(Field.SECRET_KEY.label(), "?"));
        creds.put(Field.SESSION_TOKEN, k.sessionToken(), from + ": " + keys.sources().getOrDefault(Field.SESSION_TOKEN.label(), "?"));
        return build(name, List.of(flagLayer(o, true), given, creds), sources(o));
    }

    /** One line of {@code profile list}. */
    public record Available(String name, String from) {
    }

    /** Every profile the files define, s3sh's first, then AWS's, then the s3cmd file. */
    public List<Available> available(ConnectionOptions o) {
        Sources src = sources(o);
        if (!src.problems.isEmpty()) throw src.problems.get(0);
        return available(src);
    }

    private List<Available> available(Sources src) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (String n : src.own.profileNames()) names.computeIfAbsent(n, k -> new ArrayList<>()).add(src.own.displayName());
        for (String n : src.aws.profileNames()) names.computeIfAbsent(n, k -> new ArrayList<>()).add(src.aws.files());
        if (src.s3cfg() != null && !names.containsKey(S3CFG)) {
            names.computeIfAbsent(S3CFG, k -> new ArrayList<>()).add(src.s3cfgFile.displayName());
        }
        List<Available> result = new ArrayList<>();
        names.forEach((n, from) -> result.add(new Available(n, String.join(" + ", from))));
        return result;
    }

    /**
     * Every secret value the configuration sources hold, whichever profile it belongs to: secret keys,
     * session tokens and passwords of s3sh's file, the AWS files, the s3cmd file and the environment.
     * A source that cannot be read adds nothing (it cannot have been shown either).
     */
    public Set<String> secretsInSources(ConnectionOptions o) {
        Set<String> secrets = new java.util.HashSet<>();
        for (String v : List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
            if (env(v) != null) secrets.add(env(v).strip());
        }
        List<IniFile> files = new ArrayList<>();
        try {
            Sources src = sources(o);
            files.addAll(src.aws.iniFiles());
            files.add(src.s3cfgFile);
            files.add(src.own.ini());
            for (String section : src.own.ini() == null ? List.<String>of() : src.own.ini().sectionNames()) {
                var s3cfg = src.own.ini().section(section).get("s3cfg");
                if (s3cfg != null) files.add(IniFile.readIfExists(expand(s3cfg.value()), s3cfg.value()));
            }
        } catch (ConfigException e) {
            // an unreadable source: what was read so far still counts
        }
        for (IniFile f : files) {
            if (f == null) continue;
            for (String section : f.sectionNames()) {
                f.section(section).forEach((key, entry) -> {
                    if (SECRET_SETTING.matcher(key).find() && entry.value() != null && !entry.value().isBlank()) {
                        secrets.add(entry.value().strip());
                    }
                });
            }
        }
        return secrets;
    }

    private static final java.util.regex.Pattern SECRET_SETTING = java.util.regex.Pattern.compile("secret|token|password|passwd");

    /** s3sh's own file: where {@code profile add} writes. */
    public Path ownConfigPath() {
        String xdg = env("XDG_CONFIG_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) return Path.of(xdg, "s3sh", "config");
        String home = env("HOME");
        if (home == null) throw new ConfigException("HOME is not set, so s3sh cannot tell where its configuration lives: set HOME or XDG_CONFIG_HOME");
        return Path.of(home, ".config", "s3sh", "config");
    }

    /** s3sh's own settings ({@code [settings]}: default_profile, dialect, editor, color). */
    public S3shConfigFile ownConfig() {
        try {
            return readOwn();
        } catch (ConfigException e) {
            // resolving the profile reads it again and says what is wrong, or that it is not in use
            return S3shConfigFile.read(Path.of("/nonexistent/s3sh/config"), "(s3sh config not read)");
        }
    }

    // ---------------------------------------------------------------------------------------

    /** All files, read afresh (they are small; edits made during a session are seen). */
    private final class Sources {
        /**
         * Files that exist but cannot be read (a directory, not UTF-8, broken syntax). They stop the
         * session only when they may be in use: see {@link #checkProblems}.
         */
        final List<ConfigException> problems = new ArrayList<>();
        final S3shConfigFile own;
        final AwsFilesReader aws;
        final IniFile s3cfgFile;
        private Layer s3cfgLayer;

        Sources(ConnectionOptions o) {
            S3shConfigFile ownFile = tolerant(ProfileResolver.this::readOwn);
            own = ownFile != null ? ownFile : S3shConfigFile.read(Path.of("/nonexistent/s3sh/config"), "(s3sh config not read)");
            aws = new AwsFilesReader(tolerant(() -> file("AWS_CONFIG_FILE", ".aws/config")),
                    tolerant(() -> file("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials")));
            if (o.s3cfgFile() != null) {
                s3cfgFile = mustExist(o.s3cfgFile(), "-c");
            } else if (env("S3CMD_CONFIG") != null) {
                s3cfgFile = mustExist(env("S3CMD_CONFIG"), "S3CMD_CONFIG");
            } else {
                s3cfgFile = tolerant(() -> file(null, ".s3cfg"));
            }
        }

        private <T> T tolerant(java.util.function.Supplier<T> read) {
            try {
                return read.get();
            } catch (ConfigException e) {
                problems.add(e);
                return null;
            }
        }

        /**
         * A file that cannot be read is not in use when the session is fully given by the command
         * line and the environment (keys and endpoint) and no profile is named: then it is a warning.
         * Otherwise its problem is the answer, as it may hold the profile asked for.
         */
        void checkProblems(boolean profileNamed, Layer flags, Layer envLayer) {
            if (problems.isEmpty()) return;
            boolean given = !profileNamed && envLayer.has(Field.ACCESS_KEY)
                    && (flags.has(Field.ENDPOINT) || envLayer.has(Field.ENDPOINT));
            if (!given) throw problems.get(0);
            for (ConfigException e : problems) {
                envLayer.warn(e.getMessage() + " (not used: the keys and the endpoint come from the command line and the environment)");
            }
        }

        Layer s3cfg() {
            if (s3cfgFile == null) return null;
            if (s3cfgLayer == null) s3cfgLayer = S3cfgReader.read(s3cfgFile, env);
            return s3cfgLayer;
        }
    }

    private Sources sources(ConnectionOptions o) {
        return new Sources(o);
    }

    private S3shConfigFile readOwn() {
        Path path;
        try {
            path = ownConfigPath();
        } catch (ConfigException e) {
            return S3shConfigFile.read(Path.of("/nonexistent/s3sh/config"), "(no s3sh config: HOME is not set)");
        }
        String home = env("HOME");
        String display = home != null && path.startsWith(Path.of(home)) ? "~/" + Path.of(home).relativize(path) : path.toString();
        return S3shConfigFile.read(path, display);
    }

    /** A file named by an environment variable, else under HOME; null when absent. */
    private IniFile file(String variable, String underHome) {
        String named = variable == null ? null : env(variable);
        if (named != null) return IniFile.readIfExists(expand(named), named);
        String home = env("HOME");
        if (home == null) return null;
        return IniFile.readIfExists(Path.of(home).resolve(underHome), "~/" + underHome);
    }

    private IniFile mustExist(String name, String from) {
        IniFile f = IniFile.readIfExists(expand(name), name);
        if (f == null) {
            throw new ConfigException("s3cmd configuration " + name + " (from " + from + ") does not exist: check the path");
        }
        return f;
    }

    /** {@code ~/x} against the HOME of the given environment. */
    Path expand(String path) {
        String home = env("HOME");
        if (home != null && (path.equals("~") || path.startsWith("~/"))) return Path.of(home).resolve(path.substring(Math.min(2, path.length())));
        return Path.of(path);
    }

    /** A variable of the environment this resolver was given (blank counts as unset). */
    public String environment(String name) {
        return env(name);
    }

    private String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    private Layer flagLayer(ConnectionOptions o, boolean tlsOnly) {
        Layer l = new Layer("command-line options");
        if (!tlsOnly) {
            if (o.endpoint() != null && o.cluster() != null) {
                throw new ConfigException("--endpoint and --cluster both name the endpoint: give one of them");
            }
            l.put(Field.REGION, o.region(), "--region");
            if (o.cluster() != null) l.cluster(o.cluster(), "--cluster");
            l.put(Field.ENDPOINT, o.endpoint(), "--endpoint");
            if (o.pathStyle() != null) l.put(Field.PATH_STYLE, o.pathStyle().toString(), "--path-style");
            l.put(Field.DIALECT, o.dialect(), "--dialect");
        }
        l.put(Field.CA_BUNDLE, o.caBundle(), "--ca-bundle");
        if (o.insecure()) l.put(Field.INSECURE, "true", "--insecure");
        return l;
    }

    private Layer envLayer() {
        Layer l = new Layer("environment");
        // either key alone makes this the layer of the keys, so build() names the one missing
        if (env("AWS_ACCESS_KEY_ID") != null || env("AWS_SECRET_ACCESS_KEY") != null) {
            l.put(Field.ACCESS_KEY, env("AWS_ACCESS_KEY_ID"), "AWS_ACCESS_KEY_ID");
            l.put(Field.SECRET_KEY, env("AWS_SECRET_ACCESS_KEY"), "AWS_SECRET_ACCESS_KEY");
            l.put(Field.SESSION_TOKEN, env("AWS_SESSION_TOKEN"), "AWS_SESSION_TOKEN");
        }
        for (String v : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) l.putIfAbsent(Field.REGION, env(v), v);
        for (String v : List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")) l.putIfAbsent(Field.ENDPOINT, env(v), v);
        l.put(Field.CA_BUNDLE, env("AWS_CA_BUNDLE"), "AWS_CA_BUNDLE");
        return l;
    }

    private List<Layer> fileLayers(String name, Sources src) {
        List<Layer> layers = new ArrayList<>();
        if (src.own.has(name)) {
            S3shConfigFile.ProfileSection section = src.own.profile(name);
            layers.add(section.layer());
            if (section.awsProfile() != null) {
                String ref = section.awsProfile().value();
                if (!src.aws.has(ref)) {
                    throw new ConfigException(src.own.where(section.awsProfile()) + ": profile '" + name + "' takes its keys from AWS profile '"
                            + ref + "', which is not in " + src.aws.files() + ": fix the name or add that profile");
                }
                layers.add(src.aws.read(ref));
            } else if (src.aws.has(name)) {
                layers.add(src.aws.read(name));
            }
            if (section.s3cfg() != null) {
                IniFile f = IniFile.readIfExists(expand(section.s3cfg().value()), section.s3cfg().value());
                if (f == null) {
                    throw new ConfigException(src.own.where(section.s3cfg()) + ": s3cmd file " + section.s3cfg().value()
                            + " does not exist: fix the path or remove that line");
                }
                layers.add(S3cfgReader.read(f, env));
            }
        } else if (src.aws.has(name)) {
            layers.add(src.aws.read(name));
        } else if (name.equals(S3CFG) && src.s3cfg() != null) {
            layers.add(src.s3cfg());
        } else {
            Set<String> known = new LinkedHashSet<>();
            available(src).forEach(a -> known.add(a.name()));
            throw new ConfigException("there is no profile '" + name + "' in " + src.own.displayName() + ", " + src.aws.files()
                    + (src.s3cfgFile == null ? "" : " or " + src.s3cfgFile.displayName()) + ": "
                    + (known.isEmpty() ? "none is configured; 'profile add NAME' creates one"
                    : DidYouMean.closest(name, known).map(n -> "did you mean '" + n + "'? Known profiles are ")
                    .orElse("known profiles are ") + String.join(", ", known)));
        }
        return layers;
    }

    private ResolvedProfile build(String name, List<Layer> layers, Sources src) {
        Map<Field, Layer.Sourced> chosen = new EnumMap<>(Field.class);
        for (Layer l : layers) {
            for (Field f : Field.values()) {
                if (isCredential(f) || chosen.containsKey(f)) continue;
                if (l.get(f) != null) chosen.put(f, l.get(f));
            }
        }
        Layer keys = layers.stream().filter(l -> l.has(Field.ACCESS_KEY) || l.has(Field.SECRET_KEY) || l.delegated() != null)
                .findFirst().orElse(null);
        DelegatedCredentials delegated = keys == null ? null : keys.delegated();
        if (delegated != null) {
            keys = null;
        }
        if (keys != null) {
            for (Field f : CREDENTIALS) if (keys.get(f) != null) chosen.put(f, keys.get(f));
            if (!keys.has(Field.ACCESS_KEY) || !keys.has(Field.SECRET_KEY)) {
                Field missing = keys.has(Field.ACCESS_KEY) ? Field.SECRET_KEY : Field.ACCESS_KEY;
                Field present = keys.has(Field.ACCESS_KEY) ? Field.ACCESS_KEY : Field.SECRET_KEY;
                throw new ConfigException(keys.get(present).source() + " gives the " + present.label() + " but " + keys.description()
                        + " has no " + missing.label() + ": add it there");
            }
        }
        Map<String, String> sources = new LinkedHashMap<>();
        chosen.forEach((f, s) -> sources.put(f.label(), s.source()));
        if (delegated != null) sources.put(Field.ACCESS_KEY.label(), "obtained when connecting, through " + delegated.describe());

        URI endpoint = chosen.containsKey(Field.ENDPOINT) ? parseEndpoint(chosen.get(Field.ENDPOINT).value(),
                chosen.get(Field.ENDPOINT).source()) : null;
        if (endpoint == null) sources.put(Field.ENDPOINT.label(), "default (AWS S3)");
        String region = value(chosen, Field.REGION);
        if (region == null) {
            String cluster = LinodeClusters.clusterOf(endpoint);
            region = cluster != null ? cluster : "us-east-1";
            sources.put(Field.REGION.label(), cluster != null ? "the Linode cluster of the endpoint" : "default");
        }
        boolean pathStyle;
        if (chosen.containsKey(Field.PATH_STYLE)) {
            pathStyle = Boolean.parseBoolean(value(chosen, Field.PATH_STYLE));
        } else {
            // an IP or localhost endpoint cannot do virtual-host addressing
            pathStyle = endpoint != null && looksLocal(endpoint);
            sources.put(Field.PATH_STYLE.label(), pathStyle ? "default for an IP or localhost endpoint" : "default (virtual-host)");
        }
        String dialect = value(chosen, Field.DIALECT);
        if (dialect == null && src.own.setting("dialect") != null) {
            dialect = S3shConfigFile.checkDialect(src.own.setting("dialect"), src.own.settingSource("dialect"));
            sources.put(Field.DIALECT.label(), src.own.settingSource("dialect"));
        }
        if (dialect == null) sources.put(Field.DIALECT.label(), "the endpoint's host name (a guess)");

        Path ca = null;
        if (chosen.containsKey(Field.CA_BUNDLE)) {
            ca = expand(value(chosen, Field.CA_BUNDLE));
            if (!Files.isReadable(ca)) {
                throw new ConfigException("CA bundle " + ca + " (from " + chosen.get(Field.CA_BUNDLE).source()
                        + ") cannot be read: give a readable PEM file");
            }
        }
        boolean insecure = Boolean.parseBoolean(value(chosen, Field.INSECURE));
        if (!chosen.containsKey(Field.INSECURE)) sources.put(Field.INSECURE.label(), "default (verification on)");
        URI proxy = chosen.containsKey(Field.PROXY) ? parseEndpoint(value(chosen, Field.PROXY), chosen.get(Field.PROXY).source()) : null;
        Boolean signHttps = chosen.containsKey(Field.SIGNURL_HTTPS) ? Boolean.valueOf(value(chosen, Field.SIGNURL_HTTPS)) : null;

        List<String> warnings = new ArrayList<>();
        for (Layer l : layers) warnings.addAll(l.warnings());
        if (keys != null) {
            List<IniFile> files = new ArrayList<>(src.aws.iniFiles());
            files.add(src.s3cfgFile);
            files.add(src.own.ini());
            String from = keys.get(Field.SECRET_KEY).source();
            for (IniFile f : files) {
                if (f != null && f.openToOthers() && f.holds(from)) {
                    warnings.add(f.displayName() + " holds the secret key and other users of this machine can read it: "
                            + "run 'chmod 600 " + f.displayName() + "'");
                }
            }
        }
        if (insecure) {
            warnings.add("TLS certificate verification is OFF for profile '" + name + "' (" + chosen.get(Field.INSECURE).source()
                    + "): anyone on the network path can read and change this traffic, keys included");
        }
        Profile profile = new Profile(name, endpoint, region, value(chosen, Field.ACCESS_KEY), value(chosen, Field.SECRET_KEY),
                value(chosen, Field.SESSION_TOKEN), pathStyle, dialect, new ClientOptions(ca, insecure, proxy, signHttps), delegated);
        Map<String, String> ordered = new LinkedHashMap<>();
        for (Field f : Field.values()) if (sources.containsKey(f.label())) ordered.put(f.label(), sources.get(f.label()));
        return new ResolvedProfile(profile, ordered, warnings);
    }

    private static boolean isCredential(Field f) {
        return f == Field.ACCESS_KEY || f == Field.SECRET_KEY || f == Field.SESSION_TOKEN;
    }

    private static String value(Map<Field, Layer.Sourced> chosen, Field f) {
        Layer.Sourced s = chosen.get(f);
        return s == null ? null : s.value();
    }

    /** The endpoint as a URI, or a {@link ConfigException} saying how to write one. */
    public static URI parseEndpoint(String endpoint) {
        return parseEndpoint(endpoint, null);
    }

    static URI parseEndpoint(String endpoint, String source) {
        String from = source == null ? "" : " (from " + source + ")";
        String withScheme = endpoint.contains("://") ? endpoint : "https://" + endpoint;
        if (hasUserInfo(withScheme)) {
            // s3sh signs with the profile's keys; a password in the URL would only end up shown in
            // profile show, --debug and messages. The URL is not repeated here, as it holds that password.
            throw new ConfigException("the endpoint" + from + " holds a user name or password before '@': "
                    + "give it without one, as http://HOST:PORT or https://HOST, and the keys as the profile's keys");
        }
        URI uri;
        try {
            uri = URI.create(withScheme);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("endpoint '" + endpoint + "'" + from + " is not a URL: give it as http://HOST:PORT or https://HOST");
        }
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new ConfigException("endpoint '" + endpoint + "'" + from + " is not an http(s) URL: give it as http://HOST:PORT or https://HOST");
        }
        return uri;
    }

    /** True when the authority ({@code //…} up to the first '/', '?' or '#') has a {@code user@} part. */
    private static boolean hasUserInfo(String url) {
        int start = url.indexOf("://") + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) end++;
        return url.substring(start, end).contains("@");
    }

    static boolean looksLocal(URI uri) {
        String host = uri.getHost();
        return host.equals("localhost") || host.matches("[0-9.]+") || host.startsWith("[");
    }
}
