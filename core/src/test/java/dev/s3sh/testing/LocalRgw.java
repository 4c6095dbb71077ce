package dev.s3sh.testing;

import dev.s3sh.config.Profile;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.store.StoreException;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Ceph RGW the integration tests talk to: started (or reused) once per JVM through the
 * project's scripts/local-rgw. If it cannot start, every test that asks for it fails: an
 * integration test never skips silently.
 */
public final class LocalRgw {
    private static Map<String, String> vars;
    private static ObjectStore store;
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private LocalRgw() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("s3sh.project.dir", System.getProperty("user.dir")));
    }

    public static synchronized Map<String, String> env() {
        if (vars == null) {
            try {
                vars = script(Map.of(), "start");
            } catch (Exception e) {
                throw new IllegalStateException("the local RGW is needed by this test and could not be started: " + e.getMessage(), e);
            }
        }
        return vars;
    }

    /**
     * Runs {@code scripts/local-rgw ACTION} with {@code extraEnv} (e.g. {@code S3SH_RGW_DIR} for a
     * private server) and returns the variables it exports; fails unless it exits 0.
     */
    public static Map<String, String> script(Map<String, String> extraEnv, String action) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(projectDir().resolve("scripts/local-rgw").toString(), action)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        p.getOutputStream().close();
        Map<String, String> found = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("export ")) continue;
                int eq = line.indexOf('=');
                found.put(line.substring(7, eq), line.substring(eq + 1));
            }
        }
        if (p.waitFor() != 0 || action.equals("start") && !found.containsKey("S3_ENDPOINT")) {
            throw new IllegalStateException("scripts/local-rgw " + action + " failed (exit " + p.exitValue() + ")");
        }
        return Map.copyOf(found);
    }

    public static String endpoint() {
        return env().get("S3_ENDPOINT");
    }

    public static String accessKey() {
        return env().get("AWS_ACCESS_KEY_ID");
    }

    public static String secretKey() {
        return env().get("AWS_SECRET_ACCESS_KEY");
    }

    /** Environment for a child process (s3sh, s3cmd, aws) that should talk to the local RGW. */
    public static Map<String, String> childEnv() {
        Map<String, String> e = new HashMap<>(System.getenv());
        e.put("AWS_ACCESS_KEY_ID", accessKey());
        e.put("AWS_SECRET_ACCESS_KEY", secretKey());
        e.put("AWS_DEFAULT_REGION", "us-east-1");
        e.put("AWS_ENDPOINT_URL", endpoint());
        e.remove("AWS_PROFILE");
        return e;
    }

    // ---- the production path: HTTPS and virtual-hosted buckets (scripts/local-rgw serves both) ----
    // Nothing resolves the test names: each client maps them to 127.0.0.1 itself. The JDK reads
    // -Djdk.net.hosts.file (one "127.0.0.1 NAME" line per host, no wildcards, read when the JVM
    // starts resolving, so s3sh gets it as a child process), curl takes --resolve, and Chromium
    // --host-resolver-rules.

    private static String https(String name) {
        String value = env().get(name);
        if (value == null) {
            throw new IllegalStateException("the local RGW does not say " + name + ": it was started by an older "
                    + "scripts/local-rgw; run 'scripts/local-rgw start' to restart it with HTTPS");
        }
        return value;
    }

    /** {@code https://s3.example.test:PORT}: the endpoint as a Linode user writes it (its host never resolves by DNS). */
    public static String httpsEndpoint() {
        return https("S3_HTTPS_ENDPOINT");
    }

    /** The virtual-host domain ({@code rgw_dns_name}), e.g. {@code s3.example.test}. */
    public static String dnsName() {
        return https("S3SH_RGW_DNS_NAME");
    }

    public static int httpsPort() {
        return Integer.parseInt(https("S3SH_RGW_HTTPS_PORT"));
    }

    /** The PEM file of the CA that signed the server's certificate (made per state dir). */
    public static Path caFile() {
        return Path.of(https("S3SH_RGW_CA"));
    }

    /** {@code BUCKET.s3.example.test}: the bucket's own host, as with Linode. */
    public static String bucketHost(String bucket) {
        return bucket + "." + dnsName();
    }

    /**
     * Writes a hosts file for {@code -Djdk.net.hosts.file}: the domain and each bucket's host on
     * 127.0.0.1 (the JDK knows no wildcards, so every bucket a test touches must be named).
     */
    public static Path writeHostsFile(Path file, String... buckets) throws java.io.IOException {
        StringBuilder b = new StringBuilder("127.0.0.1 ").append(dnsName()).append('\n');
        for (String bucket : buckets) b.append("127.0.0.1 ").append(bucketHost(bucket)).append('\n');
        return java.nio.file.Files.writeString(file, b.toString());
    }

    /** curl's {@code --resolve} arguments for the domain and these buckets' hosts. */
    public static java.util.List<String> curlResolve(String... buckets) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--resolve", dnsName() + ":" + httpsPort() + ":127.0.0.1"));
        for (String bucket : buckets) args.addAll(java.util.List.of("--resolve", bucketHost(bucket) + ":" + httpsPort() + ":127.0.0.1"));
        return args;
    }

    /**
     * Chromium's {@code --host-resolver-rules} value: the domain, every bucket host and the page
     * origins' domains ({@code extraDomains}, e.g. {@code example.org}) on 127.0.0.1, and nothing
     * else resolved (the {@code MAP * ~NOTFOUND} catch-all keeps the browser off the network).
     */
    public static String chromiumResolverRules(String... extraDomains) {
        StringBuilder b = new StringBuilder("MAP ").append(dnsName()).append(" 127.0.0.1, MAP *.").append(dnsName()).append(" 127.0.0.1");
        for (String d : extraDomains) b.append(", MAP ").append(d).append(" 127.0.0.1, MAP *.").append(d).append(" 127.0.0.1");
        return b.append(", MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost").toString();
    }

    /** Variables this environment sets for the system CAs; a test that brings its own CA removes or sets them. */
    public static final java.util.List<String> CA_VARIABLES = java.util.List.of("AWS_CA_BUNDLE", "SSL_CERT_FILE",
            "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_DIR", "NIX_SSL_CERT_FILE");

    /**
     * Environment for an s3sh child process on the HTTPS path: keys of the local RGW, no endpoint,
     * profile or CA from this environment (the test gives them), and the JVM told to resolve names
     * from {@code hostsFile} (through JDK_JAVA_OPTIONS, which every java launcher reads) plus any
     * {@code jvmFlags}.
     */
    public static Map<String, String> httpsChildEnv(Path hostsFile, String... jvmFlags) {
        Map<String, String> e = childEnv();
        e.remove("AWS_ENDPOINT_URL");
        e.remove("AWS_ENDPOINT_URL_S3");
        e.remove("AWS_REGION");
        e.remove("S3CMD_CONFIG");
        CA_VARIABLES.forEach(e::remove);
        StringBuilder opts = new StringBuilder("-Djdk.net.hosts.file=").append(hostsFile);
        for (String flag : jvmFlags) opts.append(' ').append(flag);
        e.put("JDK_JAVA_OPTIONS", opts.toString());
        return e;
    }

    public static Profile profile() {
        return new Profile("local", URI.create(endpoint()), "us-east-1", accessKey(), secretKey(), null, true, "rgw");
    }

    public static synchronized ObjectStore store() {
        if (store == null) store = new S3ObjectStore(profile());
        return store;
    }

    /** A new, empty bucket with a name unique to this run. */
    public static String newBucket(String purpose) {
        String name = ("it-" + purpose + "-" + RUN + "-" + BUCKETS.incrementAndGet()).toLowerCase().replaceAll("[^a-z0-9-]", "-");
        store().createBucket(name);
        return name;
    }

    /** Deletes every object and then the bucket; a bucket already gone is fine. */
    public static void deleteBucket(String bucket) {
        try {
            String token = null;
            do {
                var page = store().listPage(bucket, "", null, 1000, token);
                for (var o : page.objects()) store().deleteObject(bucket, o.key());
                token = page.nextToken();
            } while (token != null);
            store().deleteBucket(bucket);
        } catch (StoreException e) {
            if (!"NoSuchBucket".equals(e.code())) throw e;
        }
    }

    /**
     * A second RGW of its own, standing in for another cluster: its own state folder
     * ({@code S3SH_RGW_DIR}), ports the script picks free, the same made-up keys. The shared one is
     * never touched. {@link #close()} stops it and wipes its state (memstore: it starts empty).
     */
    public static final class Instance implements AutoCloseable {
        private final Path dir;
        private final Map<String, String> env;

        private Instance(Path dir, Map<String, String> env) {
            this.dir = dir;
            this.env = env;
        }

        /** Starts one; fails (never skips) when it cannot. */
        public static Instance start(String purpose) {
            return start(purpose, java.util.List.of());
        }

        /**
         * Starts one whose radosgw also reads {@code rgwOptions}, ceph.conf lines such as
         * {@code rgw_s3_auth_use_sts = true}; fails (never skips) when it cannot.
         */
        public static Instance start(String purpose, java.util.List<String> rgwOptions) {
            Path dir;
            try {
                dir = java.nio.file.Files.createTempDirectory("s3sh-rgw-" + purpose);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            try {
                Map<String, String> env = script(Map.of("S3SH_RGW_DIR", dir.toString(),
                        "S3SH_RGW_EXTRA_CONF", String.join("\n", rgwOptions)), "start");
                if (env.get("S3_ENDPOINT").equals(LocalRgw.endpoint())) throw new IllegalStateException("got the shared RGW, not a second one");
                return new Instance(dir, env);
            } catch (Exception e) {
                try {
                    script(Map.of("S3SH_RGW_DIR", dir.toString()), "stop");
                } catch (Exception ignored) {
                    // nothing started
                }
                throw new IllegalStateException("a second local RGW is needed by this test and could not be started: " + e.getMessage(), e);
            }
        }

        public String endpoint() {
            return env.get("S3_ENDPOINT");
        }

        public String accessKey() {
            return env.get("AWS_ACCESS_KEY_ID");
        }

        public String secretKey() {
            return env.get("AWS_SECRET_ACCESS_KEY");
        }

        /**
         * Runs {@code radosgw-admin ARGS} against this RGW (users, keys, roles) and returns what it
         * printed; fails unless it exits 0 within a minute.
         */
        public String admin(String... args) {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("radosgw-admin", "-n", "client.admin"));
            command.addAll(java.util.List.of(args));
            try {
                Path errors = java.nio.file.Files.createTempFile(dir, "admin", ".err");
                ProcessBuilder pb = new ProcessBuilder(command).redirectError(errors.toFile());
                pb.environment().put("CEPH_CONF", env.get("CEPH_CONF"));
                Process p = pb.start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("radosgw-admin " + String.join(" ", args) + " failed: "
                            + java.nio.file.Files.readString(errors).strip());
                }
                return out;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public Profile profile(String name) {
            return new Profile(name, URI.create(endpoint()), "us-east-1", env.get("AWS_ACCESS_KEY_ID"),
                    env.get("AWS_SECRET_ACCESS_KEY"), null, true, "rgw");
        }

        @Override
        public void close() throws Exception {
            script(Map.of("S3SH_RGW_DIR", dir.toString()), "stop");
        }
    }
}
