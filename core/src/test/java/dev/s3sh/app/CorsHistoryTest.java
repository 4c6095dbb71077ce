package dev.s3sh.app;

import dev.s3sh.cors.CorsTemplates;

import dev.s3sh.app.CorsHistory;

import dev.s3sh.cors.CorsConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsHistoryTest {
    @TempDir
    Path state;

    @Test
    void entriesComeBackNewestFirstWithWhatWasSaved() throws Exception {
        CorsHistory h = new CorsHistory(state, "http://127.0.0.1:7480", "my-bucket");
        CorsConfiguration tutorial = CorsTemplates.tutorialExample();
        h.save(null, "first push");
        h.save(tutorial, "second push");
        List<CorsHistory.Entry> entries = h.entries();
        assertEquals(2, entries.size());
        assertEquals(1, entries.get(0).number());
        assertEquals(tutorial, entries.get(0).configuration());
        assertEquals("second push", entries.get(0).change());
        assertTrue(entries.get(0).summary().startsWith("2 rules: GET,HEAD from http://example.com +3"), entries.get(0).summary());
        assertNull(entries.get(1).configuration());
        assertEquals("no CORS configuration", entries.get(1).summary());
    }

    @Test
    void filesAreOwnerOnlyAndKeptPerEndpointAndBucket() throws Exception {
        Path a = new CorsHistory(state, "http://127.0.0.1:7480", "b").save(null, "x");
        Path b = new CorsHistory(state, "https://us-east-1.linodeobjects.com", "b").save(null, "y");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.getParent())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("cors-history"))));
        assertTrue(!a.getParent().equals(b.getParent()));
        assertEquals(1, new CorsHistory(state, "http://127.0.0.1:7480", "b").entries().size());
        assertEquals(0, new CorsHistory(state, "http://127.0.0.1:7480", "other").entries().size());
        Path edit = CorsHistory.privateTempFile(state.resolve("edit"), "cors-b/../x-", ".xml");
        assertEquals(state.resolve("edit"), edit.getParent());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(edit)));
    }

    @Test
    void aForgottenEntryIsGone() throws Exception {
        CorsHistory h = new CorsHistory(state, "e", "b");
        h.forget(h.save(null, "x"));
        assertEquals(0, h.entries().size());
    }

    @Test
    void anEndpointSpelledAnotherWayFindsTheSameHistory() throws Exception {
        new CorsHistory(state, "http://127.0.0.1:7481/", "b").save(null, "x");
        for (String spelling : List.of("http://127.0.0.1:7481", "http://localhost:7481", "HTTP://LocalHost:7481/", "http://[::1]:7481")) {
            assertEquals(1, new CorsHistory(state, spelling, "b").entries().size(), spelling);
        }
        new CorsHistory(state, "https://us-east-1.linodeobjects.com", "b").save(null, "y");
        assertEquals(1, new CorsHistory(state, "https://us-east-1.linodeobjects.com:443/", "b").entries().size());
        assertEquals(0, new CorsHistory(state, "http://127.0.0.1:7480", "b").entries().size(), "another port, another server");
        assertEquals(0, new CorsHistory(state, "http://us-east-1.linodeobjects.com", "b").entries().size(), "another scheme");
    }

    @Test
    void aStrayFileNameIsSkippedWithAWarningAsGarbageIs() throws Exception {
        CorsHistory h = new CorsHistory(state, "http://127.0.0.1:7480", "b");
        h.save(null, "kept");
        Files.writeString(h.dir().resolve("1796589495399-x.json"), Files.readString(h.entries().get(0).file()));
        Files.writeString(h.dir().resolve("1796589495400.json"), "{ not json");
        CorsHistory.Listing listing = h.list();
        assertEquals(1, listing.entries().size());
        assertEquals("kept", listing.entries().get(0).change());
        assertEquals(2, listing.skipped().size(), listing.skipped().toString());
        assertTrue(listing.skipped().stream().anyMatch(s -> s.file().getFileName().toString().equals("1796589495399-x.json")));
        assertEquals(1, h.entries().size());
    }
}
