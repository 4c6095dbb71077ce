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

    /** A stand-in {@code s3sh} that is the real one: this test's JVM and class path running {@code Main}. */
    private void realS3sh() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path real = tmp.resolve("s3sh");
        Files.writeString(real, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.s3sh.shell.Main \"$@\"\n");
        assertTrue(real.toFile().setExecutable(true));
    }

    @Test
    void bashOffersTheGlobalOptionsAndTheirValues() throws Exception {
        realS3sh();
        Path script = tmp.resolve("s3sh.bash");
        Files.writeString(script, CompletionScripts.bash());
        String complete = "source " + script + "\n"
                + "c() { COMP_LINE=\"$1\"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< \"$COMP_LINE\"; "
                + "[[ $COMP_LINE == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); "
                + "_s3sh_complete; printf '%s\\n' \"${COMPREPLY[@]}\"; }\n";
        assertEquals(List.of("--profile"), run("bash", complete + "c 's3sh --prof'"));
        assertEquals(List.of("--ca-bundle"), run("bash", complete + "c 's3sh --insecure --ca'"));
        assertEquals(List.of("rgw", "rgw-2026", "aws"), run("bash", complete + "c 's3sh --dialect '"));
        assertEquals(List.of("us-southeast-1"), run("bash", complete + "c 's3sh --cluster us-sou'"));
    }

    @Test
    void zshOffersTheGlobalOptions() throws Exception {
        realS3sh();
        Path script = tmp.resolve("_s3sh");
        Files.writeString(script, CompletionScripts.zsh());
        List<String> out = run("zsh", "compadd() { print -r -- \"compadd $*\" }; compdef() { : }\n"
                + "source " + script + "\n"
                + "words=(s3sh --tu); CURRENT=2; PREFIX='--tu'; _s3sh\n"
                + "words=(s3sh --cluster us-sou); CURRENT=3; PREFIX='us-sou'; _s3sh\n");
        assertEquals(List.of("compadd -- --tui", "compadd -- us-southeast-1"), out);
    }

    @Test
    void fishOffersTheGlobalOptions() throws Exception {
        realS3sh();
        Path script = tmp.resolve("s3sh.fish");
        Files.writeString(script, CompletionScripts.fish());
        List<String> out = run("fish", "source " + script + "; complete -C 's3sh --insec'; complete -C 's3sh -c /nonexistent --clus'");
        assertEquals(List.of("--insecure", "--cluster"), out.stream().map(l -> l.split("\t")[0]).toList());
    }
}
