package dev.s3sh.app;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDetector;
import dev.s3sh.cors.CorsLinter;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsValidator;
import dev.s3sh.cors.CorsWarning;
import dev.s3sh.cors.Dialect;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The CORS state of many buckets over one or more endpoints (profiles), read-only: per bucket
 * whether CORS is set, the rule count, the findings by severity, whether any origin may write,
 * whether the verdicts depend on the RGW version, the last change in s3sh's history, and whether
 * anyone may read, write or list the bucket ({@link PublicAccess}, from its ACL and policy).
 *
 * <p>Requests run in parallel, at most {@code jobsPerEndpoint} at a time per endpoint (two profiles
 * of one server share the bound). The SDK retries with its own backoff; when a bucket still gets
 * 503/SlowDown, every request to that endpoint waits (exponential, with jitter) and the bucket is
 * tried again, so a busy server slows the audit down instead of failing it. Rows are handed to the
 * listener one by one in a fixed order (targets interleaved, then buckets as listed) and only a
 * window of a few rows per job is held, so memory does not grow with the bucket count. A bucket
 * that fails is one row saying why; the audit goes on.
 *
 * <p>Severities: {@code error} is what the validator refuses for the dialect, and a rule that lets
 * any origin write (the finding {@code cors set} asks about even under {@code --yes}); {@code warning}
 * and {@code info} are the linter's and the validator's lesser findings.
 */
public final class CorsAudit {
    /**
     * The default bound per endpoint: reads only, as many as rclone's checkers (8) and fewer than the
     * AWS CLI's 10, well below what a server or a rate limit minds. Each bucket costs three reads
     * (CORS, ACL, policy); at 4 an audit of 300 buckets on a stock RGW (45 ms a kept-alive request)
     * took 10.7 s, 12.9x a loop of s3cmd info (bench/results/audit.md). Pushes keep their own, lower bound.
     */
    public static final int DEFAULT_JOBS = 8;
    /** Tries of one bucket while the endpoint keeps answering SlowDown/503. */
    static final int SLOWDOWN_TRIES = 8;

    /** An endpoint to audit: {@code store} null with {@code failure} when the profile cannot be used. */
    public record Target(String profile, String endpoint, ObjectStore store, Dialect dialect, String failure) {
        public static Target unusable(String profile, String failure) {
            return new Target(profile, "", null, Dialect.RGW, failure);
        }
    }

    public enum State {
        /** CORS is set. */
        SET,
        /** The bucket has no CORS configuration. */
        NONE,
        /** The bucket (or the profile, or its listing) could not be read. */
        FAILED
    }

    /** What the history says of the last change s3sh made; null when it made none. */
    public record LastChange(Instant time, String change) {
    }

    /**
     * One bucket's line. {@code bucket} is "*" for a failure that concerns the whole target (listing,
     * profile); {@code errorCode} and {@code failure} are set only when {@code state} is FAILED.
     * {@code open} is whether anyone may read, write or list the bucket, as {@code info} decides it
     * from the ACL and the policy; null with {@code openFailure} saying why when they could not be read.
     */
    public record Row(String profile, String endpoint, String bucket, State state, int rules, int errors, int warnings,
                      int infos, List<Integer> anyOriginWrite, boolean versionDependent, LastChange lastChange,
                      PublicAccess open, String openFailure, String errorCode, String failure) {
        public Row {
            anyOriginWrite = List.copyOf(anyOriginWrite);
        }

        /** 3 failed, 2 an error-level finding, 1 a warning, 0 clean (info only or nothing): for sorting and exit status. */
        public int severity() {
            return state == State.FAILED ? 3 : errors > 0 ? 2 : warnings > 0 ? 1 : 0;
        }

        static Row failed(Target t, String bucket, String code, String message) {
            return new Row(t.profile(), t.endpoint(), bucket, State.FAILED, 0, 0, 0, 0, List.of(), false, null, null, null, code, message);
        }
    }

    /** What a whole audit found. */
    public record Summary(int buckets, int withCors, int failed, int withErrors, int anyOriginWrite, int versionDependent) {
        public boolean clean() {
            return failed == 0 && withErrors == 0;
        }
    }

    /** Hears the audit: first how many buckets there are, then every row in order. Called on the caller's thread. */
    public interface Listener {
        default void started(int buckets) {
        }

        void row(Row row);
    }

    private final Path stateDir;
    private final int jobsPerEndpoint;
    private final Backoff backoff;

    public CorsAudit(Path stateDir, int jobsPerEndpoint) {
        this(stateDir, jobsPerEndpoint, Backoff.DEFAULT);
    }

    CorsAudit(Path stateDir, int jobsPerEndpoint, Backoff backoff) {
        if (jobsPerEndpoint < 1) throw new IllegalArgumentException("jobs must be at least 1, not " + jobsPerEndpoint);
        this.stateDir = stateDir;
        this.jobsPerEndpoint = jobsPerEndpoint;
        this.backoff = backoff;
    }

    /** How long an endpoint waits after a SlowDown: {@code base} doubled per SlowDown in a row, at most {@code max}. */
    record Backoff(long baseMillis, long maxMillis) {
        static final Backoff DEFAULT = new Backoff(200, 10_000);

        long delay(int inARow) {
            long d = Math.min(maxMillis, baseMillis << Math.min(20, Math.max(0, inARow - 1)));
            return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
        }
    }

    /** The bound and the shared pause of one endpoint. */
    private static final class Gate {
        final Semaphore slots;
        final AtomicLong pausedUntil = new AtomicLong(); // System.nanoTime() deadline; 0 none
        int inARow;

        Gate(int jobs) {
            slots = new Semaphore(jobs);
        }

        void waitOutPause() throws InterruptedException {
            long wait;
            while ((wait = pausedUntil.get() - System.nanoTime()) > 0) Thread.sleep(Math.max(1, wait / 1_000_000));
        }

        synchronized void slowDown(Backoff backoff) {
            inARow++;
            long until = System.nanoTime() + backoff.delay(inARow) * 1_000_000;
            pausedUntil.accumulateAndGet(until, Math::max);
        }

        synchronized void answered() {
            inARow = 0;
        }
    }

    /** One bucket to read. */
    private record Job(Target target, String bucket, Gate gate) {
    }

    /**
     * Audits the buckets of each target that match {@code patterns} ({@code s3://NAME} or a glob with
     * {@code *} and {@code ?}; none: every bucket). A name without wildcards is audited even when the
     * listing does not show it (it may be another owner's), so a missing bucket is a row.
     */
    public Summary run(List<Target> targets, List<String> patterns, Listener listener) throws InterruptedException {
        Map<String, Gate> gates = new HashMap<>();
        List<Iterator<Job>> perTarget = new ArrayList<>();
        List<Row> targetFailures = new ArrayList<>();
        int total = 0;
        for (Target t : targets) {
            if (t.store() == null) {
                targetFailures.add(Row.failed(t, "*", "Profile", t.failure()));
                continue;
            }
            Gate gate = gates.computeIfAbsent(CorsHistory.endpointKey(t.endpoint()), k -> new Gate(jobsPerEndpoint));
            List<String> names;
            try {
                names = buckets(t, patterns);
            } catch (StoreException e) {
                targetFailures.add(Row.failed(t, "*", e.code(), "cannot list the buckets: " + e.getMessage()));
                continue;
            }
            total += names.size();
            perTarget.add(names.stream().map(b -> new Job(t, b, gate)).iterator());
        }
        listener.started(total + targetFailures.size());
        Counter counter = new Counter();
        for (Row r : targetFailures) counter.add(r, listener);

        int threads = Math.max(1, gates.size() * jobsPerEndpoint);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "s3sh-audit");
            th.setDaemon(true);
            return th;
        });
        // a window of rows in flight, in order: the first is waited for while later ones run
        Deque<Future<Row>> window = new ArrayDeque<>();
        int windowSize = threads * 4;
        try {
            for (Iterator<Job> jobs = interleaved(perTarget); jobs.hasNext(); ) {
                Job job = jobs.next();
                while (window.size() >= windowSize) counter.add(take(window.poll()), listener);
                window.add(pool.submit(() -> audit(job)));
            }
            while (!window.isEmpty()) counter.add(take(window.poll()), listener);
        } finally {
            for (Future<Row> f : window) f.cancel(true);
            pool.shutdownNow();
        }
        return counter.summary();
    }

    private static Row take(Future<Row> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an audit task failed: " + e.getCause(), e.getCause());
        }
    }

    /** The bucket names of a target that the patterns select, in the listing's order. */
    private static List<String> buckets(Target t, List<String> patterns) {
        java.util.Set<String> exact = new java.util.LinkedHashSet<>();
        List<Pattern> globs = new ArrayList<>();
        for (String p : patterns) {
            String name = p.startsWith("s3://") ? p.substring(5) : p;
            int slash = name.indexOf('/');
            if (slash >= 0) name = name.substring(0, slash);
            if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0) globs.add(glob(name));
            else if (!name.isEmpty()) exact.add(name);
        }
        if (!patterns.isEmpty() && globs.isEmpty()) return new ArrayList<>(exact);
        java.util.Set<String> out = new java.util.LinkedHashSet<>(exact);
        for (BucketSummary b : t.store().listBuckets()) {
            if (patterns.isEmpty() || globs.stream().anyMatch(g -> g.matcher(b.name()).matches())) out.add(b.name());
        }
        return new ArrayList<>(out);
    }

    /** A bucket-name glob ({@code *} any run, {@code ?} one character) as a whole-name pattern. */
    public static Pattern glob(String glob) {
        StringBuilder b = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') b.append(".*");
            else if (c == '?') b.append('.');
            else b.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(b.toString());
    }

    /** One job of each target in turn, so that every endpoint is busy from the start. */
    private static Iterator<Job> interleaved(List<Iterator<Job>> sources) {
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return sources.stream().anyMatch(Iterator::hasNext);
            }

            @Override
            public Job next() {
                while (true) {
                    Iterator<Job> it = sources.get(next++ % sources.size());
                    if (it.hasNext()) return it.next();
                }
            }
        };
    }

    private Row audit(Job job) {
        Target t = job.target();
        StoreException last = null;
        for (int attempt = 1; attempt <= SLOWDOWN_TRIES; attempt++) {
            try {
                job.gate().slots.acquire();
                try {
                    job.gate().waitOutPause();
                    CorsConfiguration config = t.store().getCors(job.bucket()).orElse(null);
                    Openness open = openness(t.store(), job.bucket());
                    job.gate().answered();
                    return row(t, job.bucket(), config, open);
                } finally {
                    job.gate().slots.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Row.failed(t, job.bucket(), "Interrupted", "interrupted");
            } catch (StoreException e) {
                if (!slowDown(e)) return Row.failed(t, job.bucket(), e.code(), e.getMessage());
                last = e;
                job.gate().slowDown(backoff);
            } catch (RuntimeException e) {
                return Row.failed(t, job.bucket(), "Unexpected", String.valueOf(e.getMessage()));
            }
        }
        return Row.failed(t, job.bucket(), last.code(), last.getMessage() + " (still so after " + SLOWDOWN_TRIES + " tries)");
    }

    static boolean slowDown(StoreException e) {
        return "SlowDown".equals(e.code()) || "ServiceUnavailable".equals(e.code()) || e.status() == 503;
    }

    /** The public verdict of a bucket, or why it could not be read (which does not fail the bucket's CORS row). */
    private record Openness(PublicAccess access, String failure) {
    }

    /** ACL and policy, read the way {@code info} reads them; a SlowDown is thrown so that the bucket is tried again. */
    private static Openness openness(ObjectStore store, String bucket) {
        try {
            return new Openness(PublicAccess.judge(bucket, store.getAcl(bucket), store.getPolicy(bucket)), null);
        } catch (StoreException e) {
            if (slowDown(e)) throw e;
            return new Openness(null, e.code() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new Openness(null, String.valueOf(e.getMessage()));
        }
    }

    private Row row(Target t, String bucket, CorsConfiguration config, Openness open) {
        LastChange change = lastChange(t.endpoint(), bucket);
        if (config == null) {
            return new Row(t.profile(), t.endpoint(), bucket, State.NONE, 0, 0, 0, 0, List.of(), false, change,
                    open.access(), open.failure(), null, null);
        }
        int errors = 0, warnings = 0, infos = 0;
        for (CorsProblem p : CorsValidator.validate(config, t.dialect())) {
            if (p.isError()) errors++;
            else warnings++;
        }
        List<Integer> anyWrite = CorsLinter.anyOriginWriteRules(config);
        errors += anyWrite.size();
        for (CorsWarning w : CorsLinter.lint(config, t.dialect())) {
            if (w.severity() == CorsWarning.Severity.WARNING) warnings++;
            else infos++;
        }
        boolean versionDependent = t.dialect().isRgw() && !CorsDetector.differingRequests(config, 1).isEmpty();
        return new Row(t.profile(), t.endpoint(), bucket, State.SET, config.rules().size(), errors, warnings, infos, anyWrite,
                versionDependent, change, open.access(), open.failure(), null, null);
    }

    private LastChange lastChange(String endpoint, String bucket) {
        if (stateDir == null) return null;
        try {
            List<CorsHistory.Entry> entries = new CorsHistory(stateDir, endpoint, bucket).entries();
            if (entries.isEmpty()) return null;
            CorsHistory.Entry e = entries.get(0);
            return new LastChange(e.time(), e.change());
        } catch (IOException | RuntimeException e) {
            return null; // history is a courtesy here: an unreadable folder must not fail the bucket
        }
    }

    /** Counts the rows as they pass to the listener. */
    private static final class Counter {
        int buckets, withCors, failed, withErrors, anyWrite, versionDependent;

        void add(Row r, Listener listener) {
            buckets++;
            if (r.state() == State.SET) withCors++;
            if (r.state() == State.FAILED) failed++;
            if (r.errors() > 0) withErrors++;
            if (!r.anyOriginWrite().isEmpty()) anyWrite++;
            if (r.versionDependent()) versionDependent++;
            listener.row(r);
        }

        Summary summary() {
            return new Summary(buckets, withCors, failed, withErrors, anyWrite, versionDependent);
        }
    }
}
