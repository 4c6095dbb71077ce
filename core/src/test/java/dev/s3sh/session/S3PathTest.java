package dev.s3sh.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3PathTest {
    private static final S3Path IMAGES = new S3Path("demo", "images/");

    @ParameterizedTest(name = "{0} from s3://demo/images/ is {1}")
    @CsvSource({
            "s3://other/k,          s3://other/k",
            "s3://other,            s3://other/",
            "s3://other/,           s3://other/",
            "/b/x/y,                s3://b/x/y",
            "/,                     s3://",
            "photos/,               s3://demo/images/photos/",
            "photos,                s3://demo/images/photos",
            "..,                    s3://demo/",
            "../..,                 s3://",
            "../../..,              s3://",
            ".,                     s3://demo/images/",
            "./a/../b,              s3://demo/images/b",
            "a//b,                  s3://demo/images/a/b",
            "'my file.txt',         s3://demo/images/my file.txt",
            "100%+sure,             s3://demo/images/100%+sure",
            "ünïcødé/,              s3://demo/images/ünïcødé/",
    })
    void resolvesWhatUsersType(String input, String expected) {
        assertEquals(expected, IMAGES.resolve(input).toString());
    }

    @Test
    void s3UrlsKeepKeysAsTyped() {
        // in an s3:// URL, '..' and '//' are part of the key: S3 allows them
        assertEquals("a/../b", S3Path.ROOT.resolve("s3://b/a/../b").key());
        assertEquals("a//b", S3Path.ROOT.resolve("s3://b/a//b").key());
    }

    @Test
    void directoriesAndParents() {
        assertTrue(S3Path.ROOT.isDirectory());
        assertTrue(new S3Path("b", "").isDirectory());
        assertFalse(new S3Path("b", "k").isDirectory());
        assertEquals("s3://b/k/", new S3Path("b", "k").asDirectory().toString());
        assertEquals("a/", new S3Path("b", "a/c/").parentPrefix());
        assertEquals("", new S3Path("b", "top").parentPrefix());
        assertTrue(new S3Path("", "x").isRoot());
    }
}
