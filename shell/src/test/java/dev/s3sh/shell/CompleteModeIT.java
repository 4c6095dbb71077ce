package dev.s3sh.shell;

import dev.s3sh.testing.BigBucket;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code s3sh __complete ...}, the fast mode behind the bash/zsh/fish scripts, against the local RGW. */
class CompleteModeIT {
    private static List<String> complete(String... words) throws Exception {
        String[] args = new String[words.length + 1];
        args[0] = "__complete";
        System.arraycopy(words, 0, args, 1, words.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", LocalRgw.accessKey(), "AWS_SECRET_ACCESS_KEY", LocalRgw.secretKey(),
                "HOME", System.getProperty("java.io.tmpdir"));
        int status = Main.run(args, env, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        assertEquals("", err.toString(StandardCharsets.UTF_8), "completion prints nothing but candidates");
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void keysOfTheBigBucketOnePerLine() throws Exception {
        BigBucket.ensure(LocalRgw.store());
        String big = "s3://" + BigBucket.NAME + "/";
        List<String> expected = IntStream.range(0, BigBucket.B).mapToObj(i -> big + "deep/a-01/" + BigBucket.b(i) + "/").toList();
        assertEquals(expected, complete("--endpoint", LocalRgw.endpoint(), "ls", big + "deep/a-01/"));
        assertEquals(List.of(big + "deep/a-01/b-02/c-3/k-07"),
                complete("--endpoint", LocalRgw.endpoint(), "--output", "json", "ls", big + "deep/a-01/b-02/c-3/k-07"));
    }

    @Test
    void commandsOptionsAndGlobalOptionsNeedNoServer() throws Exception {
        assertTrue(complete("c").containsAll(List.of("cd", "completion")));
        assertEquals(List.of("--endpoint"), complete("--e"));
        assertEquals(List.of("bash", "zsh", "fish"), complete("completion", ""));
        assertEquals(List.of("--long"), complete("--endpoint", "http://127.0.0.1:1", "ls", "--l"));
        assertEquals(List.of(), complete("--endpoint", "http://127.0.0.1:1", "ls", "s3://x/"), "a dead endpoint offers nothing");
    }
}
