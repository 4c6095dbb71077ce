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
}
