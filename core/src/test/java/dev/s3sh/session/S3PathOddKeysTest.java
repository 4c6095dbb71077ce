package dev.s3sh.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3PathOddKeysTest {
    private final S3Path cwd = new S3Path("b", "dir/sub/");

    @Test
    void resolvesTheUsualForms() {
        assertEquals(new S3Path("x", "k"), cwd.resolve("s3://x/k"));
        assertEquals(new S3Path("x", ""), cwd.resolve("s3://x"));
        assertEquals(new S3Path("x", "p/"), cwd.resolve("/x/p/"));
        assertEquals(new S3Path("b", "dir/sub/k"), cwd.resolve("k"));
        assertEquals(new S3Path("b", "dir/"), cwd.resolve(".."));
        assertEquals(new S3Path("b", "dir/other"), cwd.resolve("../other"));
        assertEquals(S3Path.ROOT, cwd.resolve("/"));
        assertEquals(S3Path.ROOT, new S3Path("b", "").resolve(".."));
        assertEquals(cwd, cwd.resolve("."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sp ace.txt", "per%25cent", "100%", "plus+sign", "üñí/ćødé.txt", "a b/c+d/%20e", "日本語/キー"})
    void oddCharactersAreKeptAsTyped(String key) {
        assertEquals(new S3Path("b", key), S3Path.ROOT.resolve("s3://b/" + key));
        assertEquals(new S3Path("b", "dir/sub/" + key), cwd.resolve(key));
        assertEquals(new S3Path("b", key), cwd.resolve("/b/" + key));
    }

    @Test
    void trailingSlashesStayPrefixes() {
        assertEquals(new S3Path("b", "dir/sub/x/"), cwd.resolve("x/"));
        assertTrue(cwd.resolve("x/").isDirectory());
        assertEquals(new S3Path("b", "folder/"), S3Path.ROOT.resolve("s3://b/folder/"));
        assertEquals("s3://b/odd key %+/", new S3Path("b", "odd key %+/").toString());
    }

    @Test
    void dotDotSegmentsAreLiteralInS3UrlsAndNavigationElsewhere() {
        assertEquals(new S3Path("b", "a/../c"), S3Path.ROOT.resolve("s3://b/a/../c"));
        assertEquals(new S3Path("b", "./x"), S3Path.ROOT.resolve("s3://b/./x"));
        assertEquals(new S3Path("b", "c"), S3Path.ROOT.resolve("/b/a/../c"));
        assertEquals(new S3Path("b", "dir/..x"), cwd.resolve("../..x"));
    }

    @Test
    void parentPrefixOfOddKeys() {
        assertEquals("a b/", new S3Path("b", "a b/c%d").parentPrefix());
        assertEquals("x/", new S3Path("b", "x/ü/").parentPrefix());
    }
}
