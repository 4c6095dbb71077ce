package dev.s3sh.app;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.Dialect;
import dev.s3sh.store.StoreException;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.testing.MemoryStore;
import dev.s3sh.testing.UnsupportedStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsAuditTest {
    @TempDir
    Path state;

    static CorsConfiguration xml(String rules) throws Exception {
        return CorsParser.parse("<CORSConfiguration>" + rules + "</CORSConfiguration>", "test");
    }

    static final String ANY_WRITE = "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod></CORSRule>";
    static final String VERSION = "<CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>"
            + "<CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod></CORSRule>";

    /** A memory store that can fail chosen buckets, answer SlowDown a number of times, and counts calls at once. */
    static final class Store extends UnsupportedStore {
        final MemoryStore mem = new MemoryStore();
        final AtomicInteger now = new AtomicInteger(), max = new AtomicInteger(), slowDowns = new AtomicInteger();
        final List<Long> calls = Collections.synchronizedList(new ArrayList<>());
        volatile long sleepMillis;
        volatile String denied;

        @Override
        public Optional<CorsConfiguration> getCors(String bucket) {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            calls.add(System.nanoTime());
            try {
                if (sleepMillis > 0) Thread.sleep(sleepMillis);
                if (slowDowns.getAndDecrement() > 0) throw new StoreException("SlowDown", 503, "slow down");
                if (bucket.equals(denied)) throw new StoreException("AccessDenied", 403, "access denied to " + bucket);
                return mem.getCors(bucket);
            } catch (InterruptedException e) {
                throw new StoreException("Interrupted", 0, "interrupted");
            } finally {
                now.decrementAndGet();
            }
        }

        @Override
        public List<BucketSummary> listBuckets() {
            return mem.listBuckets();
        }

        final java.util.Map<String, List<String>> acls = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<String, String> policies = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicInteger aclSlowDowns = new AtomicInteger();

        @Override
        public List<String> getAcl(String bucket) {
            if (aclSlowDowns.getAndDecrement() > 0) throw new StoreException("SlowDown", 503, "slow down");
            List<String> acl = acls.get(bucket);
            if (acl == null) throw new StoreException("AccessDenied", 403, "no ACL for you");
            return acl;
        }

        @Override
        public Optional<String> getPolicy(String bucket) {
            return Optional.ofNullable(policies.get(bucket));
        }

        Store with(String bucket) {
            mem.with(bucket);
            return this;
        }

        @Override
        public void putCors(String bucket, CorsConfiguration c) {
            mem.putCors(bucket, c);
        }
    }

    private static List<CorsAudit.Row> run(CorsAudit audit, List<CorsAudit.Target> targets, List<String> patterns) throws Exception {
        List<CorsAudit.Row> rows = new ArrayList<>();
        audit.run(targets, patterns, rows::add);
        return rows;
    }

    @Test
    void oneRowPerBucketInListingOrderWithFindingsAndFailures() throws Exception {
        Store store = new Store();
        for (String b : List.of("a-write", "b-version", "c-none", "d-denied", "other")) store.with(b);
        store.putCors("a-write", xml(ANY_WRITE));
        store.putCors("b-version", xml(VERSION));
        store.denied = "d-denied";
        new CorsHistory(state, "http://h:1", "c-none").save(null, "set 1 rule");
        var target = new CorsAudit.Target("p", "http://h:1", store, Dialect.RGW, null);
        List<CorsAudit.Row> rows = run(new CorsAudit(state, 2), List.of(target), List.of("s3://?-*", "s3://missing-one"));
        assertEquals(List.of("missing-one", "a-write", "b-version", "c-none", "d-denied"), rows.stream().map(CorsAudit.Row::bucket).toList());
        assertEquals("NoSuchBucket", rows.get(0).errorCode());
        assertEquals(List.of(1), rows.get(1).anyOriginWrite());
        assertTrue(rows.get(1).errors() > 0 && rows.get(1).severity() == 2);
        assertTrue(rows.get(2).versionDependent() && rows.get(2).errors() == 0);
        assertEquals(CorsAudit.State.NONE, rows.get(3).state());
        assertEquals("set 1 rule", rows.get(3).lastChange().change());
        assertEquals("AccessDenied", rows.get(4).errorCode());
    }

    @Test
    void noMoreThanJobsAtOncePerEndpointAndTwoProfilesOfOneEndpointShareTheBound() throws Exception {
        Store slow = new Store(), fast = new Store();
        for (int i = 0; i < 40; i++) {
            slow.with("b" + i);
            fast.with("f" + i);
        }
        slow.sleepMillis = 5;
        var one = new CorsAudit.Target("p1", "http://h:1/", slow, Dialect.RGW, null);
        var same = new CorsAudit.Target("p2", "HTTP://H:1", slow, Dialect.RGW, null);
        var other = new CorsAudit.Target("p3", "http://elsewhere:1", fast, Dialect.RGW, null);
        // the fast endpoint's threads would pile onto the slow one without a bound per endpoint
        List<CorsAudit.Row> rows = run(new CorsAudit(state, 3), List.of(one, same, other), List.of());
        assertEquals(120, rows.size());
        assertTrue(slow.max.get() <= 3, "saw " + slow.max.get());
        assertTrue(slow.max.get() >= 2, "runs in parallel: saw " + slow.max.get());
    }

    @Test
    void slowDownPausesTheEndpointAndTheBucketIsTriedAgain() throws Exception {
        Store store = new Store();
        for (int i = 0; i < 5; i++) store.with("b" + i);
        store.slowDowns.set(3);
        var target = new CorsAudit.Target("p", "http://h:1", store, Dialect.RGW, null);
        long base = 40;
        List<CorsAudit.Row> rows = run(new CorsAudit(state, 1, new CorsAudit.Backoff(base, 1000)), List.of(target), List.of());
        assertTrue(rows.stream().allMatch(r -> r.state() != CorsAudit.State.FAILED), rows.toString());
        assertEquals(5 + 3, store.calls.size(), "each SlowDown is tried again");
        // after each SlowDown the next request waits at least half the backoff (jitter keeps the other half)
        for (int i = 1; i <= 3; i++) {
            long gapMillis = (store.calls.get(i) - store.calls.get(i - 1)) / 1_000_000;
            assertTrue(gapMillis >= base / 2, "request " + i + " came " + gapMillis + " ms after a SlowDown");
        }
    }

    @Test
    void aProfileThatCannotBeUsedIsOneRow() throws Exception {
        List<CorsAudit.Row> rows = run(new CorsAudit(state, 2), List.of(CorsAudit.Target.unusable("x", "profile x has no credentials")), List.of());
        assertEquals(1, rows.size());
        assertEquals("*", rows.get(0).bucket());
        assertEquals(CorsAudit.State.FAILED, rows.get(0).state());
    }

    @Test
    void eachRowCarriesThePublicVerdictOfItsAclAndPolicyAndAnUnreadableAclDoesNotFailTheRow() throws Exception {
        Store store = new Store();
        for (String b : List.of("a-policy", "b-acl", "c-private", "d-hidden")) store.with(b);
        store.acls.put("a-policy", List.of("owner: FULL_CONTROL"));
        store.policies.put("a-policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::a-policy/*\"}]}");
        store.acls.put("b-acl", List.of("owner: FULL_CONTROL", PublicAccess.ALL_USERS + ": WRITE", PublicAccess.ALL_USERS + ": READ"));
        store.acls.put("c-private", List.of("owner: FULL_CONTROL"));
        store.aclSlowDowns.set(2);
        var target = new CorsAudit.Target("p", "http://h:1", store, Dialect.RGW, null);
        List<CorsAudit.Row> rows = run(new CorsAudit(state, 1, new CorsAudit.Backoff(1, 5)), List.of(target), List.of());
        assertEquals(List.of("read", "write,list", "-"), rows.subList(0, 3).stream().map(r -> r.open().summary()).toList());
        CorsAudit.Row hidden = rows.get(3);
        assertEquals(CorsAudit.State.NONE, hidden.state(), "the CORS row stands: " + hidden);
        assertEquals(null, hidden.open());
        assertTrue(hidden.openFailure().contains("AccessDenied"), hidden.openFailure());
        assertTrue(store.aclSlowDowns.get() < 0, "both SlowDowns were given; the first bucket was tried again and has its verdict");
    }
}
