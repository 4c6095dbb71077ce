package dev.s3sh.shell;

import dev.s3sh.completions.*;

import dev.s3sh.shell.ShellCompleter;

import dev.s3sh.config.Profile;
import dev.s3sh.session.S3Path;
import dev.s3sh.session.Session;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.BigBucket;
import dev.s3sh.testing.CountingStore;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static dev.s3sh.shell.CompletionTestSupport.tab;
import static dev.s3sh.shell.CompletionTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Completion against the real local RGW on {@link BigBucket} (21,200 keys, four levels deep; built
 * once and kept for later runs) and on a small bucket of this class (deleted at the end): the
 * number of requests per Tab does not depend on the bucket's size.
 */
class CompletionIT {
    private static final String BIG = "s3://" + BigBucket.NAME + "/";
    private static String small;

    @TempDir
    Path tmp;

    private CountingStore store;
    private Session session;
    private ShellCompleter completer;

    @BeforeAll
    static void buckets() {
        BigBucket.ensure(LocalRgw.store());
        small = LocalRgw.newBucket("completion-small");
        for (String k : List.of("deep/a-00/x", "deep/a-01/y", "top.txt")) LocalRgw.store().putObject(small, k, new byte[]{1}, null);
    }

    @AfterAll
    static void removeSmall() {
        LocalRgw.deleteBucket(small); // the big bucket is kept for the next run on purpose
    }

    @BeforeEach
    void setUp() {
        session = session(LocalRgw.profile());
        completer = new ShellCompleter(CompletionEngine.forSession(session, CompletionTestSupport.registry()), false);
    }

    private Session session(Profile profile) {
        return new Session(profile, p -> store = new CountingStore(new S3ObjectStore(p)));
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    /** Tab with a budget long enough for a cold client, so that the answer (not the hint) is compared. */
    private List<String> complete(String line) {
        ShellCompleter patient = new ShellCompleter(new CompletionEngine(CompletionTestSupport.registry(), session,
                ListingCache.of(session), ValueProviders.defaults(session), Duration.ofSeconds(30), tmp), false);
        return values(tab(patient, line));
    }

    private static List<String> range(String lead, int n, java.util.function.IntFunction<String> name, String end) {
        return IntStream.range(0, n).mapToObj(i -> lead + name.apply(i) + end).toList();
    }

    @Test
    void everyLevelOfTheBigTreeCostsExactlyOneRequest() {
        complete("ls " + BIG + "w"); // warms the client; its own level
        List<String[]> cases = List.of(
                new String[]{BIG, String.join(",", List.of(BIG + "_complete", BIG + "deep/", BIG + "wide/"))},
                new String[]{BIG + "deep/", String.join(",", range(BIG + "deep/", BigBucket.A, BigBucket::a, "/"))},
                new String[]{BIG + "deep/a-03/", String.join(",", range(BIG + "deep/a-03/", BigBucket.B, BigBucket::b, "/"))},
                new String[]{BIG + "deep/a-03/b-07/c-", String.join(",", range(BIG + "deep/a-03/b-07/", BigBucket.C, BigBucket::c, "/"))},
                new String[]{BIG + "deep/a-03/b-07/c-5/k-1", String.join(",", range(BIG + "deep/a-03/b-07/c-5/", 10, i -> BigBucket.leaf(10 + i), ""))});
        for (String[] c : cases) {
            int before = store.listPages();
            List<String> got = complete("ls " + c[0]);
            assertEquals(List.of(c[1].split(",")), got.stream().sorted().toList(), c[0]);
            assertEquals(before + 1, store.listPages(), "one request for " + c[0]);
        }
        int before = store.total();
        for (String[] c : cases) complete("ls " + c[0]);
        assertEquals(before, store.total(), "every repeated Tab came from memory");
    }

    @Test
    void theSameCostInATinyBucket() {
        complete("ls s3://" + small + "/");
        int before = store.listPages();
        assertEquals(List.of("s3://" + small + "/deep/a-00/", "s3://" + small + "/deep/a-01/"), complete("ls s3://" + small + "/deep/"));
        assertEquals(before + 1, store.listPages());
    }

    @Test
    void morePrefixesThanAPageShowAPageAndSaySo() {
        ShellCompleter patient = new ShellCompleter(new CompletionEngine(CompletionTestSupport.registry(), session,
                ListingCache.of(session), ValueProviders.defaults(session), Duration.ofSeconds(30), tmp), false);
        List<String> page = values(tab(patient, "ls " + BIG + "wide/"));
        assertEquals(range(BIG + "wide/", ListingCache.DEFAULT_PAGE, BigBucket::wide, ""), page);
        assertEquals(List.of("more than 200 entries start with " + BIG + "wide/: type more to narrow"), patient.lastHints());
        List<String> narrow = values(tab(patient, "ls " + BIG + "wide/item-011"));
        assertEquals(100, narrow.size());
        assertEquals(BIG + "wide/item-01100", narrow.get(0));
        assertEquals(List.of(), patient.lastHints());
        assertEquals(2, store.listPages());
    }

    @Test
    void bucketNamesAndPathsRelativeToTheCurrentPrefix() {
        assertTrue(complete("ls s3://it-completion-b").contains(BIG));
        assertTrue(complete("info it-completion-b").contains(BigBucket.NAME));
        session.cd(new S3Path(BigBucket.NAME, "deep/a-03/"));
        assertEquals(range("", BigBucket.B, BigBucket::b, "/"), complete("cd b-"));
        assertEquals(List.of("../a-03/"), complete("cd ../a-03"));
        assertEquals(List.of("../../wide/"), complete("cd ../../w"));
        assertEquals(List.of("/" + BigBucket.NAME + "/deep/"), complete("ls /" + BigBucket.NAME + "/d"));
    }

    @Test
    void aWriteOfTheSessionShowsAtTheNextTab() {
        String base = "s3://" + small + "/";
        assertEquals(List.of(base + "top.txt"), complete("ls " + base + "t"));
        store.putObject(small, "tmp.txt", new byte[]{1}, null);
        assertEquals(List.of(base + "top.txt"), complete("ls " + base + "t"), "within the TTL a foreign write is not seen");
        session.invalidateListings(small, "tmp.txt");
        assertEquals(List.of(base + "tmp.txt", base + "top.txt"), complete("ls " + base + "t"));
        store.deleteObject(small, "tmp.txt");
        session.invalidateListings(small, "tmp.txt");
    }

    @Test
    void failuresAreOneLineHints() {
        List<String> none = values(tab(completer, "ls s3://no-such-bucket-for-completion/"));
        String hint = awaitHint("ls s3://no-such-bucket-for-completion/");
        assertEquals(List.of(), none);
        assertTrue(hint.contains("no-such-bucket-for-completion") && !hint.contains("\n"), hint);

        Profile wrong = new Profile("wrong", LocalRgw.profile().endpoint(), "us-east-1", LocalRgw.accessKey(),
                "this-is-not-the-secret-key-000000000000", null, true, "rgw");
        try (Session bad = session(wrong)) {
            ShellCompleter c = new ShellCompleter(CompletionEngine.forSession(bad, CompletionTestSupport.registry()), false);
            String h = null;
            for (int i = 0; i < 100 && (h == null || h.startsWith("still listing")); i++) {
                tab(c, "ls s3://" + BigBucket.NAME + "/");
                h = c.lastHints().isEmpty() ? null : c.lastHints().get(0);
            }
            assertTrue(h != null && !h.startsWith("still listing") && !h.contains("Exception"), String.valueOf(h));
        }
    }

    /** Tabs until the hint is about the result, not the running listing (a cold client may take longer than the budget). */
    private String awaitHint(String line) {
        for (int i = 0; i < 100; i++) {
            tab(completer, line);
            List<String> hints = completer.lastHints();
            if (!hints.isEmpty() && !hints.get(0).startsWith("still listing")) return hints.get(0);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no hint after 100 Tabs: " + completer.lastHints());
    }

    @Test
    void tabInTheReplOnTheBigBucket() throws Exception {
        complete("ls s3://"); // a warm client, so that the first Tab fits the REPL's budget
        try (ReplDriver repl = new ReplDriver(session, CompletionTestSupport.registry(), tmp.resolve("history"))) {
            repl.awaitText("local s3:// > ");
            repl.tabUntil("cd " + BIG + "de\t", "deep/", lines -> lines.stream().anyMatch(l -> l.contains(BIG + "deep/")));
            repl.tabUntil("a-0\t", "the a- prefixes", lines -> lines.stream().anyMatch(l -> l.contains("a-00/") && l.contains("a-09/")));
            repl.press("4/\n");
            repl.awaitText("local " + BIG + "deep/a-04/ > ");
            repl.tabUntil("ls b-05/c-\t", "the c- prefixes", lines -> lines.stream().anyMatch(l -> l.contains("c-0/") && l.contains("c-9/")));
            repl.press("\u0015pwd\n");
            repl.awaitLine(BIG + "deep/a-04/");
        }
    }
}
