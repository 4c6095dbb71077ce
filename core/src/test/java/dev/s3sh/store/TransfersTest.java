package dev.s3sh.store;

import dev.s3sh.testing.UnsupportedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransfersTest {
    @Test
    void multipartEtagIsTheMd5OfThePartMd5s() throws Exception {
        byte[] a = "first part".getBytes(), b = "second".getBytes();
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        String ha = HexFormat.of().formatHex(md5.digest(a)), hb = HexFormat.of().formatHex(md5.digest(b));
        md5.update(MessageDigest.getInstance("MD5").digest(a));
        md5.update(MessageDigest.getInstance("MD5").digest(b));
        assertEquals(HexFormat.of().formatHex(md5.digest()) + "-2", Transfers.multipartEtag(List.of(ha, hb)));
    }

    @Test
    void partsMustBeAtLeastFiveMebibytes() {
        assertThrows(IllegalArgumentException.class, () -> new Transfers.Options(1, 1L << 20, 1));
        assertThrows(IllegalArgumentException.class, () -> new Transfers.Options(1, 5L << 20, 0));
    }

    /**
     * A multipart store whose CompleteMultipartUpload is cut short by Ctrl-C: before or after the
     * "server" assembled the object, and whose read-back may fail.
     */
    static final class CtrlCAtCompletion extends UnsupportedStore {
        final boolean serverCompletes;
        final boolean statFails;
        final List<String> md5s = new ArrayList<>();
        int aborts;
        String storedEtag;
        long size;

        CtrlCAtCompletion(boolean serverCompletes, boolean statFails) {
            this.serverCompletes = serverCompletes;
            this.statFails = statFails;
        }

        @Override
        public SentPart upload(String b, String k, String u, int n, Path f, long o, long l, String t, LongConsumer s) {
            try {
                byte[] bytes = Arrays.copyOfRange(Files.readAllBytes(f), (int) o, (int) (o + l));
                String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
                synchronized (md5s) {
                    md5s.add(md5);
                }
                size += l;
                return new SentPart(md5, md5);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String startMultipart(String b, String k, String t, java.util.Map<String, String> m) {
            return "upload-1";
        }

        @Override
        public String completeMultipart(String b, String k, String u, List<String> e) {
            if (serverCompletes) storedEtag = Transfers.multipartEtag(md5s);
            Thread.currentThread().interrupt(); // Ctrl-C
            throw new StoreException("Interrupted", 0, "interrupted");
        }

        @Override
        public void abortMultipart(String b, String k, String u) {
            aborts++;
            if (storedEtag != null) throw new StoreException("NoSuchUpload", 404, "no such upload");
        }

        @Override
        public ObjectInfo stat(String b, String k) {
            if (Thread.currentThread().isInterrupted()) throw new StoreException("Interrupted", 0, "interrupted");
            if (statFails) throw new StoreException("HTTP503", 503, "the server is busy");
            if (storedEtag == null) throw new StoreException("NoSuchKey", 404, "no such key");
            return new ObjectInfo(b, k, size, null, "application/octet-stream", storedEtag, null, Map.of(), 2, 5L << 20);
        }
    }

    @TempDir
    Path tmp;

    private Transfers.Result upload(CtrlCAtCompletion store) throws IOException {
        Path file = Files.write(tmp.resolve("six.bin"), new byte[6 << 20]);
        return new Transfers(store, new Transfers.Options(1, 5L << 20, 1)).upload(file, "b", "k", "application/octet-stream", n -> { });
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void ctrlCAfterTheServerCompletedReportsTheStoredObjectAndStaysPending() throws Exception {
        CtrlCAtCompletion store = new CtrlCAtCompletion(true, false);
        Transfers.Result r = upload(store);
        assertEquals(6L << 20, r.bytes());
        assertTrue(r.verified().startsWith("Ctrl-C came after the server had completed the upload; the read-back"), r.verified());
        assertTrue(Thread.currentThread().isInterrupted(), "the Ctrl-C is still pending for the caller");
    }

    @Test
    void ctrlCBeforeTheServerCompletedAbortsAndReportsTheInterrupt() {
        CtrlCAtCompletion store = new CtrlCAtCompletion(false, false);
        StoreException e = assertThrows(StoreException.class, () -> upload(store));
        assertEquals("Interrupted", e.code());
        assertEquals("interrupted", e.getMessage());
        assertTrue(store.aborts >= 1, "the upload was aborted");
        assertTrue(Thread.currentThread().isInterrupted(), "the Ctrl-C is still pending for the caller");
    }

    @Test
    void ctrlCWithAnUnreadableResultSaysHowToCheck() {
        CtrlCAtCompletion store = new CtrlCAtCompletion(true, true);
        StoreException e = assertThrows(StoreException.class, () -> upload(store));
        assertEquals("Interrupted", e.code());
        assertTrue(e.getMessage().contains("could not be read back: check with 'stat s3://b/k'"), e.getMessage());
    }
}
