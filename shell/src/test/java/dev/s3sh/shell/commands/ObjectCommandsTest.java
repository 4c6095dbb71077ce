package dev.s3sh.shell.commands;

import dev.s3sh.command.UsageException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectCommandsTest {
    @Test
    void globsMatchWithinOneSegment() {
        var p = ObjectCommands.globPattern("logs/2026-*.gz");
        assertTrue(p.matcher("logs/2026-01-01.gz").matches());
        assertFalse(p.matcher("logs/2026-01/x.gz").matches());
        assertFalse(p.matcher("logs/2025-01-01.gz").matches());
        assertTrue(ObjectCommands.globPattern("a?c").matcher("abc").matches());
        assertFalse(ObjectCommands.globPattern("a?c").matcher("a/c").matches());
        // regex characters in keys are literal
        assertTrue(ObjectCommands.globPattern("x (1)+[2].*").matcher("x (1)+[2].txt").matches());
        assertFalse(ObjectCommands.globPattern("a.b*").matcher("aXb").matches());
    }

    @Test
    void globPrefixAndBase() {
        assertEquals("logs/2026-", ObjectCommands.globPrefix("logs/2026-*"));
        assertEquals("logs/", ObjectCommands.globBase("logs/2026-*"));
        assertEquals("", ObjectCommands.globBase("*.txt"));
        assertEquals("a/b/", ObjectCommands.globBase("a/b/c?/d*"));
        assertTrue(ObjectCommands.isGlob("a*"));
        assertFalse(ObjectCommands.isGlob("odd key %+ü/x"));
    }

    @Test
    void sizes() {
        assertEquals(16L << 20, ObjectCommands.parseSize("16M", 0, "--x"));
        assertEquals(5L << 20, ObjectCommands.parseSize("5MiB", 0, "--x"));
        assertEquals(1L << 30, ObjectCommands.parseSize("1g", 0, "--x"));
        assertEquals(1536, ObjectCommands.parseSize("1.5K", 0, "--x"));
        assertEquals(1234, ObjectCommands.parseSize("1234", 0, "--x"));
        assertEquals(7, ObjectCommands.parseSize(null, 7, "--x"));
        assertThrows(UsageException.class, () -> ObjectCommands.parseSize("lots", 0, "--x"));
    }

    @Test
    void basenames() {
        assertEquals("x.txt", ObjectCommands.basename("a/b/x.txt"));
        assertEquals("b", ObjectCommands.basename("a/b/"));
        assertEquals("top", ObjectCommands.basename("top"));
    }

    @Test
    void signurlExpiry() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        assertEquals(Duration.ofSeconds(300), SignurlCommand.ttl("+300", null, now));
        assertEquals(Duration.ofSeconds(3600), SignurlCommand.ttl(Long.toString(now.getEpochSecond() + 3600), null, now));
        assertEquals(Duration.ofHours(1), SignurlCommand.ttl(null, "1h", now));
        assertEquals(Duration.ofMinutes(15), SignurlCommand.ttl(null, "15m", now));
        assertEquals(Duration.ofDays(7), SignurlCommand.ttl(null, "7d", now));
        assertEquals(Duration.ofSeconds(90), SignurlCommand.ttl(null, "90", now));
        assertEquals(Duration.ofHours(1), SignurlCommand.ttl(null, null, now));
        assertThrows(UsageException.class, () -> SignurlCommand.ttl(Long.toString(now.getEpochSecond() - 1), null, now));
        assertThrows(UsageException.class, () -> SignurlCommand.ttl(null, "8d", now));
        assertThrows(UsageException.class, () -> SignurlCommand.ttl("+0", null, now));
        assertThrows(UsageException.class, () -> SignurlCommand.ttl("tomorrow", null, now));
        assertThrows(UsageException.class, () -> SignurlCommand.ttl("+5", "1h", now));
    }
}
