package dev.s3sh.it;

import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user installs, used as a user would: scripts/release builds the .deb and the tarball
 * (or their fresh output is reused); the .deb is installed with dpkg, run (--version, --help, a
 * one-shot ls against the local RGW, Tab completion through the installed bash script, man) and
 * removed, leaving nothing behind; the tarball runs from a temporary folder with no Java on the PATH.
 * Needs root for dpkg (CI runs as root).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a guard against a hung build or install, not a speed check
class ReleasePackageIT {
    private static final Path ROOT = LocalRgw.projectDir();
    private static final Path OUT = ROOT.resolve("target/release");
    private static Path deb;
    private static Path tarball;
    private static String version;
    private static String bucket;

    @BeforeAll
    static void packages() throws Exception {
        Path jar = ROOT.resolve("shell/target/s3sh.jar");
        Path script = ROOT.resolve("scripts/release");
        version = Files.readString(ROOT.resolve("shell/target/classes/dev/s3sh/shell/build-info.properties"))
                .lines().filter(l -> l.startsWith("version=")).findFirst().orElseThrow().substring(8);
        deb = OUT.resolve("s3sh_" + version.replace('-', '~') + "_amd64.deb");
        tarball = OUT.resolve("s3sh-" + version + "-linux-x64.tar.gz");
        long newestInput = Math.max(Files.getLastModifiedTime(jar).toMillis(), Files.getLastModifiedTime(script).toMillis());
        boolean fresh = Files.exists(deb) && Files.exists(tarball)
                && Files.getLastModifiedTime(deb).toMillis() > newestInput && Files.getLastModifiedTime(tarball).toMillis() > newestInput;
        if (!fresh) {
            // the jar was just built by 'mvn package': package it as it is
            Result r = run(List.of(script.toString(), "--no-build", "--out", OUT.toString()), Map.of(), 600);
            assertEquals(0, r.status, r.err);
        }
        assertTrue(Files.size(deb) > 0 && Files.size(tarball) > 0);
        bucket = LocalRgw.newBucket("release");
        LocalRgw.store().putObject(bucket, "released/key.txt", "hello\n".getBytes(StandardCharsets.UTF_8), "text/plain");
        // a package left by an interrupted run would hide what this one installs
        if (run(List.of("dpkg-query", "-W", "s3sh"), Map.of(), 60).status == 0) {
            assertEquals(0, run(List.of("dpkg", "-r", "s3sh"), Map.of(), 120).status);
        }
    }

    @AfterAll
    static void cleanUp() {
        if (bucket != null) LocalRgw.deleteBucket(bucket);
    }

    @Test
    void theDebInstallsWorksAndLeavesNothingBehind() throws Exception {
        Result install = run(List.of("dpkg", "-i", deb.toString()), Map.of(), 300);
        assertEquals(0, install.status, install.out + install.err);
        List<String> owned = run(List.of("dpkg", "-L", "s3sh"), Map.of(), 60).out.lines().toList();
        for (String path : List.of("/usr/bin/s3sh", "/usr/share/bash-completion/completions/s3sh", "/usr/share/zsh/vendor-completions/_s3sh",
                "/usr/share/fish/vendor_completions.d/s3sh.fish", "/usr/share/man/man1/s3sh.1.gz")) {
            assertTrue(owned.contains(path), path + " is not installed: " + owned);
        }
        Result control = run(List.of("dpkg-query", "-W", "-f", "${Depends}|${Suggests}", "s3sh"), Map.of(), 60);
        assertFalse(control.out.contains("java") || control.out.contains("jdk") || control.out.contains("radosgw ("), control.out);
        assertTrue(control.out.contains("libc6") && control.out.split("\\|")[1].contains("radosgw"), control.out);
        try {
            Map<String, String> env = userEnv("/usr/bin:/bin");
            usedAsAUser("/usr/bin/s3sh", "/usr/lib/s3sh/runtime", "/usr/share/bash-completion/completions/s3sh", env);
            // the class archive postinst made is the one that is used: -Xshare:on refuses to start otherwise
            Map<String, String> sharing = new HashMap<>(env);
            sharing.put("JDK_JAVA_OPTIONS", "-Xshare:on");
            Result on = run(List.of("/usr/bin/s3sh", "--version"), sharing, 120);
            assertEquals(0, on.status, "the installed class archive is not usable: " + on.err);
            Result man = run(List.of("man", "-w", "s3sh"), env, 60);
            assertEquals("/usr/share/man/man1/s3sh.1.gz", man.out.strip(), man.err);
            Map<String, String> manEnv = new HashMap<>(env);
            manEnv.put("MANPAGER", "cat");
            manEnv.put("MANWIDTH", "100");
            String page = run(List.of("man", "s3sh"), manEnv, 60).out;
            assertTrue(page.contains("EXIT STATUS") && page.contains("cors check") && page.contains("--version"), page);
        } finally {
            Result remove = run(List.of("dpkg", "-r", "s3sh"), Map.of(), 300);
            assertEquals(0, remove.status, remove.out + remove.err);
        }
        for (String path : owned) {
            if (path.equals("/.") || path.matches("/usr(/(bin|lib|share(/(doc|man(/man1)?|bash-completion(/completions)?|zsh(/vendor-completions)?"
                    + "|fish(/vendor_completions.d)?))?))?")) continue; // directories other packages share
            assertFalse(Files.exists(Path.of(path), java.nio.file.LinkOption.NOFOLLOW_LINKS), path + " was left behind");
        }
        assertFalse(Files.exists(Path.of("/usr/lib/s3sh")), "/usr/lib/s3sh was left behind (the class archive?)");
        assertFalse(run(List.of("dpkg-query", "-W", "-f", "${Status}", "s3sh"), Map.of(), 60).out.contains("installed"));
    }

    @Test
    void theTarballRunsWithNoJavaOnThePath(@TempDir Path dir) throws Exception {
        assertEquals(0, run(List.of("tar", "-C", dir.toString(), "-xzf", tarball.toString()), Map.of(), 120).status);
        Path home = dir.resolve("s3sh-" + version);
        // a PATH with the tarball's bin/ and the few tools its scripts use: no java, no JDK
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("bash", "readlink", "dirname", "find", "setsid", "mv", "rm")) {
            Path real = Path.of(run(List.of("bash", "-c", "command -v " + tool), Map.of(), 30).out.strip());
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        Map<String, String> env = userEnv(home.resolve("bin") + ":" + tools);
        assertEquals(1, run(List.of("bash", "-c", "command -v java"), env, 30).status, "java is on the test's PATH");
        // the program by its path (Java looks a bare name up on its own PATH); the completion script finds it on env's
        usedAsAUser(home.resolve("bin/s3sh").toString(), home.resolve("runtime").toString(), home.resolve("share/bash-completion/completions/s3sh").toString(), env);
        // the first start dumped the class archive in the background; once there, it is used
        Path archive = home.resolve("app/s3sh.jsa");
        Path dumping = home.resolve("app/.archive-lock");   // there while the one background dump runs
        for (int i = 0; i < 600 && (!Files.exists(archive) || Files.exists(dumping)); i++) Thread.sleep(200);
        assertTrue(Files.exists(archive), "the tarball's launcher made no class archive");
        Map<String, String> sharing = new HashMap<>(env);
        sharing.put("JDK_JAVA_OPTIONS", "-Xshare:on");
        Result on = run(List.of(home.resolve("bin/s3sh").toString(), "--version"), sharing, 120);
        assertEquals(0, on.status, "the tarball's class archive is not usable: " + on.err);
    }

    /** --version, --help, a one-shot ls on the local RGW and Tab completion through the bash script. */
    private static void usedAsAUser(String s3sh, String runtime, String bashCompletion, Map<String, String> env) throws Exception {
        Result v = run(List.of(s3sh, "--version"), env, 120);
        assertEquals(0, v.status, v.err);
        List<String> lines = v.out.lines().toList();
        assertEquals("s3sh " + version, lines.get(0));
        assertTrue(lines.get(2).contains(runtime), "not the packaged runtime: " + v.out);
        Result help = run(List.of(s3sh, "--help"), env, 120);
        assertEquals(0, help.status, help.err);
        assertTrue(help.out.startsWith("usage: s3sh") && help.out.contains("--version"), help.out);
        Result ls = run(List.of(s3sh, "--endpoint", LocalRgw.endpoint(), "ls", "s3://" + bucket + "/released/"), env, 120);
        assertEquals(0, ls.status, ls.err);
        assertTrue(ls.out.contains("key.txt"), ls.out);
        // bash splits s3://... at ':' (COMP_WORDBREAKS): the current word is what follows the last ':'
        // (the function reads the words from COMP_LINE, and the current one from COMP_WORDS)
        String line = "s3sh --endpoint " + LocalRgw.endpoint() + " ls s3://" + bucket + "/released/k";
        String complete = "source " + bashCompletion + "\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                + "COMP_WORDS=(s3sh ls s3 : //" + bucket + "/released/k); COMP_CWORD=4\n"
                + "_s3sh_complete; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
                + "COMP_LINE='s3sh vers'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(s3sh vers); COMP_CWORD=1\n"
                + "_s3sh_complete; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Result tab = run(List.of("bash", "--norc", "--noprofile", "-c", complete), env, 120);
        assertEquals(0, tab.status, tab.err);
        assertEquals(List.of("//" + bucket + "/released/key.txt", "version"), tab.out.lines().toList(), tab.err);
    }

    /** The test RGW's keys, a private HOME and the given PATH: nothing of the developer's setup. */
    private static Map<String, String> userEnv(String path) throws Exception {
        Path home = Files.createTempDirectory("s3sh-release-home");
        Map<String, String> env = new HashMap<>();
        env.put("PATH", path);
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("AWS_ACCESS_KEY_ID", LocalRgw.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", LocalRgw.secretKey());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        return env;
    }

    record Result(int status, String out, String err) {
    }

    /** Runs a command with exactly {@code env} (when not empty) and standard input from /dev/null. */
    private static Result run(List<String> command, Map<String, String> env, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (!env.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Path err = Files.createTempFile("s3sh-release", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String errText = Files.readString(err);
        Files.delete(err);
        assertTrue(done, String.join(" ", command) + " did not finish in " + seconds + " s: " + errText);
        return new Result(p.exitValue(), out, errText);
    }
}
