package dev.s3sh.bench;

import dev.s3sh.completions.CompletionEngine;
import dev.s3sh.completions.ListingCache;
import dev.s3sh.shell.ShellCompleter;
import dev.s3sh.completions.ValueProviders;
import dev.s3sh.session.Session;
import dev.s3sh.shell.Repl;
import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.BigBucket;
import dev.s3sh.testing.CountingStore;
import dev.s3sh.testing.LocalRgw;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test) of Tab completion on {@link BigBucket} in the local RGW: requests per
 * uncached Tab, latency of an uncached Tab against a plain signed HTTP ListObjectsV2 of the same
 * prefix, latency of a cached Tab, and memory. Run by {@code bench/completion}, which writes
 * {@code bench/results/completion.md}.
 */
public final class CompletionBench {
    private static final int UNCACHED_ROUNDS = 30;
    private static final int CACHED_ROUNDS = 2000;
    private static final String[] PREFIXES = {"", "deep/", "deep/a-0", "deep/a-03/", "deep/a-03/b-07/",
            "deep/a-03/b-07/c-5/", "deep/a-03/b-07/c-5/k-1", "wide/", "wide/item-011"};

    private CompletionBench() {
    }

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "bench/results/completion.md");
        long t0 = System.nanoTime();
        BigBucket.ensure(LocalRgw.store());
        double ensureSeconds = (System.nanoTime() - t0) / 1e9;

        CountingStore[] counting = new CountingStore[1];
        Session session = new Session(LocalRgw.profile(), p -> counting[0] = new CountingStore(new S3ObjectStore(p)));
        var registry = BuiltinCommands.registry();
        Path cwd = Path.of("").toAbsolutePath();
        PlainHttp http = new PlainHttp();

        // warm up: client, connections, JIT of both paths
        for (int i = 0; i < 20; i++) {
            for (String p : PREFIXES) {
                tab(new ShellCompleter(engine(registry, session, new ListingCache(), cwd), false), "ls s3://" + BigBucket.NAME + "/" + p);
                http.list(BigBucket.NAME, p);
            }
        }
        CountingStore store = counting[0];

        List<String> rows = new ArrayList<>();
        List<Double> allTab = new ArrayList<>();
        List<Double> allHttp = new ArrayList<>();
        long minRequests = Long.MAX_VALUE, maxRequests = 0;
        for (String p : PREFIXES) {
            double[] tabMs = new double[UNCACHED_ROUNDS];
            double[] httpMs = new double[UNCACHED_ROUNDS];
            int candidates = 0;
            int requests = 0;
            for (int r = 0; r < UNCACHED_ROUNDS; r++) {
                ShellCompleter fresh = new ShellCompleter(engine(registry, session, new ListingCache(), cwd), false);
                int before = store.total();
                long s = System.nanoTime();
                candidates = tab(fresh, "ls s3://" + BigBucket.NAME + "/" + p).size();
                tabMs[r] = (System.nanoTime() - s) / 1e6;
                requests = store.total() - before;
                minRequests = Math.min(minRequests, requests);
                maxRequests = Math.max(maxRequests, requests);
                s = System.nanoTime();
                http.list(BigBucket.NAME, p);
                httpMs[r] = (System.nanoTime() - s) / 1e6;
            }
            rows.add(String.format(Locale.ROOT, "| `%s` | %d | %d | %.1f / %.1f | %.1f / %.1f |", p.isEmpty() ? "(top)" : p,
                    candidates, requests, min(tabMs), median(tabMs), min(httpMs), median(httpMs)));
            allTab.addAll(Arrays.stream(tabMs).boxed().toList());
            allHttp.addAll(Arrays.stream(httpMs).boxed().toList());
        }

        // cached Tab: the same line again and again, served from the session's cache
        ShellCompleter cachedCompleter = new ShellCompleter(engine(registry, session, new ListingCache(), cwd), false);
        String cachedLine = "ls s3://" + BigBucket.NAME + "/wide/";
        tab(cachedCompleter, cachedLine);
        int before = store.total();
        double[] cachedMs = new double[CACHED_ROUNDS];
        for (int r = 0; r < CACHED_ROUNDS; r++) {
            long s = System.nanoTime();
            tab(cachedCompleter, cachedLine);
            cachedMs[r] = (System.nanoTime() - s) / 1e6;
        }
        int cachedRequests = store.total() - before;
        String narrowLine = "ls s3://" + BigBucket.NAME + "/deep/a-03/b-";
        tab(cachedCompleter, "ls s3://" + BigBucket.NAME + "/deep/a-03/");
        double[] narrowMs = new double[CACHED_ROUNDS];
        for (int r = 0; r < CACHED_ROUNDS; r++) {
            long s = System.nanoTime();
            tab(cachedCompleter, narrowLine);
            narrowMs[r] = (System.nanoTime() - s) / 1e6;
        }
        int narrowRequests = store.total() - before;

        // memory: a cache holding every level of the deep tree down to c- (1 + 10 + 100 + 1000 listings)
        ListingCache big = new ListingCache(ListingCache.DEFAULT_PAGE, Duration.ofMinutes(10), System::nanoTime);
        long heapBefore = usedHeap();
        int entries = 0;
        outer:
        for (int a = 0; a < BigBucket.A; a++) {
            for (int b = 0; b < BigBucket.B; b++) {
                big.list(session, BigBucket.NAME, "deep/" + BigBucket.a(a) + "/" + BigBucket.b(b) + "/", Duration.ofSeconds(30));
                entries++;
                if (entries >= 100) break outer;
            }
        }
        big.list(session, BigBucket.NAME, "wide/", Duration.ofSeconds(30));
        entries++;
        long heapAfter = usedHeap();
        long rssKb = rssKb();

        List<String> md = new ArrayList<>();
        md.add("# Tab completion benchmark");
        md.add("");
        md.add("Run " + Instant.now() + " by `bench/completion` on the local RGW (" + LocalRgw.endpoint() + "), bucket `"
                + BigBucket.NAME + "` with " + String.format(Locale.ROOT, "%,d", BigBucket.TOTAL) + " keys ("
                + "`deep/a-XX/b-YY/c-Z/k-NN`, 4 levels, and 1,200 under `wide/`); Java " + Runtime.version()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores shared with other work. "
                + String.format(Locale.ROOT, "Bucket ready in %.1f s (reused when it exists).", ensureSeconds));
        md.add("");
        md.add("## Uncached Tab vs a plain HTTP listing of the same prefix");
        md.add("");
        md.add("Each row: median of " + UNCACHED_ROUNDS + " rounds after warm-up. *Tab* is the whole completer (JLine parser, "
                + "spec walk, ListObjectsV2 through the SDK with delimiter `/` and max-keys " + ListingCache.DEFAULT_PAGE
                + ", candidates) with an empty cache; *HTTP* is the same ListObjectsV2 signed with SigV4 and sent with the JDK "
                + "HttpClient (keep-alive), body read, not parsed.");
        md.add("");
        md.add("| typed after `s3://" + BigBucket.NAME + "/` | candidates | requests | Tab ms min / median | HTTP ms min / median |");
        md.add("|---|---:|---:|---:|---:|");
        md.addAll(rows);
        double[] tabs = allTab.stream().mapToDouble(Double::doubleValue).toArray();
        double[] https = allHttp.stream().mapToDouble(Double::doubleValue).toArray();
        md.add(String.format(Locale.ROOT, "| **all %d rounds** | | | **%.1f / %.1f** | **%.1f / %.1f** |", tabs.length,
                min(tabs), median(tabs), min(https), median(https)));
        md.add("");
        md.add("Latencies on this loopback server are bimodal (≈ 5–20 ms or ≈ 45–55 ms, for both clients; "
                + "most likely a delayed-ACK pause on some responses), so medians of single rows jump between the two modes; "
                + "compare the minimums and the overall row.");
        md.add("");
        md.add(String.format(Locale.ROOT, "Requests per uncached Tab: min %d, max %d (goal: exactly 1, whatever the bucket's size).",
                minRequests, maxRequests));
        md.add("");
        md.add("## Cached Tab");
        md.add("");
        md.add(String.format(Locale.ROOT, "- same line again (`wide/`, %d candidates): median %.3f ms, p99 %.3f ms, max %.3f ms over %d Tabs; "
                        + "requests: %d (goal ≤ 5 ms, 0 requests)", tab(cachedCompleter, cachedLine).size(), median(cachedMs),
                pct(cachedMs, 0.99), max(cachedMs), CACHED_ROUNDS, cachedRequests));
        md.add(String.format(Locale.ROOT, "- narrower word answered from a complete listing (`deep/a-03/` → `deep/a-03/b-`): median %.3f ms, "
                        + "p99 %.3f ms; requests: %d (the one listing of `deep/a-03/`)",
                median(narrowMs), pct(narrowMs, 0.99), narrowRequests));
        md.add("");
        md.add("## Memory");
        md.add("");
        md.add(String.format(Locale.ROOT, "- a cache of %d listings (100 `deep/a-XX/b-YY/` levels of 10 prefixes and a `wide/` page of %d keys): "
                        + "≈ %d KiB of heap (used heap after GC, before/after)", entries, ListingCache.DEFAULT_PAGE,
                Math.max(0, (heapAfter - heapBefore) / 1024)));
        md.add(String.format(Locale.ROOT, "- the cache keeps at most 512 listings of at most %d names each (LRU); entries expire after %d s",
                ListingCache.DEFAULT_PAGE, ListingCache.DEFAULT_TTL.toSeconds()));
        md.add(String.format(Locale.ROOT, "- whole benchmark process RSS at the end: %d MiB (JVM, SDK client, JIT)", rssKb / 1024));
        md.add("");
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.write(report, md, StandardCharsets.UTF_8);
        md.forEach(System.out::println);
        session.close();
        http.close();
        System.exit(0);
    }

    private static CompletionEngine engine(dev.s3sh.command.CommandRegistry registry, Session session, ListingCache cache, Path cwd) {
        return new CompletionEngine(registry, session, cache, ValueProviders.defaults(session), Duration.ofSeconds(30), cwd);
    }

    private static final Parser PARSER = Repl.parser();

    private static List<Candidate> tab(ShellCompleter completer, String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, PARSER.parse(line, line.length(), Parser.ParseContext.COMPLETE), candidates);
        return candidates;
    }

    private static double median(double[] v) {
        return pct(v, 0.5);
    }

    private static double pct(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(q * (s.length - 1) + 0.5))];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long rssKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", ""));
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return 0;
    }

    /** ListObjectsV2 as one SigV4-signed GET on the JDK's HttpClient: the floor a completer cannot beat. */
    private static final class PlainHttp implements AutoCloseable {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
        private final AwsCredentialsIdentity identity = AwsCredentialsIdentity.create(LocalRgw.accessKey(), LocalRgw.secretKey());

        int list(String bucket, String prefix) throws Exception {
            String query = "delimiter=%2F&list-type=2&max-keys=" + ListingCache.DEFAULT_PAGE + "&prefix="
                    + URLEncoder.encode(prefix, StandardCharsets.UTF_8).replace("+", "%20");
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                    .uri(URI.create(LocalRgw.endpoint() + "/" + bucket + "?" + query)).build();
            SignedRequest signed = signer.sign(r -> r.identity(identity).request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
            HttpRequest.Builder b = HttpRequest.newBuilder(signed.request().getUri()).GET();
            signed.request().forEachHeader((name, values) -> {
                if (!name.equalsIgnoreCase("Host")) values.forEach(v -> b.header(name, v));
            });
            HttpResponse<byte[]> response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("plain listing answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body().length;
        }

        @Override
        public void close() {
        }
    }
}
