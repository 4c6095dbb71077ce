package dev.s3sh.shell;

import dev.s3sh.completions.*;

import dev.s3sh.shell.ShellCompleter;

import dev.s3sh.session.S3Path;
import dev.s3sh.session.Session;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.store.StoreException;
import dev.s3sh.testing.CountingStore;
import dev.s3sh.testing.MemoryStore;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.s3sh.shell.CompletionTestSupport.tab;
import static dev.s3sh.shell.CompletionTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The completer through JLine's parser, on an in-memory store behind a request counter. */
class ShellCompleterTest {
    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private CountingStore store;
    private Session session;
    private ListingCache cache;
    private ShellCompleter completer;
    private final CommandRegistry registry = CompletionTestSupport.registry();

    @BeforeEach
    void setUp() {
        MemoryStore memory = new MemoryStore()
                .with("alpha", "dir/a.txt", "dir/b.txt", "dir/sub/c.txt", "dir/sub2/d.txt", "top.txt", "tools/x")
                .with("beta", "k1")
                .with("big");
        for (int i = 0; i < 30; i++) memory.with("big", String.format("many/item-%02d", i));
        store = new CountingStore(memory);
        session = new Session(CompletionTestSupport.profile(), p -> store);
        cache = new ListingCache(10, Duration.ofSeconds(15), clock::get);
        session.addListingObserver(cache);
        completer = completer(Duration.ofSeconds(5));
    }

    private ShellCompleter completer(Duration budget) {
        ValueProviders providers = ValueProviders.defaults(session)
                .register("template", () -> List.of("public-read", "spa", "upload"));
        return new ShellCompleter(new CompletionEngine(registry, session, cache, providers, budget, dir), false);
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    private List<String> complete(String line) {
        return values(tab(completer, line));
    }

    @Test
    void anEmptyQuotedValueCountsAsAWord() {
        assertEquals(List.of("--dialect"), complete("cors check --origin '' --di"));
        assertTrue(complete("cors check --origin \"\" ").contains("--dialect"),
                "after the origin's empty value come options, not the origin's value again");
        assertEquals(List.of("rgw", "rgw-2026", "aws"), complete("cors check --origin $'a\\tb' --dialect "));
    }

    @Test
    void commandNamesAliasesAndGroups() {
        assertEquals(registry.firstWords().stream().filter(w -> w.startsWith("c")).toList(), complete("c"));
        assertTrue(complete("c").containsAll(List.of("cd", "completion", "cors")));
        assertEquals(List.of("dir"), complete("di"));
        assertTrue(complete("").containsAll(List.of("ls", "dir", "help", "profile", "put", "exit", "quit")), complete("").toString());
    }

    @Test
    void aPastedS3cmdLineCompletesLikeTheCommandItNames() {
        assertEquals(CommandRegistry.S3CMD_VERBS, complete("s3cmd "));
        assertEquals(List.of("setcors", "signurl"), complete("s3cmd s"));
        assertEquals(List.of("s3://alpha", "s3://beta", "s3://big"), complete("s3cmd info s3://"), "buckets, as for info");
        assertEquals(complete("info s3://"), complete("s3cmd info s3://"));
    }

    @Test
    void subcommandsOfAGroupComeFromTheRegistry() {
        assertEquals(registry.subcommands("cors"), complete("cors "));
        assertTrue(complete("cors ").containsAll(List.of("show", "set", "check")));
        assertEquals(registry.subcommands("cors").stream().filter(w -> w.startsWith("s")).sorted().toList(),
                complete("cors s").stream().sorted().toList());
        assertEquals(registry.subcommands("profile"), complete("profile "));
        assertEquals(List.of(), complete("nosuch "));
    }

    @Test
    void optionNamesAndTheirValues() {
        List<String> lsOptions = registry.find("ls").orElseThrow().spec().allOptions().stream().map(o -> "--" + o.name()).toList();
        assertEquals(lsOptions, complete("ls --"));
        assertTrue(lsOptions.containsAll(List.of("--long", "--recursive", "--output", "--yes", "--help")), lsOptions.toString());
        assertEquals(lsOptions.stream().filter(o -> !o.equals("--long")).toList(), complete("ls --long --"),
                "an option given once is not offered again");
        assertEquals(List.of("text", "json", "xml", "table", "csv"), complete("ls --output "));
        assertEquals(List.of("json"), complete("ls -o j"));
        assertEquals(List.of("--output=json"), complete("ls --output=j"));
        assertEquals(List.of("rgw", "rgw-2026", "aws"), complete("cors check --dialect "));
        assertEquals(List.of("GET", "PUT", "POST", "DELETE", "HEAD"), complete("cors check --method "));
        assertEquals(List.of("--method"), complete("cors check --method GET --me"), "repeatable options stay on offer");
        assertEquals(List.of("spa"), complete("cors check --template s"));
        assertEquals(List.of("test"), complete("profile use "));
        assertEquals(List.of(), complete("cors check --header "), "free text has no candidates");
    }

    @Test
    void anOptionValueIsNotTakenForAPositional() {
        assertEquals(List.of("s3://alpha/", "s3://beta/", "s3://big/"), complete("cors check --dialect rgw s3://"));
        assertEquals(0, tab(completer, "cors check --header s3://").size(), "the header's value is text");
    }

    @Test
    void bucketsAndPrefixesNeedAnotherTabWhileKeysAreComplete() {
        List<Candidate> buckets = tab(completer, "ls s3://a");
        assertEquals(List.of("s3://alpha/"), values(buckets));
        assertFalse(buckets.get(0).complete(), "a bucket is a prefix: no space after it");

        List<Candidate> level = tab(completer, "ls s3://alpha/");
        assertEquals(List.of("s3://alpha/dir/", "s3://alpha/tools/", "s3://alpha/top.txt"), values(level));
        assertEquals(List.of("dir/", "tools/", "top.txt"), level.stream().map(Candidate::displ).toList());
        assertEquals(List.of(false, false, true), level.stream().map(Candidate::complete).toList());

        List<Candidate> sub = tab(completer, "ls s3://alpha/dir/s");
        assertEquals(List.of("s3://alpha/dir/sub/", "s3://alpha/dir/sub2/"), values(sub));
        assertEquals(List.of("sub/", "sub2/"), sub.stream().map(Candidate::displ).toList());
    }

    @Test
    void pathsRelativeAbsoluteAndParent() {
        assertEquals(List.of("alpha/"), complete("cd al"), "at the root a relative name is a bucket");
        session.cd(new S3Path("alpha", "dir/"));
        assertEquals(List.of("sub/", "sub2/"), complete("ls su"));
        assertEquals(List.of("a.txt"), complete("ls a"));
        assertEquals(List.of("../"), complete("cd .."));
        assertEquals(List.of("../dir/", "../tools/"), complete("cd ../"), "cd is offered places, not object keys");
        assertEquals(List.of("../dir/", "../tools/", "../top.txt"), complete("ls ../"));
        assertEquals(List.of("../../alpha/", "../../beta/", "../../big/"), complete("cd ../../"));
        assertEquals(List.of("/beta/k1"), complete("ls /beta/"));
        assertEquals(List.of("sub/c.txt"), complete("ls sub/"));
        assertEquals(List.of("s3://"), complete("ls s3"));
    }

    @Test
    void bucketKindOffersBucketNames() {
        assertEquals(List.of("beta", "big"), complete("cors show b"));
        assertEquals(List.of("alpha"), complete("info a"));
    }

    @Test
    void localFilesWhereACommandTakesAFile() throws Exception {
        Files.writeString(dir.resolve("rules.json"), "[]");
        Files.writeString(dir.resolve("rules.xml"), "<x/>");
        Files.createDirectories(dir.resolve("rulesets"));
        Files.writeString(dir.resolve("rulesets/one.xml"), "<x/>");
        Files.writeString(dir.resolve(".hidden"), "");
        List<Candidate> files = tab(completer, "cors set alpha rul");
        assertEquals(List.of("rules.json", "rules.xml", "rulesets/"), values(files));
        assertEquals(List.of(true, true, false), files.stream().map(Candidate::complete).toList());
        assertEquals(List.of("rulesets/one.xml"), complete("put rulesets/"));
        assertEquals(List.of("--file=rules.json"), complete("cors check --file=rules.j"));
        assertEquals(List.of(".hidden"), complete("put ."));
        assertEquals(List.of("rules.json", "rules.xml", "rulesets/"), complete("put "), "hidden files only when asked");
    }

    @Test
    void helpCompletesCommandsAndTheirSubcommands() {
        assertTrue(complete("help c").containsAll(List.of("cd", "cors", "completion")));
        assertEquals(registry.subcommands("cors"), complete("help cors "));
    }

    @Test
    void oneRequestPerUncachedTabAndNoneWhenCached() {
        complete("ls s3://alpha/d");
        assertEquals(1, store.listPages());
        complete("ls s3://alpha/d");
        assertEquals(1, store.listPages(), "a repeated Tab is served from memory");
        complete("ls s3://alpha/di");
        assertEquals(1, store.listPages(), "a complete listing of 'd' answers 'di' too");
        complete("ls s3://alpha/dir/");
        assertEquals(2, store.listPages(), "a new level costs one request");
        complete("ls s3://");
        complete("ls s3://b");
        assertEquals(1, store.listBucketCalls(), "bucket names are cached the same way");
    }

    @Test
    void theSessionsOwnWritesInvalidateTheListingsTheyChange() {
        assertEquals(List.of("s3://alpha/dir/a.txt"), complete("ls s3://alpha/dir/a"));
        complete("ls s3://alpha/");
        complete("ls s3://beta/");
        int before = store.listPages();
        store.putObject("alpha", "dir/a2.txt", new byte[0], null);
        session.invalidateListings("alpha", "dir/a2.txt");
        assertEquals(List.of("s3://alpha/dir/a.txt", "s3://alpha/dir/a2.txt"), complete("ls s3://alpha/dir/a"));
        assertEquals(before + 1, store.listPages());
        complete("ls s3://alpha/");
        assertEquals(before + 2, store.listPages(), "the bucket's top level lists the changed prefix");
        complete("ls s3://beta/");
        assertEquals(before + 2, store.listPages(), "another bucket keeps its listing");

        store.createBucket("gamma");
        session.invalidateListings("gamma", null);
        assertTrue(complete("ls s3://").contains("s3://gamma/"), "mb forgets the bucket list");
    }

    @Test
    void listingsExpireAfterTheirTtl() {
        complete("ls s3://beta/");
        clock.addAndGet(Duration.ofSeconds(16).toNanos());
        complete("ls s3://beta/");
        assertEquals(2, store.listPages());
    }

    @Test
    void moreThanAPageShowsWhatFitsAndSaysThereIsMore() {
        List<String> page = complete("ls s3://big/many/");
        assertEquals(10, page.size());
        assertEquals(1, completer.lastHints().size());
        assertTrue(completer.lastHints().get(0).startsWith("more than 10 entries start with s3://big/many/"),
                completer.lastHints().toString());
        assertEquals(List.of("s3://big/many/item-20", "s3://big/many/item-21"), complete("ls s3://big/many/item-2").subList(0, 2));
        assertEquals(10, complete("ls s3://big/many/item-2").size());
        assertEquals(List.of(), completer.lastHints(), "a narrower prefix fits in one page");
        assertEquals(2, store.listPages(), "a truncated listing does not answer a narrower prefix from memory");
    }

    /** Makes every request wait for {@code latch} (at most 10 s), as a slow server would. */
    private void holdRequestsUntil(CountDownLatch latch) {
        store.beforeEachCall(bucket -> {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void aSlowListingReturnsWithinTheBudgetAndFinishesForTheNextTab() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        holdRequestsUntil(release);
        ShellCompleter quick = completer(Duration.ofMillis(50));
        assertEquals(List.of(), values(tab(quick, "ls s3://alpha/")));
        assertTrue(quick.lastHints().get(0).startsWith("still listing s3://alpha/"), quick.lastHints().toString());
        assertEquals(List.of(), values(tab(quick, "ls s3://alpha/")), "a second Tab joins the running request");
        release.countDown();
        ShellCompleter patient = completer(Duration.ofSeconds(5));
        assertEquals(3, tab(patient, "ls s3://alpha/").size());
        assertEquals(1, store.listPages(), "one request served all three Tabs");
    }

    @Test
    void anExpiredListingIsOfferedWhileTheNewOneIsSlow() {
        complete("ls s3://alpha/");
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        CountDownLatch never = new CountDownLatch(1);
        holdRequestsUntil(never);
        ShellCompleter quick = completer(Duration.ofMillis(50));
        assertEquals(3, tab(quick, "ls s3://alpha/").size());
        assertTrue(quick.lastHints().get(0).startsWith("still listing"));
        never.countDown();
    }

    @Test
    void errorsBecomeOneShortHint() {
        store.beforeEachCall(bucket -> {
            throw new StoreException("AccessDenied", 403, "access denied to s3://alpha/: check the key's permissions");
        });
        assertEquals(List.of(), complete("ls s3://alpha/"));
        assertEquals(List.of("access denied to s3://alpha/: check the key's permissions"), completer.lastHints());
        assertEquals(List.of("ls"), complete("ls"), "command names still complete");

        store.beforeEachCall(bucket -> {
            throw new IllegalStateException("boom\n\tat some.Frame");
        });
        assertEquals(List.of(), complete("ls s3://beta/"));
        assertEquals(List.of("listing failed: IllegalStateException"), completer.lastHints());
    }

    @Test
    void noCredentialsIsAHintToo() {
        Session empty = new Session(null, p -> store);
        ShellCompleter c = new ShellCompleter(CompletionEngine.forSession(empty, registry), false);
        assertEquals(List.of(), values(tab(c, "ls s3://")));
        assertTrue(c.lastHints().get(0).contains("no credentials"), c.lastHints().toString());
    }

    @Test
    void aHostileKeyIsShownEscapedAndInsertedQuotedNeverRaw() {
        String key = "clip-\u001b]52;c;aGk=\u0007.txt";
        session.close();
        MemoryStore memory = new MemoryStore().with("evil", key, "\u001b]0;TITLE\u0007\u001b[2J");
        store = new CountingStore(memory);
        session = new Session(CompletionTestSupport.profile(), p -> store);
        completer = completer(Duration.ofSeconds(5));
        String line = "get s3://evil/cl";
        List<Candidate> candidates = tab(completer, line);
        assertEquals(1, candidates.size(), candidates.toString());
        Candidate c = candidates.get(0);
        assertFalse(c.displ().contains("\u001b"), c.displ());
        assertTrue(c.displ().contains("\\x1b]52"), c.displ());
        var parsed = (org.jline.reader.CompletingParsedLine) Repl.parser().parse(line, line.length(), org.jline.reader.Parser.ParseContext.COMPLETE);
        assertEquals("s3://evil/clip-$'\\x1b]52;c;aGk=\\x07.txt'", parsed.escape(c.value(), c.complete()).toString(),
                "JLine writes this into the line it echoes");
        assertEquals("s3://evil/a\\ b", parsed.escape("s3://evil/a b", true).toString(), "plain values keep JLine's escaping");
    }
}
