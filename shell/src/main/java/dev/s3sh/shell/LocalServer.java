package dev.s3sh.shell;

import dev.s3sh.command.Progress;
import dev.s3sh.command.UsageException;

import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsTemplates;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in local default: a single-node Ceph RGW on loopback, started (or reused) through the
 * project's {@code scripts/local-rgw}, with a {@code demo} bucket seeded on first use.
 */
public final class LocalServer {
    public static final String DEMO_BUCKET = "demo";

    private LocalServer() {
    }

    /** Starts or reuses the local RGW and returns a profile for it. Progress goes to stderr. */
    public static Profile start(Path projectHome) throws Exception {
        Path script = projectHome.resolve("scripts/local-rgw");
        if (!Files.isExecutable(script)) {
            throw new UsageException("--local needs the project's scripts/local-rgw, not found under " + projectHome
                    + ": run s3sh from its checkout");
        }
        Process process = new ProcessBuilder(script.toString(), "start")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().close();
        Map<String, String> vars = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.startsWith("export ")) line = line.substring(7);
                int eq = line.indexOf('=');
                if (eq > 0) vars.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
            }
        }
        int status = process.waitFor();
        if (status != 0 || !vars.containsKey("S3_ENDPOINT")) {
            throw new StoreException("LocalServer", 0, "the local RGW did not start (scripts/local-rgw start exited "
                    + status + "): see the messages above");
        }
        return new Profile("local", URI.create(vars.get("S3_ENDPOINT")), vars.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"),
                vars.get("AWS_ACCESS_KEY_ID"), vars.get("AWS_SECRET_ACCESS_KEY"), null, true, "rgw");
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Creates the demo bucket with a few objects and the tutorial's CORS rules, unless it exists. */
    public static void seedDemo(ObjectStore store) {
        try {
            store.checkBucket(DEMO_BUCKET);
            return;
        } catch (StoreException e) {
            if (!"NoSuchBucket".equals(e.code())) throw e;
        }
        store.createBucket(DEMO_BUCKET);
        put(store, "index.html", "<!doctype html><title>s3sh demo</title><p>Hello from the demo bucket.</p>\n", "text/html");
        put(store, "images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\"/>\n", "image/svg+xml");
        put(store, "images/photos/beach.txt", "a photo would be here\n", "text/plain");
        put(store, "docs/readme.txt", "This bucket was made by 's3sh --local' to try things on.\n", "text/plain");
        put(store, "docs/cors-notes.txt", "Try: cors show, cors check --origin http://example.com --method PUT\n", "text/plain");
        store.putCors(DEMO_BUCKET, CorsTemplates.tutorialExample());
    }

    private static void put(ObjectStore store, String key, String body, String type) {
        store.putObject(DEMO_BUCKET, key, body.getBytes(StandardCharsets.UTF_8), type);
    }
}
