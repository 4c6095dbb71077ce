package dev.s3sh.bench;

import dev.s3sh.config.Profile;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.store.StoreException;
import dev.s3sh.testing.ShellHarness;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * In-process measurements for bench/run (not a test): data preparation, a warm in-session command
 * against a plain keep-alive HTTP request, and the CORS cycle inside one session. Prints
 * "name value" lines that bench/run turns into its table. Keys come from AWS_* in the environment.
 *
 * usage: SessionBench prepare ENDPOINT BUCKET PREFIX COUNT [THREADS]
 *        SessionBench warm ENDPOINT BUCKET PREFIX ROUNDS
 *        SessionBench cors-cycle ENDPOINT BUCKET FILE ROUNDS
 */
public final class SessionBench {
    private SessionBench() {
    }

    public static void main(String[] args) throws Exception {
        Profile profile = new Profile("bench", URI.create(args[1]), "us-east-1", System.getenv("AWS_ACCESS_KEY_ID"),
                System.getenv("AWS_SECRET_ACCESS_KEY"), null, true, "rgw");
        switch (args[0]) {
            case "prepare" -> prepare(profile, args[2], args[3], Integer.parseInt(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 16);
            case "warm" -> warm(profile, args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "cors-cycle" -> corsCycle(profile, args[2], args[3], Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0);
    }

    /** A public-read bucket (so a plain anonymous request can list it too) with COUNT one-byte keys under PREFIX; reused when ready. */
    static void prepare(Profile profile, String bucket, String prefix, int count, int threads) throws Exception {
        try (S3ObjectStore store = new S3ObjectStore(profile)) {
            try {
                store.client().createBucket(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
            } catch (RuntimeException e) {
                if (!String.valueOf(e.getMessage()).contains("BucketAlreadyExists")) throw e;
            }
            String marker = "_ready/" + prefix.replace("/", "") + "-" + count;
            try {
                store.getObject(bucket, marker);
                System.out.println("prepared " + bucket + "/" + prefix + " " + count + " (reused)");
                return;
            } catch (StoreException e) {
                if (!"NoSuchKey".equals(e.code())) throw e;
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> puts = new ArrayList<>();
            byte[] one = {'x'}; // RGW 16 rejects a zero-byte PUT from the SDK (XAmzContentSHA256Mismatch)
            for (int i = 0; i < count; i++) {
                String key = String.format(Locale.ROOT, "%sd%02d/obj-%06d", prefix, i % 50, i);
                puts.add(pool.submit(() -> store.putObject(bucket, key, one, "text/plain")));
            }
            for (int i = 0; i < puts.size(); i++) {
                puts.get(i).get();
                puts.set(i, null);
                if ((i + 1) % 50_000 == 0) System.err.println("put " + (i + 1) + " of " + count);
            }
            pool.shutdown();
            store.putObject(bucket, marker, one, "text/plain");
            System.out.println("prepared " + bucket + "/" + prefix + " " + count);
        }
    }

    /**
     * The same listing as a warm session command, as a plain anonymous keep-alive GET, and as the same
     * GET signed with SigV4 — each in its own block of rounds, each over its own kept-alive connection.
     */
    static void warm(Profile profile, String endpoint, String bucket, String prefix, int rounds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(endpoint + "/" + bucket + "?list-type=2&delimiter=%2F&prefix="
                + java.net.URLEncoder.encode(prefix, java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest anonymous = HttpRequest.newBuilder(uri).GET().build();
        try (ShellHarness sh = new ShellHarness(profile)) {
            print("warm_command_ms", time(rounds, () -> {
                var r = sh.run("ls", "s3://" + bucket + "/" + prefix);
                if (r.status() != 0) throw new IllegalStateException("listing failed: " + r);
            }));
        }
        print("warm_http_ms", time(rounds, () -> expect200(http.send(anonymous, HttpResponse.BodyHandlers.ofByteArray()))));
        print("warm_signed_http_ms", time(rounds, () -> expect200(http.send(signed(profile, uri), HttpResponse.BodyHandlers.ofByteArray()))));
    }

    interface Step {
        void run() throws Exception;
    }

    /** Milliseconds per round after 10 rounds of warm-up. */
    private static List<Double> time(int rounds, Step step) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < rounds + 10; i++) {
            long t0 = System.nanoTime();
            step.run();
            if (i >= 10) times.add((System.nanoTime() - t0) / 1e6);
        }
        return times;
    }

    private static void expect200(HttpResponse<?> response) {
        if (response.statusCode() != 200) throw new IllegalStateException("HTTP " + response.statusCode());
    }

    /** The same GET signed with SigV4 (as the SDK signs), sent by the JDK client: RGW's floor for a signed listing. */
    private static HttpRequest signed(Profile profile, URI uri) {
        var unsigned = software.amazon.awssdk.http.SdkHttpFullRequest.builder().uri(uri)
                .method(software.amazon.awssdk.http.SdkHttpMethod.GET)
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD").build();
        var signedRequest = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(s -> s
                .identity(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(profile.accessKey(), profile.secretKey()))
                .request(unsigned)
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        signedRequest.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) b.header(name, String.join(",", values));
        });
        return b.build();
    }

    /** cors show → cors set (validate, diff, push, read-back verify) → cors show, in one session. */
    static void corsCycle(Profile profile, String bucket, String file, int rounds) {
        List<Double> times = new ArrayList<>();
        try (ShellHarness sh = new ShellHarness(profile)) {
            for (int i = 0; i < rounds + 3; i++) {
                sh.run("cors", "rm", "s3://" + bucket, "--yes"); // so that every set really pushes
                long t0 = System.nanoTime();
                check(sh.run("cors", "show", "s3://" + bucket));
                check(sh.run("cors", "set", file, "s3://" + bucket, "--yes"));
                check(sh.run("cors", "show", "s3://" + bucket));
                if (i >= 3) times.add((System.nanoTime() - t0) / 1e6);
            }
        }
        print("cors_cycle_ms", times);
    }

    private static void check(ShellHarness.Result r) {
        if (r.status() != 0) throw new IllegalStateException("command failed: " + r);
    }

    private static void print(String name, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        System.out.printf(Locale.ROOT, "%s %.2f %.2f %.2f%n", name, median, sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
