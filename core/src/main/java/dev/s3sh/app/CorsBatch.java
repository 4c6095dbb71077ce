package dev.s3sh.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDiff;
import dev.s3sh.cors.CorsLinter;
import dev.s3sh.cors.CorsNormalizer;
import dev.s3sh.cors.CorsParseException;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsWarning;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.StoreException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One CORS change over many buckets, the way Terraform does it ({@code cors apply}, {@code cors undo
 * --batch}): a {@link Plan} first (each bucket read: unchanged, changed or new, the linter's warnings
 * per dialect), then one confirmation, then the pushes in parallel, at most {@code jobs} at a time
 * per endpoint. Each push goes through {@link CorsPush}: it checks the bucket still holds what the
 * plan read (a change made meanwhile is skipped, never overwritten), saves the previous rules to the
 * bucket's {@link CorsHistory} marked with the batch id, pushes and reads back. The batch is recorded
 * under {@code STATE/cors-batches/ID.json} so that {@link #planUndo} can put every bucket back.
 * A bucket that fails is one result saying what the server holds now; the others go on unless
 * {@code stopOnError}.
 */
public final class CorsBatch {
    /** The default bound per endpoint: a few requests, well below what a server or a rate limit minds. */
    public static final int DEFAULT_JOBS = 4;
    /** Tries of one bucket while the endpoint answers SlowDown/503 and the bucket still holds what the plan read. */
    static final int BUSY_TRIES = 4;
    private static final Pattern BATCH_ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A profile to work on and its session (the command's own, or one opened for {@code --profiles}). */
    public record Target(String profile, Session session) {
        String endpoint() {
            return session.profile().endpointLabel();
        }

        Dialect dialect() {
            return Dialect.of(session.dialect());
        }
    }

    /** What the plan found for one bucket. */
    public enum Kind {
        /** The bucket has no CORS configuration: the rules are new. */
        NEW,
        /** The bucket holds other rules. */
        CHANGED,
        /** The bucket already holds these rules: nothing to push. */
        UNCHANGED,
        /** {@code cors undo --batch}: the bucket changed after the batch: left alone. */
        CHANGED_SINCE,
        /** The bucket (or the profile, or its listing: bucket "*") could not be read: nothing to push. */
        UNREADABLE;

        public boolean pushes() {
            return this == NEW || this == CHANGED;
        }

        /** The plan's one-character mark: + new, ~ changed, = unchanged, ? changed since, ! not read. */
        public String mark() {
            return switch (this) {
                case NEW -> "+";
                case CHANGED -> "~";
                case UNCHANGED -> "=";
                case CHANGED_SINCE -> "?";
                case UNREADABLE -> "!";
            };
        }
    }

    /**
     * One bucket of a plan. {@code live} is what the bucket held when the plan read it (the push
     * goes ahead only while it still does), {@code desired} what is pushed (null: remove the
     * configuration), {@code diff} from live to the stored form of desired. {@code failure} and
     * {@code code} are set for UNREADABLE.
     */
    public record Planned(Target target, String bucket, Kind kind, CorsConfiguration live, CorsConfiguration desired,
                          CorsDiff diff, List<CorsWarning> warnings, String code, String failure) {
        public String profile() {
            return target == null ? "" : target.profile();
        }

        /** The change in one line: at most three changes, then a count. */
        public String summary() {
            return switch (kind) {
                case NEW -> "new: " + CorsHistory.describe(desired);
                case CHANGED -> desired == null ? "removes " + CorsHistory.describe(live) : CorsOutcome.summary(diff);
                case UNCHANGED -> "unchanged";
                case CHANGED_SINCE -> "changed since the batch (" + CorsOutcome.summary(diff) + "): left alone";
                case UNREADABLE -> "cannot read: " + failure;
            };
        }
    }

    /** What a batch is to do, before anyone confirms it. {@code id} is the batch's id, recorded only if it runs. */
    public record Plan(String id, String purpose, List<Planned> buckets) {
        public Plan {
            buckets = List.copyOf(buckets);
        }

        public List<Planned> pushes() {
            return buckets.stream().filter(p -> p.kind().pushes()).toList();
        }

        public long count(Kind kind) {
            return buckets.stream().filter(p -> p.kind() == kind).count();
        }

        /** Rule numbers (1-based) that let any web site write, over every configuration to push. */
        public List<Integer> anyOriginWrites() {
            Set<Integer> rules = new java.util.TreeSet<>();
            for (Planned p : pushes()) if (p.desired() != null) rules.addAll(CorsLinter.anyOriginWriteRules(p.desired()));
            return List.copyOf(rules);
        }
    }

    /** How one bucket's push ended. */
    public enum Result {
        /** Pushed and verified by reading back. */
        APPLIED,
        /** Nothing to push (the plan said so, or the server held the rules by push time). */
        UNCHANGED,
        /** The bucket changed between plan and push (or since the batch, for an undo): left as it is. */
        SKIPPED,
        /** Not read, or the push failed: {@link Done#server} says what the bucket holds now. */
        FAILED,
        /** Not tried: the batch stopped after an error ({@code --stop-on-error}) or was interrupted. */
        NOT_RUN;

        public boolean ok() {
            return this == APPLIED || this == UNCHANGED;
        }
    }

    /** What a bucket holds after a failed push, read back by the batch. */
    public enum ServerState {
        /** What the plan read: nothing changed. */
        AS_BEFORE,
        /** The new rules (the push went through although its answer was lost). */
        NEW_RULES,
        /** Something else. */
        OTHER,
        /** It could not be read. */
        UNKNOWN
    }

    /**
     * One bucket's end. {@code server} is set for FAILED, {@code backup} is the history entry holding
     * the previous rules (the bucket can be undone) when the batch changed, or may have changed, it.
     */
    public record Done(Planned planned, Result result, String message, ServerState server, Path backup) {
        public String bucket() {
            return planned.bucket();
        }

        public boolean undoable() {
            return backup != null;
        }
    }

    /** How a batch ended. */
    public sealed interface Outcome {
        Plan plan();

        /** Exit status 0: every bucket holds what was asked for. */
        boolean succeeded();
    }

    /** Nothing to push: every bucket already holds the rules or could not be read. */
    public record NothingToDo(Plan plan) implements Outcome {
        @Override
        public boolean succeeded() {
            return plan.count(Kind.UNREADABLE) == 0 && plan.count(Kind.CHANGED_SINCE) == 0;
        }
    }

    /** Confirmation was needed and nobody can give it (no terminal, no {@code --yes}): nothing pushed. */
    public record Unconfirmed(Plan plan, String question) implements Outcome {
        @Override
        public boolean succeeded() {
            return false;
        }

        public String message() {
            return "refusing to " + question + " without confirmation: input is not a terminal, add --yes";
        }
    }

    /** The user said no: nothing pushed. */
    public record Declined(Plan plan) implements Outcome {
        @Override
        public boolean succeeded() {
            return false;
        }
    }

    /** The batch ran; {@code results} in plan order, one per bucket of the plan. */
    public record Ran(Plan plan, List<Done> results, Path record) implements Outcome {
        public Ran {
            results = List.copyOf(results);
        }

        @Override
        public boolean succeeded() {
            return results.stream().allMatch(d -> d.result().ok());
        }

        public long count(Result result) {
            return results.stream().filter(d -> d.result() == result).count();
        }

        public long undoable() {
            return results.stream().filter(Done::undoable).count();
        }
    }

    private final Path stateDir;
    private final int jobsPerEndpoint;
    private final boolean stopOnError;
    private final long busyPauseMillis;

    public CorsBatch(Path stateDir, int jobsPerEndpoint, boolean stopOnError) {
        this(stateDir, jobsPerEndpoint, stopOnError, 500);
    }

    CorsBatch(Path stateDir, int jobsPerEndpoint, boolean stopOnError, long busyPauseMillis) {
        if (jobsPerEndpoint < 1) throw new IllegalArgumentException("jobs must be at least 1, not " + jobsPerEndpoint);
        this.stateDir = stateDir;
        this.jobsPerEndpoint = jobsPerEndpoint;
        this.stopOnError = stopOnError;
        this.busyPauseMillis = busyPauseMillis;
    }

    /** True for text that can name a recorded batch (what {@code cors undo --batch} accepts). */
    public static boolean isBatchId(String id) {
        return id != null && BATCH_ID.matcher(id).matches();
    }

    static String newId() {
        return ID_TIME.format(Instant.now()) + "-" + String.format("%04x", new SecureRandom().nextInt(0x10000));
    }

    /** The ids of the batches recorded on this machine, newest first (what {@code cors undo --batch} can take). */
    public List<String> recorded() throws IOException {
        Path dir = stateDir.resolve("cors-batches");
        if (!Files.isDirectory(dir)) return List.of();
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".json")).map(n -> n.substring(0, n.length() - 5))
                    .filter(CorsBatch::isBatchId).sorted(java.util.Comparator.reverseOrder()).toList();
        }
    }

    private Path recordFile(String id) {
        return stateDir.resolve("cors-batches").resolve(id + ".json");
    }

    // ------------------------------------------------------------------ plans

    /**
     * The plan of {@code cors apply}: {@code desired} on every bucket of each target that a pattern
     * names ({@code s3://NAME}, or a glob with {@code *} and {@code ?} matched against the target's
     * listing). A name without wildcards is planned even when the listing does not show it; a bucket
     * reached twice (two profiles of one endpoint) is planned once.
     */
    public Plan planApply(List<Target> targets, List<String> patterns, CorsConfiguration desired, String purpose)
            throws InterruptedException {
        CorsConfiguration trimmed = desired == null ? null : CorsNormalizer.trimmed(desired);
        List<Keyed<Planned>> reads = new ArrayList<>();
        List<Planned> failures = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Target t : targets) {
            List<String> names;
            try {
                names = buckets(t, patterns);
            } catch (StoreException e) {
                failures.add(unreadable(t, "*", e.code(), "cannot list the buckets: " + e.getMessage()));
                continue;
            }
            for (String name : names) {
                String endpoint = CorsHistory.endpointKey(t.endpoint());
                if (!seen.add(endpoint + "\n" + name)) continue;
                reads.add(new Keyed<>(endpoint, () -> planOne(t, name, trimmed),
                        e -> unreadable(t, name, "Error", String.valueOf(e.getMessage()))));
            }
        }
        List<Planned> planned = new ArrayList<>(failures);
        planned.addAll(readAll(reads));
        return new Plan(newId(), purpose, planned);
    }

    private Planned planOne(Target t, String bucket, CorsConfiguration trimmed) {
        Dialect dialect = t.dialect();
        CorsConfiguration live;
        try {
            live = t.session().store().getCors(bucket).orElse(null);
        } catch (StoreException e) {
            return unreadable(t, bucket, e.code(), e.getMessage());
        }
        CorsConfiguration stored = trimmed == null ? null : CorsNormalizer.storedForm(trimmed, dialect);
        CorsDiff diff = CorsDiff.diff(live, stored);
        List<CorsWarning> warnings = trimmed == null ? List.of() : CorsLinter.lint(trimmed, dialect);
        Kind kind = CorsNormalizer.sameRules(live, stored) ? Kind.UNCHANGED : live == null ? Kind.NEW : Kind.CHANGED;
        return new Planned(t, bucket, kind, live, trimmed, diff, warnings, null, null);
    }

    private static Planned unreadable(Target t, String bucket, String code, String message) {
        return new Planned(t, bucket, Kind.UNREADABLE, null, null, null, List.of(), code, message);
    }

    private static List<String> buckets(Target t, List<String> patterns) {
        List<String> names = new ArrayList<>();
        List<String> listed = null;
        for (String pattern : patterns) {
            if (!isGlob(pattern)) {
                if (!names.contains(pattern)) names.add(pattern);
                continue;
            }
            if (listed == null) listed = t.session().store().listBuckets().stream().map(BucketSummary::name).sorted().toList();
            Pattern glob = glob(pattern);
            for (String name : listed) if (glob.matcher(name).matches() && !names.contains(name)) names.add(name);
        }
        return names;
    }

    static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    static Pattern glob(String pattern) {
        StringBuilder b = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') b.append(".*");
            else if (c == '?') b.append('.');
            else b.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(b.toString());
    }

    /**
     * The plan of {@code cors undo --batch ID}: every bucket the batch changed (or may have changed)
     * gets back the rules saved before the batch's push, but only while it still holds what the
     * batch pushed; a bucket changed since is left alone. {@code targetFor} gives the session of a
     * recorded profile (it throws when the profile cannot be used).
     */
    public Plan planUndo(String id, Function<String, Target> targetFor) throws IOException, InterruptedException {
        if (!isBatchId(id)) throw new IllegalArgumentException("not a batch id: " + id);
        Path file = recordFile(id);
        if (!Files.isRegularFile(file)) throw new NoSuchBatchException(id, file.getParent());
        JsonNode record = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, Target> targets = new HashMap<>();
        List<Keyed<Planned>> reads = new ArrayList<>();
        List<Planned> failures = new ArrayList<>();
        for (JsonNode b : record.path("buckets")) {
            String profile = b.path("profile").asText();
            String bucket = b.path("bucket").asText();
            String endpoint = b.path("endpoint").asText();
            Target t = targets.get(profile);
            if (t == null) {
                try {
                    t = targetFor.apply(profile);
                } catch (RuntimeException e) {
                    failures.add(unreadable(new Target(profile, null), bucket, "Profile", "profile " + profile + ": " + e.getMessage()));
                    continue;
                }
                targets.put(profile, t);
            }
            if (!CorsHistory.endpointKey(t.endpoint()).equals(endpoint)) {
                failures.add(unreadable(t, bucket, "Profile", "profile " + profile + " now points at " + t.endpoint()
                        + ", not at " + endpoint + " where the batch ran"));
                continue;
            }
            CorsConfiguration pushed;
            try {
                pushed = b.hasNonNull("pushed") ? CorsParser.parse(b.get("pushed").asText(), file.toString()) : null;
            } catch (CorsParseException e) {
                failures.add(unreadable(t, bucket, "Record", "the batch record " + file + " is damaged (changed by hand?)"));
                continue;
            }
            Target target = t;
            reads.add(new Keyed<>(endpoint, () -> planUndoOne(target, bucket, id, pushed),
                    e -> unreadable(target, bucket, "Error", String.valueOf(e.getMessage()))));
        }
        List<Planned> planned = new ArrayList<>(failures);
        planned.addAll(readAll(reads));
        return new Plan(newId(), "undo batch " + id, planned);
    }

    private Planned planUndoOne(Target t, String bucket, String id, CorsConfiguration pushed) throws IOException {
        CorsHistory.Entry saved = null;
        for (CorsHistory.Entry e : new CorsHistory(stateDir, t.endpoint(), bucket).entries()) {
            if (id.equals(e.batch())) {
                saved = e;
                break; // newest first
            }
        }
        if (saved == null) {
            // the batch did not change this bucket (unchanged, skipped, or failed with nothing changed)
            return new Planned(t, bucket, Kind.UNCHANGED, null, null, CorsDiff.diff(null, null), List.of(), null, null);
        }
        Dialect dialect = t.dialect();
        CorsConfiguration previous = saved.configuration();
        CorsConfiguration live;
        try {
            live = t.session().store().getCors(bucket).orElse(null);
        } catch (StoreException e) {
            return unreadable(t, bucket, e.code(), e.getMessage());
        }
        CorsConfiguration previousStored = previous == null ? null : CorsNormalizer.storedForm(previous, dialect);
        CorsDiff diff = CorsDiff.diff(live, previousStored);
        if (CorsNormalizer.sameRules(live, previousStored)) return new Planned(t, bucket, Kind.UNCHANGED, live, previous, diff, List.of(), null, null);
        if (!CorsNormalizer.sameRules(live, pushed)) {
            return new Planned(t, bucket, Kind.CHANGED_SINCE, live, previous, CorsDiff.diff(pushed, live), List.of(), null, null);
        }
        List<CorsWarning> warnings = previous == null ? List.of() : CorsLinter.lint(previous, dialect);
        return new Planned(t, bucket, live == null ? Kind.NEW : Kind.CHANGED, live, previous, diff, warnings, null, null);
    }

    /** {@code cors undo --batch ID} names no recorded batch. */
    public static final class NoSuchBatchException extends IOException {
        public NoSuchBatchException(String id, Path dir) {
            super("no batch " + id + " is recorded in " + dir + " (each 'cors apply' on this machine prints its id)");
        }
    }

    // ------------------------------------------------------------------ running

    /**
     * Asks once (through {@code ports}; {@code assumeYes} answers, except for rules that let any
     * origin write when someone can be asked), records the batch and pushes every bucket the plan
     * changes.
     */
    public Outcome run(Plan plan, boolean assumeYes, CorsPorts ports) throws InterruptedException, IOException {
        return run(plan, assumeYes, ports, done -> {
        });
    }

    /** As {@link #run(Plan, boolean, CorsPorts)}; {@code progress} hears each bucket's end as it comes (on a batch thread). */
    public Outcome run(Plan plan, boolean assumeYes, CorsPorts ports, java.util.function.Consumer<Done> progress)
            throws InterruptedException, IOException {
        List<Planned> pushes = plan.pushes();
        if (pushes.isEmpty()) return new NothingToDo(plan);
        int n = pushes.size();
        String question = plan.purpose() + ": push to " + n + (n == 1 ? " bucket" : " buckets");
        List<Integer> anyOrigin = plan.anyOriginWrites();
        if (!anyOrigin.isEmpty()) {
            question += ", with rules that let ANY web site write (rule "
                    + anyOrigin.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")";
        }
        boolean interactive = ports.interactive();
        if (interactive && (!assumeYes || !anyOrigin.isEmpty())) {
            if (!ports.confirm(Character.toUpperCase(question.charAt(0)) + question.substring(1) + "?")) return new Declined(plan);
        } else if (!assumeYes) {
            return new Unconfirmed(plan, question);
        }

        Path record = recordFile(plan.id());
        writeRecord(record, plan, null);
        // why the rest is not tried: null while the batch goes on
        java.util.concurrent.atomic.AtomicReference<String> stop = new java.util.concurrent.atomic.AtomicReference<>();
        List<Keyed<Done>> jobs = new ArrayList<>();
        Map<Planned, Integer> index = new HashMap<>();
        for (Planned p : plan.buckets()) {
            if (!p.kind().pushes()) continue;
            index.put(p, jobs.size());
            jobs.add(new Keyed<>(CorsHistory.endpointKey(p.target().endpoint()), () -> {
                String why = stop.get();
                if (why != null) return new Done(p, Result.NOT_RUN, "not tried: " + why, null, null);
                Done d = pushOne(plan.id(), p);
                if (stopOnError && d.result() == Result.FAILED) stop.compareAndSet(null, "the batch stopped after an error (--stop-on-error)");
                progress.accept(d);
                return d;
            }, e -> {
                if (e instanceof InterruptedException) stop.compareAndSet(null, "interrupted");
                Done d = new Done(p, Result.FAILED, "the push did not finish (" + e.getMessage() + ")", readBack(p), savedFor(plan.id(), p));
                progress.accept(d);
                return d;
            }));
        }
        List<Done> pushed = pushAll(jobs, () -> stop.compareAndSet(null, "interrupted"));
        List<Done> results = new ArrayList<>();
        for (Planned p : plan.buckets()) {
            Integer i = index.get(p);
            if (i != null) results.add(pushed.get(i));
            else if (p.kind() == Kind.UNCHANGED) results.add(new Done(p, Result.UNCHANGED, "unchanged: nothing to push", null, null));
            else if (p.kind() == Kind.CHANGED_SINCE) results.add(new Done(p, Result.SKIPPED, p.summary(), null, null));
            else results.add(new Done(p, Result.FAILED, p.summary(), ServerState.UNKNOWN, null));
        }
        writeRecord(record, plan, results);
        return new Ran(plan, results, record);
    }

    /** One bucket: through {@link CorsPush} (same checks as {@code cors set}), retried while the endpoint is busy and nothing changed. */
    private Done pushOne(String id, Planned p) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            CorsOutcome outcome;
            try {
                outcome = new CorsPush(p.target().session(), stateDir, ALREADY_CONFIRMED, p.bucket(), true)
                        .withoutQuestion().expecting(p.live()).batch(id).push(p.desired());
            } catch (StoreException e) {
                if ("Interrupted".equals(e.code()) || Thread.currentThread().isInterrupted()) throw new InterruptedException(e.getMessage());
                ServerState now = readBack(p);
                Path backup = now == ServerState.AS_BEFORE ? null : savedFor(id, p);
                if (now == ServerState.AS_BEFORE && busy(e) && attempt < BUSY_TRIES) {
                    Thread.sleep(busyPauseMillis << (attempt - 1));
                    continue;
                }
                if (now == ServerState.NEW_RULES) {
                    return new Done(p, Result.APPLIED, "applied (the answer was lost: " + e.getMessage()
                            + "; the read-back shows the new rules)", null, backup);
                }
                return new Done(p, Result.FAILED, e.getMessage(), now, backup);
            }
            if (outcome instanceof CorsOutcome.Pushed pushed) {
                String how = pushed.lostAnswer() == null ? "applied (verified by read-back)"
                        : "applied (the answer was lost: " + pushed.lostAnswer() + "; the read-back shows the new rules)";
                return new Done(p, Result.APPLIED, how, null, pushed.backup());
            }
            if (outcome instanceof CorsOutcome.Unchanged) {
                return new Done(p, Result.UNCHANGED, "unchanged: the server already held these rules at push time", null, null);
            }
            if (outcome instanceof CorsOutcome.Conflict c) {
                return new Done(p, Result.SKIPPED, "changed on the server since the plan (" + CorsOutcome.summary(c.changed())
                        + "): skipped, left as it is", null, null);
            }
            return new Done(p, Result.FAILED, outcome.message(), ServerState.AS_BEFORE, null);
        }
    }

    private static boolean busy(StoreException e) {
        return e.status() == 503 || "SlowDown".equals(e.code()) || "ServiceUnavailable".equals(e.code());
    }

    /** After a failed push: what the bucket holds, compared with the plan's snapshot and the new rules. */
    private static ServerState readBack(Planned p) {
        try {
            CorsConfiguration now = p.target().session().store().getCors(p.bucket()).orElse(null);
            if (CorsNormalizer.sameRules(now, p.live())) return ServerState.AS_BEFORE;
            CorsConfiguration stored = p.desired() == null ? null : CorsNormalizer.storedForm(p.desired(), p.target().dialect());
            if (CorsNormalizer.sameRules(now, stored)) return ServerState.NEW_RULES;
            return ServerState.OTHER;
        } catch (StoreException e) {
            return ServerState.UNKNOWN;
        }
    }

    /** The history entry this batch saved for the bucket, if the push got that far. */
    private Path savedFor(String id, Planned p) {
        try {
            for (CorsHistory.Entry e : new CorsHistory(stateDir, p.target().endpoint(), p.bucket()).entries()) {
                if (id.equals(e.batch())) return e.file();
            }
        } catch (IOException ignored) {
            // no readable history: the result says the bucket cannot be undone
        }
        return null;
    }

    /** The ports of a push whose one question was already asked for the whole batch. */
    private static final CorsPorts ALREADY_CONFIRMED = new CorsPorts() {
        @Override
        public void tell(CorsNotice notice) {
            // the plan showed the change
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public boolean confirm(String question) {
            return false;
        }

        @Override
        public void editFile(Path file) {
            throw new UnsupportedOperationException("no editor in a batch");
        }
    };

    /**
     * The record {@code cors undo --batch} reads: every bucket the batch set out to push, with the
     * profile, the endpoint and the rules pushed (stored form), and once run, each result. Written
     * before the first push, so that a batch cut short can still be undone.
     */
    private static void writeRecord(Path file, Plan plan, List<Done> results) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", plan.id());
        root.put("purpose", plan.purpose());
        root.put("time", Instant.now().toString());
        ArrayNode buckets = root.putArray("buckets");
        Map<Planned, Done> byPlan = new HashMap<>();
        if (results != null) for (Done d : results) byPlan.put(d.planned(), d);
        for (Planned p : plan.pushes()) {
            ObjectNode b = buckets.addObject();
            b.put("profile", p.profile());
            b.put("endpoint", CorsHistory.endpointKey(p.target().endpoint()));
            b.put("bucket", p.bucket());
            if (p.desired() == null) b.putNull("pushed");
            else b.put("pushed", CorsXml.write(CorsNormalizer.storedForm(p.desired(), p.target().dialect())));
            Done d = byPlan.get(p);
            b.put("result", d == null ? "pending" : d.result().name().toLowerCase(java.util.Locale.ROOT));
        }
        CorsHistory.PrivateFiles.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        CorsHistory.PrivateFiles.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    // ------------------------------------------------------------------ the bound

    /** A job, the endpoint whose bound it counts against, and what it gives when it throws. */
    private record Keyed<T>(String endpoint, Callable<T> job, Function<Exception, T> failed) {
        T call() {
            try {
                return job.call();
            } catch (Exception e) {
                return failed.apply(e);
            }
        }
    }

    /** Reads only: an interrupt abandons them (nothing was changed). */
    private <T> List<T> readAll(List<Keyed<T>> jobs) throws InterruptedException {
        Map<String, ExecutorService> pools = new HashMap<>();
        try {
            List<Future<T>> futures = submit(jobs, pools);
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) out.add(get(f));
            return out;
        } finally {
            pools.values().forEach(ExecutorService::shutdownNow);
        }
    }

    /**
     * Pushes: an interrupt stops what has not begun ({@code onInterrupt}) and waits for the pushes
     * under way, so that every bucket's result is known; the interrupt is kept for the caller.
     */
    private <T> List<T> pushAll(List<Keyed<T>> jobs, Runnable onInterrupt) {
        Map<String, ExecutorService> pools = new HashMap<>();
        boolean interrupted = false;
        try {
            List<Future<T>> futures = submit(jobs, pools);
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                while (true) {
                    try {
                        out.add(get(f));
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        onInterrupt.run();
                    }
                }
            }
            return out;
        } finally {
            pools.values().forEach(ExecutorService::shutdown);
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** One pool of {@code jobsPerEndpoint} threads per endpoint: the bound is exact, and a slow endpoint does not hold up another. */
    private <T> List<Future<T>> submit(List<Keyed<T>> jobs, Map<String, ExecutorService> pools) {
        List<Future<T>> futures = new ArrayList<>();
        for (Keyed<T> k : jobs) {
            ExecutorService pool = pools.computeIfAbsent(k.endpoint(), e -> Executors.newFixedThreadPool(jobsPerEndpoint, r -> {
                Thread t = new Thread(r, "s3sh-batch");
                t.setDaemon(true);
                return t;
            }));
            futures.add(pool.submit(k::call));
        }
        return futures;
    }

    private static <T> T get(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // Keyed.call catches every exception
        }
    }
}
