package dev.s3sh.completions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The zsh and fish scripts in the real shells (installed by scripts/install-test-deps), with a
 * stand-in {@code s3sh} on the PATH that records the words it gets and answers fixed candidates.
 */
class ShellScriptsIT {
    @TempDir
    Path tmp;

    private Path args;

    @BeforeEach
    void fakeS3sh() throws Exception {
        args = tmp.resolve("args");
        Path fake = tmp.resolve("s3sh");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done > '" + args + "'\n"
                + "printf 's3://alpha/\\ns3://also.txt\\n'\n");
        assertTrue(fake.toFile().setExecutable(true));
    }

    private List<String> run(String shell, String program) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", program).redirectErrorStream(true);
        pb.environment().put("PATH", tmp + ":" + System.getenv("PATH"));
        pb.environment().put("HOME", tmp.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), shell + " did not finish");
        assertEquals(0, p.exitValue(), shell + " failed:\n" + out);
        return out.lines().toList();
    }

    @Test
    void fishAsksS3shWithTheLineAndOffersItsAnswer() throws Exception {
        Path script = tmp.resolve("s3sh.fish");
        Files.writeString(script, CompletionScripts.fish());
        List<String> out = run("fish", "source " + script + "; complete -C 's3sh --endpoint http://127.0.0.1:7480 ls s3://al'");
        assertEquals(List.of("[__complete]", "[--endpoint]", "[http://127.0.0.1:7480]", "[ls]", "[s3://al]"), Files.readAllLines(args));
        assertEquals(List.of("s3://alpha/", "s3://also.txt"), out.stream().map(l -> l.split("\t")[0]).toList());
    }

    @Test
    void zshAddsPrefixesWithoutASpaceAndKeysWithOne() throws Exception {
        Path script = tmp.resolve("_s3sh");
        Files.writeString(script, CompletionScripts.zsh());
        // compadd and compdef only exist inside zsh's completion system: stand-ins print what they get
        List<String> out = run("zsh", "compadd() { print -r -- \"compadd $*\" }; compdef() { : }\n"
                + "source " + script + "\n"
                + "words=(s3sh ls 's3://al'); CURRENT=3; PREFIX='s3://al'\n"
                + "_s3sh\n");
        assertEquals(List.of("[__complete]", "[ls]", "[s3://al]"), Files.readAllLines(args));
        assertEquals(List.of("compadd -S  -- s3://alpha/", "compadd -- s3://also.txt"), out);
    }
}
