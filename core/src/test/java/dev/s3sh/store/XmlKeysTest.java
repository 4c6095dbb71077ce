package dev.s3sh.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which keys DeleteObjects may name in its XML body; the rest are deleted one by one. */
class XmlKeysTest {
    @Test
    void ordinaryAndUnicodeKeysGoInTheBatch() {
        assertTrue(S3ObjectStore.xmlCanCarry("a/b c.txt"));
        assertTrue(S3ObjectStore.xmlCanCarry("üñí/日本 <&>\"'.txt"));
        assertTrue(S3ObjectStore.xmlCanCarry("emoji \uD83D\uDE00"));
        assertTrue(S3ObjectStore.xmlCanCarry("del\u007f and csi \u009b")); // legal XML 1.0 characters
    }

    @Test
    void controlsNonCharactersAndLoneSurrogatesGoAlone() {
        assertFalse(S3ObjectStore.xmlCanCarry("clip-\u001b]52;c;aGk=\u0007.txt"));
        assertFalse(S3ObjectStore.xmlCanCarry("tab\there"));
        assertFalse(S3ObjectStore.xmlCanCarry("cr\rlf"));
        assertFalse(S3ObjectStore.xmlCanCarry("nul\u0000"));
        assertFalse(S3ObjectStore.xmlCanCarry("x\uFFFE"));
        assertFalse(S3ObjectStore.xmlCanCarry("lone \uD83D high"));
        assertFalse(S3ObjectStore.xmlCanCarry("lone \uDE00 low"));
    }
}
