package dev.s3sh.it;

import dev.s3sh.store.ObjectStore;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.s3sh.it.ItSupport.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Keys that an XML 1.0 body cannot name (ESC, other C0 controls) are stored by RGW; one of them
 * among ordinary keys must not stop {@code rm -r} or {@code rb --force} from deleting everything.
 */
class HostileKeyDeleteIT {
    static final List<String> HOSTILE = List.of("clip-\u001b]52;c;aGk=\u0007.txt", "\u001b]0;TITLE\u0007\u001b[2J",
            "tab\there", "cr\rlf\n", "del\u007f");

    private ShellHarness shell;
    private String bucket;
    private ObjectStore store;

    @BeforeEach
    void setUp() {
        store = LocalRgw.store();
        bucket = LocalRgw.newBucket("hostile-delete");
        shell = ShellHarness.local();
    }

    @AfterEach
    void tearDown() {
        shell.close();
        LocalRgw.deleteBucket(bucket);
    }

    private void fill(String prefix) {
        store.putObject(bucket, prefix + "plain-1", new byte[1], "text/plain");
        for (String key : HOSTILE) store.putObject(bucket, prefix + key, new byte[1], "text/plain");
        store.putObject(bucket, prefix + "plain-2", new byte[1], "text/plain");
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            var page = store.listPage(bucket, "", null, 1000, token);
            page.objects().forEach(o -> keys.add(o.key()));
            token = page.nextToken();
        } while (token != null);
        return keys;
    }

    @Test
    void rmRecursiveDeletesKeysXmlCannotCarry() {
        fill("p/");
        store.putObject(bucket, "keep", new byte[1], "text/plain");
        assertEquals(HOSTILE.size() + 3, keys().size(), "RGW stores every hostile key");
        ShellHarness.Result r = ok(shell, "rm", "-r", "--yes", "s3://" + bucket + "/p/");
        assertEquals(List.of("keep"), keys(), r.toString());
    }

    @Test
    void multipartPutOfSuchAKeyCompletes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = ItSupport.randomFile(dir, "big.bin", (6L << 20) + 17, 7);
        String key = "mp-\u001b]0;TITLE\u0007.bin";
        // the answers to starting and completing the upload echo the key as &#x1b;
        ok(shell, "put", "--multipart-threshold", "5M", "--part-size", "5M", file.toString(), "s3://" + bucket + "/" + key);
        assertEquals(List.of(key), keys());
        assertEquals((6L << 20) + 17, store.stat(bucket, key).size());
        assertEquals(List.of(), store.listUploads(bucket, ""), "no upload left behind");
    }

    @Test
    void rbForceRemovesABucketHoldingSuchKeys() {
        fill("");
        // the answer to starting it echoes the key as &#x1b;, which XML 1.0 parsers refuse
        store.startMultipart(bucket, "upload-\u001b[2J", "text/plain", java.util.Map.of());
        assertEquals(1, store.listUploads(bucket, "").size());
        ShellHarness.Result r = ok(shell, "rb", "--force", "--yes", "s3://" + bucket);
        var gone = assertThrows(dev.s3sh.store.StoreException.class, () -> store.checkBucket(bucket), r.toString());
        assertEquals(404, gone.status());
    }
}
