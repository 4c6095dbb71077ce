package dev.s3sh.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void referencesXmlCannotHoldBecomeMarkersThatDecodeToTheKey() {
        String xml = "<Key>a&#x1b;]0;T&#7;&amp;&#x41;\uFDD0b</Key>";
        String encoded = XmlKeyRefs.encode(xml);
        assertFalse(encoded.contains("&#x1b;") || encoded.contains("&#7;"), encoded);
        assertTrue(encoded.contains("&#x41;") && encoded.contains("&amp;"), "legal references stay: " + encoded);
        String parsed = encoded.substring(5, encoded.length() - 6).replace("&#x41;", "A").replace("&amp;", "&");
        assertEquals("a\u001b]0;T\u0007&A\uFDD0b", XmlKeyRefs.decode(parsed));
        assertEquals("plain", XmlKeyRefs.decode("plain"));
    }
}
