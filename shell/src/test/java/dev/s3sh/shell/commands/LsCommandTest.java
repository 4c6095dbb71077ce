package dev.s3sh.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRunner;
import dev.s3sh.command.ExitCode;
import dev.s3sh.config.Profile;
import dev.s3sh.session.Session;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectSummary;
import dev.s3sh.store.StoreException;
import dev.s3sh.testing.UnsupportedStore;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ls -r} writes each page before it asks for the next, in text and JSON: no list of all keys is held. */
class LsCommandTest {
    private static final int PAGES = 5;

    /** Serves PAGES full pages of generated keys and notes how much had been printed when each page was asked for. */
    private static final class PagedStore extends UnsupportedStore {
        final StringWriter out;
        final List<String> printedBeforePage = new ArrayList<>();

        PagedStore(StringWriter out) {
            this.out = out;
        }

        @Override
        public ListPage listPage(String bucket, String prefix, String delimiter, int maxKeys, String token) {
            int page = token == null ? 0 : Integer.parseInt(token);
            printedBeforePage.add(out.toString());
            List<ObjectSummary> objects = new ArrayList<>();
            for (int i = 0; i < maxKeys; i++) {
                objects.add(new ObjectSummary(String.format("%sk-%d-%04d", prefix, page, i), 1, Instant.EPOCH, "STANDARD", "\"e\""));
            }
            return new ListPage(List.of(), objects, page + 1 < PAGES ? Integer.toString(page + 1) : null);
        }
    }

    private static PagedStore run(String... words) throws Exception {
        StringWriter out = new StringWriter();
        PagedStore store = new PagedStore(out);
        Profile profile = new Profile("t", URI.create("http://127.0.0.1:9"), "us-east-1", "AK", "SK", null, true, "rgw");
        try (Session session = new Session(profile, p -> store)) {
            StringWriter err = new StringWriter();
            CommandContext ctx = CommandContext.builder(session, BuiltinCommands.registry()).out(new PrintWriter(out, true))
                    .err(new PrintWriter(err, true)).stateDir(Files.createTempDirectory("s3sh-ls")).build();
            assertEquals(ExitCode.OK, new CommandRunner(BuiltinCommands.registry(), false, List.of()).run(ctx, new ArrayList<>(List.of(words))),
                    err::toString);
        }
        return store;
    }

    @Test
    void aBucketThatCannotBeListedPrintsNoHalfDocument() throws Exception {
        StringWriter out = new StringWriter();
        UnsupportedStore missing = new UnsupportedStore() {
            @Override
            public ListPage listPage(String bucket, String prefix, String delimiter, int maxKeys, String token) {
                throw new StoreException("NoSuchBucket", 404, "bucket s3://" + bucket + "/ does not exist");
            }
        };
        Profile profile = new Profile("t", URI.create("http://127.0.0.1:9"), "us-east-1", "AK", "SK", null, true, "rgw");
        try (Session session = new Session(profile, p -> missing)) {
            CommandContext ctx = CommandContext.builder(session, BuiltinCommands.registry()).out(new PrintWriter(out, true))
                    .err(new PrintWriter(new StringWriter(), true)).stateDir(Files.createTempDirectory("s3sh-ls")).build();
            int status = new CommandRunner(BuiltinCommands.registry(), false, List.of()).run(ctx, new ArrayList<>(List.of("ls", "-r", "--output", "json", "s3://bkt/p/")));
            assertEquals(ExitCode.FAILURE, status);
        }
        for (String line : out.toString().lines().toList()) {
            assertTrue(new ObjectMapper().readTree(line).has("error"), "only the error's document: " + out);
        }
    }

    @Test
    void textIsWrittenPageByPage() throws Exception {
        PagedStore store = run("ls", "-r", "s3://bkt/p/");
        assertEquals(PAGES, store.printedBeforePage.size());
        for (int page = 1; page < PAGES; page++) {
            String before = store.printedBeforePage.get(page);
            assertTrue(before.contains("k-" + (page - 1) + "-0999\n"), "page " + (page - 1) + " printed before page " + page + " is asked for");
        }
        assertEquals(PAGES * LsCommand.PAGE, store.out.toString().lines().count());
    }

    @Test
    void jsonIsWrittenPageByPageAndIsOneDocument() throws Exception {
        PagedStore store = run("ls", "-r", "--output", "json", "s3://bkt/p/");
        for (int page = 1; page < PAGES; page++) {
            assertTrue(store.printedBeforePage.get(page).contains("\"p/k-" + (page - 1) + "-0999\""),
                    "page " + (page - 1) + " printed before page " + page + " is asked for");
        }
        JsonNode doc = new ObjectMapper().readTree(store.out.toString());
        assertEquals("s3://bkt/p/", doc.get("location").asText());
        assertEquals(PAGES * LsCommand.PAGE, doc.get("objects").size());
        assertEquals("p/k-4-0999", doc.get("objects").get(PAGES * LsCommand.PAGE - 1).get("key").asText());
        assertEquals(0, doc.get("prefixes").size());
        assertEquals(1, store.out.toString().lines().count(), "one line");
    }
}
