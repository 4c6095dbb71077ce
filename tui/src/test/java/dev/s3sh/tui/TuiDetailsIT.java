package dev.s3sh.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.S3Path;
import dev.s3sh.session.Session;
import dev.s3sh.store.ObjectInfo;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The details pane against the real RGW: the object's content type and user metadata come from a
 * real HEAD, shown as stat shows them; an object deleted behind the screen's back is one line.
 */
class TuiDetailsIT {
    static String bucket;

    @BeforeAll
    static void seed() {
        bucket = LocalRgw.newBucket("tui-details");
        // ObjectStore.putObject takes no user metadata: the SDK client under it does
        ((S3ObjectStore) LocalRgw.store()).client().putObject(b -> b.bucket(bucket).key("a-page.html").contentType("text/html; charset=utf-8")
                .metadata(Map.of("owner", "web-team", "build", "42")), RequestBody.fromString("<html>hello</html>"));
        LocalRgw.store().putObject(bucket, "b-gone.txt", "soon gone".getBytes(), "text/plain");
    }

    @AfterAll
    static void clean() {
        LocalRgw.deleteBucket(bucket);
    }

    @Test
    void detailsPaneShowsContentTypeAndUserMetadataFromTheServer() throws Exception {
        try (Session session = new Session(LocalRgw.profile(), S3ObjectStore::new)) {
            session.cd(S3Path.ROOT.resolve("s3://" + bucket + "/"));
            // 200 columns: a details pane wide enough for stat's lines as they are (a 32-digit ETag included)
            try (TuiDriver ui = new TuiDriver(session, 200, 50, true, 200, f -> { }, new DefaultCorsActions(session, Dialect.RGW))) {
                ui.until(t -> t.contains("x-amz-meta-owner"));   // bounded: the HEAD runs off the screen thread
                String s = ui.text();
                assertTrue(s.contains("s3://" + bucket + "/a-page.html"), s);
                assertTrue(s.contains("Content type:  text/html; charset=utf-8"), s);
                assertTrue(s.contains("Metadata:      x-amz-meta-owner: web-team"), s);
                assertTrue(s.contains("Metadata:      x-amz-meta-build: 42"), s);
                ObjectInfo head = LocalRgw.store().stat(bucket, "a-page.html");
                for (String line : head.describe()) assertTrue(s.contains(line), "as stat shows it: " + line + "\n" + s);

                LocalRgw.store().deleteObject(bucket, "b-gone.txt");   // gone after the listing, before its HEAD
                ui.key(KeyType.ArrowDown);
                ui.until(t -> t.contains("metadata: "));
                s = ui.text();
                assertTrue(s.contains("s3://" + bucket + "/b-gone.txt"), s);
                assertTrue(s.contains("metadata: object 'b-gone.txt' does not exist"), s);
                assertFalse(s.contains("Exception") || s.contains("at dev.s3sh"), "one line, no stack trace\n" + s);
                assertTrue(ui.app.running());
            }
        }
    }
}
