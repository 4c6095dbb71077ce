package dev.s3sh.store;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
