package dev.s3sh.app;

import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsDetector.Behaviour;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;
import dev.s3sh.testing.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The remembered rule choice of an endpoint, and when it decides the dialect. */
class CorsBehavioursTest {
    @TempDir
    Path state;

    private static Session session(String endpoint, String dialect) {
        Profile p = new Profile("t", URI.create(endpoint), "us-east-1", "AK", "SK", null, true, dialect);
        return new Session(p, x -> new MemoryStore());
    }

    @Test
    void aGuessedRgwDialectFollowsWhatDetectFoundForEveryEndpointSpelling() throws Exception {
        CorsBehaviours memory = new CorsBehaviours(state);
        try (Session guessed = session("http://localhost:7480/", null)) {
            assertEquals(Dialect.RGW, memory.dialectFor(guessed), "nothing remembered yet");
            memory.remember("http://127.0.0.1:7480", Behaviour.FULL_MATCH, Instant.parse("2026-12-06T00:00:00Z"));
            assertEquals(Dialect.RGW_2026, memory.dialectFor(guessed));
        }
        try (Session configured = session("http://127.0.0.1:7480", "rgw")) {
            assertEquals(Dialect.RGW, memory.dialectFor(configured), "a dialect the user set wins");
        }
        try (Session aws = session("https://s3.us-east-1.amazonaws.com", null)) {
            assertEquals(Dialect.AWS, memory.dialectFor(aws));
        }
    }

    @Test
    void anUnknownAnswerIsNotRememberedAndADamagedLineIsPassedOver() throws Exception {
        CorsBehaviours memory = new CorsBehaviours(state);
        memory.remember("http://127.0.0.1:1", Behaviour.UNKNOWN, Instant.now());
        assertTrue(memory.get("http://127.0.0.1:1").isEmpty());
        Files.writeString(state.resolve("cors-behaviour.tsv"), "garbage\nhttp://127.0.0.1:2\tfull-match\tnot-a-time\n");
        assertTrue(memory.get("http://127.0.0.1:2").isEmpty());
        memory.remember("http://127.0.0.1:3", Behaviour.ORIGIN_FIRST, Instant.now());
        assertEquals(Behaviour.ORIGIN_FIRST, memory.get("http://localhost:3").orElseThrow().behaviour());
    }
}
