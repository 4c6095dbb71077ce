package dev.s3sh.app;

import dev.s3sh.command.Prompter;

import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.session.Session;
import dev.s3sh.store.BucketInfo;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.ProbeRequest;
import dev.s3sh.store.ProbeResult;
import dev.s3sh.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The push path's decisions, on a store that holds CORS in memory and can be made to misbehave. */
class CorsPushTest {
    @TempDir
    Path state;

    private final CorsOnlyStore store = new CorsOnlyStore();
    private final List<String> questions = new ArrayList<>();

    private final List<CorsNotice> told = new ArrayList<>();

    /** The push path with {@code prompter} answering its questions; what it tells is kept in {@link #told}. */
    private CorsPush push(Prompter prompter, boolean assumeYes) {
        Profile p = new Profile("t", URI.create("http://127.0.0.1:1"), "us-east-1", "AK", "SK", null, true, "rgw");
        Session session = new Session(p, x -> store);
        CorsPorts ports = new CorsPorts() {
            public void tell(CorsNotice notice) {
                told.add(notice);
            }

            public boolean interactive() {
                return prompter.interactive();
            }

            public boolean confirm(String question) {
                return prompter.confirm(question);
            }

            public void editFile(Path file) {
                throw new UnsupportedOperationException();
            }
        };
        return new CorsPush(session, state, ports, "b", assumeYes);
    }

    private Prompter answering(boolean... answers) {
        return new Prompter() {
            int i;

            public boolean interactive() {
                return true;
            }

            public boolean confirm(String q) {
                questions.add(q);
                return answers[i++];
            }

            public String readSecret(String prompt) {
                return null;
            }

            public String readLine(String prompt) {
                return null;
            }
        };
    }

    private static CorsConfiguration rule(String origin, String... methods) {
        return new CorsConfiguration(List.of(new CorsRule(null, List.of(methods), List.of(origin), List.of(), List.of(), null)));
    }

    private CorsHistory history() {
        return new CorsHistory(state, "http://127.0.0.1:1", "b");
    }

    @Test
    void pushesTrimmedRulesSavesThePreviousOnesAndVerifies() throws Exception {
        store.cors = rule("https://old.example", "GET");
        CorsOutcome o = push(Prompter.NONE, true).push(rule(" https://new.example ", "get"));
        assertInstanceOf(CorsOutcome.Pushed.class, o, o.message());
        assertEquals("https://new.example", store.cors.rules().get(0).allowedOrigins().get(0));
        assertEquals(rule("https://old.example", "GET"), history().entries().get(0).configuration());
        assertEquals(history().entries().get(0).file(), ((CorsOutcome.Pushed) o).backup(), "the outcome names the backup");
        assertTrue(o.message().contains("verified"), o.message());
        assertTrue(told.stream().anyMatch(n -> n instanceof CorsNotice.Change c && !c.diff().summary().isEmpty()), "the diff was told first");
    }

    @Test
    void sameRulesInAnotherOrderAreNoChange() throws Exception {
        store.cors = new CorsConfiguration(List.of(new CorsRule(null, List.of("GET", "PUT"), List.of("https://a", "https://b"), List.of(), List.of(), null)));
        CorsConfiguration shuffled = new CorsConfiguration(List.of(new CorsRule(null, List.of("PUT", "GET"), List.of("https://b", "https://a"), List.of(), List.of(), null)));
        assertInstanceOf(CorsOutcome.Unchanged.class, push(Prompter.NONE, true).push(shuffled));
        assertEquals(0, store.puts);
        assertEquals(0, history().entries().size());
    }

    @Test
    void noAnswerMeansNothingPushedAndNothingSaved() throws Exception {
        CorsOutcome o = push(answering(false), false).push(rule("https://a.example", "GET"));
        assertInstanceOf(CorsOutcome.Declined.class, o, o.message());
        assertEquals(0, store.puts);
        assertEquals(0, history().entries().size());
        CorsOutcome refused = push(Prompter.NONE, false).push(rule("https://a.example", "GET"));
        assertInstanceOf(CorsOutcome.Unconfirmed.class, refused, "nobody to ask and no --yes: refused");
        assertTrue(refused.message().contains("without confirmation") && refused.message().contains("add --yes"), refused.message());
        assertEquals(0, store.puts);
    }

    @Test
    void anyOriginWriteIsAskedInATerminalEvenWithYes() {
        CorsOutcome o = push(answering(false), true).push(rule("*", "GET", "PUT"));
        assertInstanceOf(CorsOutcome.Declined.class, o, o.message());
        assertEquals(1, questions.size());
        assertTrue(questions.get(0).contains("let ANY web site write"), questions.get(0));
        assertEquals(0, store.puts);
        questions.clear();
        assertInstanceOf(CorsOutcome.Pushed.class, push(answering(true), false).withoutQuestion().push(rule("*", "PUT")));
        assertEquals(1, questions.size(), "s3cmd-style pushes still ask this one");
    }

    @Test
    void invalidRulesAreRefusedBeforeAnythingIsSent() {
        CorsOutcome.Invalid e = assertInstanceOf(CorsOutcome.Invalid.class, push(Prompter.NONE, true).push(rule("https://a", "PATCH")));
        assertTrue(e.problems().get(0).contains("PATCH"), e.problems().toString());
        assertTrue(e.message().endsWith("nothing was pushed"), e.message());
        assertEquals(0, store.puts + store.gets);
    }

    @Test
    void aFailedPushLeavesTheServerAsItWasAndNoHistoryEntry() throws Exception {
        store.cors = rule("https://old.example", "GET");
        store.failPut = true;
        StoreException e = assertThrows(StoreException.class,
                () -> push(Prompter.NONE, true).push(rule("https://new.example", "GET")));
        assertTrue(e.getMessage().contains("still holds the previous configuration"), e.getMessage());
        assertEquals(rule("https://old.example", "GET"), store.cors);
        assertEquals(0, history().entries().size());
    }

    @Test
    void aPushWhoseAnswerWasLostButWhichTheServerAppliedIsReportedAsPushed() throws Exception {
        store.cors = rule("https://old.example", "GET");
        store.failPut = true;
        store.applyBeforeFailing = true;
        CorsOutcome o = push(Prompter.NONE, true).push(rule("https://new.example", "GET"));
        assertInstanceOf(CorsOutcome.Pushed.class, o, o.message());
        assertTrue(o.message().contains("the answer was lost") && o.message().contains("read-back shows"), o.message());
        assertEquals(rule("https://new.example", "GET"), store.cors);
        assertEquals(1, store.puts, "no second write to put anything back");
        assertEquals(rule("https://old.example", "GET"), history().entries().get(0).configuration(), "'cors undo' still works");
    }

    @Test
    void aHalfAppliedFailedPushIsPutBack() throws Exception {
        store.cors = rule("https://old.example", "GET");
        store.failPut = true;
        store.applyBeforeFailing = true;
        store.applying = c -> rule("https://half.example", "GET");
        StoreException e = assertThrows(StoreException.class,
                () -> push(Prompter.NONE, true).push(rule("https://new.example", "GET")));
        assertTrue(e.getMessage().contains("was put back"), e.getMessage());
        assertEquals(rule("https://old.example", "GET"), store.cors);
        assertEquals(0, history().entries().size());
    }

    @Test
    void aFailureWhoseOutcomeCannotBeReadKeepsTheBackup() throws Exception {
        store.cors = rule("https://old.example", "GET");
        store.failPut = true;
        store.failGetsAfterPut = true;
        StoreException e = assertThrows(StoreException.class,
                () -> push(Prompter.NONE, true).push(rule("https://new.example", "GET")));
        assertTrue(e.getMessage().contains("may hold either version") && e.getMessage().contains("cors undo"), e.getMessage());
        assertEquals(1, history().entries().size(), "the previous configuration stays saved for 'cors undo'");
    }

    @Test
    void aServerThatStoresSomethingElseIsReported() {
        store.storing = c -> rule("https://other.example", "GET");
        StoreException e = assertThrows(StoreException.class,
                () -> push(Prompter.NONE, true).push(rule("https://new.example", "GET")));
        assertEquals("VerifyFailed", e.code());
    }

    @Test
    void aChangeOnTheServerSinceTheBaseIsAConflict() throws Exception {
        store.cors = rule("https://theirs.example", "GET");
        CorsOutcome o = push(Prompter.NONE, true).expecting(rule("https://base.example", "GET"))
                .push(rule("https://mine.example", "GET"));
        assertInstanceOf(CorsOutcome.Conflict.class, o, o.message());
        assertEquals(rule("https://theirs.example", "GET"), ((CorsOutcome.Conflict) o).server());
        assertEquals(0, store.puts);
        assertTrue(((CorsOutcome.Conflict) o).changed().summary().toString().contains("theirs"), o.message());
    }

    @Test
    void aChangeWhileTheQuestionIsOpenIsAConflict() {
        store.cors = rule("https://base.example", "GET");
        Prompter sneaky = new Prompter() {
            public boolean interactive() {
                return true;
            }

            public boolean confirm(String q) {
                store.cors = rule("https://theirs.example", "GET");
                return true;
            }

            public String readSecret(String p) {
                return null;
            }

            public String readLine(String p) {
                return null;
            }
        };
        CorsOutcome o = push(sneaky, false).push(rule("https://mine.example", "GET"));
        assertInstanceOf(CorsOutcome.Conflict.class, o, o.message());
        assertEquals(0, store.puts);
    }

    @Test
    void withYesTheServerIsReadOnceBeforeThePushAndOnceToVerify() {
        store.cors = rule("https://old.example", "GET");
        CorsOutcome o = push(Prompter.NONE, true).push(rule("https://new.example", "GET"));
        assertInstanceOf(CorsOutcome.Pushed.class, o, o.message());
        assertEquals(2, store.gets, "nobody was asked, so nothing waited between the first read and the push");
        assertEquals(1, store.puts);
    }

    @Test
    void removingSavesTheRulesAndVerifiesNoneRemain() throws Exception {
        store.cors = rule("https://old.example", "GET");
        CorsOutcome o = push(Prompter.NONE, true).push((CorsConfiguration) null);
        assertInstanceOf(CorsOutcome.Pushed.class, o, o.message());
        assertEquals(null, store.cors);
        assertEquals(rule("https://old.example", "GET"), history().entries().get(0).configuration());
        assertInstanceOf(CorsOutcome.Unchanged.class, push(Prompter.NONE, true).push((CorsConfiguration) null));
    }

    /** Holds one bucket's CORS; everything else is not needed here. */
    static final class CorsOnlyStore extends dev.s3sh.testing.UnsupportedStore {
        CorsConfiguration cors;
        boolean failPut;
        boolean applyBeforeFailing;
        UnaryOperator<CorsConfiguration> storing = c -> c;
        UnaryOperator<CorsConfiguration> applying = c -> c;
        boolean failGetsAfterPut;
        int puts;
        int gets;

        public Optional<CorsConfiguration> getCors(String bucket) {
            gets++;
            if (failGetsAfterPut && puts > 0) throw new StoreException("Timeout", 0, "the server did not answer in time");
            return Optional.ofNullable(cors);
        }

        public void putCors(String bucket, CorsConfiguration configuration) {
            puts++;
            if (failPut) {
                if (applyBeforeFailing) {
                    cors = applying.apply(configuration);
                    failPut = false;
                }
                throw new StoreException("InternalError", 500, "the server failed");
            }
            cors = storing.apply(configuration);
        }

        public void deleteCors(String bucket) {
            cors = null;
        }

        public List<BucketSummary> listBuckets() {
            throw new UnsupportedOperationException();
        }

        public ListPage listPage(String bucket, String prefix, String delimiter, int maxKeys, String token) {
            throw new UnsupportedOperationException();
        }

        public void checkBucket(String bucket) {
        }

        public BucketInfo bucketInfo(String bucket) {
            throw new UnsupportedOperationException();
        }

        public ProbeResult probe(ProbeRequest request) {
            throw new UnsupportedOperationException();
        }

        public void createBucket(String bucket) {
        }

        public void putObject(String bucket, String key, byte[] content, String contentType) {
        }

        public byte[] getObject(String bucket, String key) {
            return new byte[0];
        }

        public void deleteObject(String bucket, String key) {
        }

        public void deleteBucket(String bucket) {
        }

        public void close() {
        }
    }
}
