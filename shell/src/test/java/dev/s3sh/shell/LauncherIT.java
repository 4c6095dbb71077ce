package dev.s3sh.shell;

import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's class archive in a private cache folder: the first run trains one in the
 * background and publishes it; archives of other jars are removed, this jar's archive for another
 * JDK is kept (switching with S3SH_JAVA_HOME must not throw it away); a damaged archive never
 * stops s3sh from running.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a guard against a hung launcher, not a speed check
class LauncherIT {
    @TempDir
    Path dir;

    private Path cache() {
        return dir.resolve("cache/s3sh");
    }

    private String run(String... words) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LocalRgw.projectDir().resolve("s3sh").toString(),
                "--endpoint", LocalRgw.endpoint()));
        command.addAll(List.of(words));
        ProcessBuilder p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = p.environment();
        env.putAll(LocalRgw.childEnv());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.remove("S3SH_NO_ARCHIVE");
        Process process = p.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private List<String> cacheFiles() throws Exception {
        try (Stream<Path> files = Files.list(cache())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Waits (bounded) until the background training has published an archive for this jar (a name
     * other than {@code except}) and left no temporary file behind.
     */
    private void awaitTrainingDone(String sum, String except) throws Exception {
        for (int i = 0; i < 1800; i++) {
            List<String> files = cacheFiles();
            boolean published = files.stream().anyMatch(f -> f.startsWith("s3sh-" + sum + "-") && !f.equals(except) && !f.contains(".tmp"));
            if (published && files.stream().noneMatch(f -> f.contains(".tmp"))) return;
            Thread.sleep(100);
        }
        throw new AssertionError("no archive was published in 180 s: " + cacheFiles());
    }

    /** The launcher's key of this checkout's current jar: the checkout's path and the jar, by cksum. */
    private static String jarSum() throws Exception {
        return homeSum() + "-" + cksum(Files.readAllBytes(LocalRgw.projectDir().resolve("shell/target/s3sh.jar")));
    }

    private static String homeSum() throws Exception {
        return cksum(LocalRgw.projectDir().toRealPath().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String cksum(byte[] input) throws Exception {
        Process p = new ProcessBuilder("cksum").start();
        try (var in = p.getOutputStream()) {
            in.write(input);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.split(" ")[0];
    }

    @Test
    void theArchiveIsTrainedAndKeptPerJdkAndADamagedOneIsHarmless() throws Exception {
        Files.createDirectories(cache());
        String sum = jarSum();
        Path olderJar = cache().resolve("s3sh-" + homeSum() + "-1-25.0.3.aot");
        Path otherJdk = cache().resolve("s3sh-" + sum + "-17.0.99.jsa");
        Path otherCheckout = cache().resolve("s3sh-2-1-25.0.3.aot");
        Files.writeString(olderJar, "an older jar's archive");
        Files.writeString(otherJdk, "this jar's archive for another JDK");
        Files.writeString(otherCheckout, "another checkout's archive");

        assertTrue(run("pwd").contains("s3://"));
        awaitTrainingDone(sum, otherJdk.getFileName().toString());
        List<String> files = cacheFiles();
        assertFalse(files.contains(olderJar.getFileName().toString()), "an older jar's archive is removed: " + files);
        assertTrue(files.contains(otherJdk.getFileName().toString()), "another JDK's archive of this jar stays: " + files);
        assertTrue(files.contains(otherCheckout.getFileName().toString()), "another checkout's archive stays: " + files);
        List<String> trained = files.stream().filter(f -> f.startsWith("s3sh-" + sum + "-") && !f.equals(otherJdk.getFileName().toString())).toList();
        assertEquals(1, trained.size(), "one archive trained and published: " + files);
        assertTrue(Files.size(cache().resolve(trained.get(0))) > 1_000_000, "a real archive: " + trained);

        assertTrue(run("pwd").contains("s3://"), "runs with the archive");
        assertEquals(files, cacheFiles(), "an archive in place is used, not trained again");

        Files.writeString(cache().resolve(trained.get(0)), "damaged");
        assertTrue(run("pwd").contains("s3://"), "a damaged archive does not stop s3sh");
    }
}
