package dev.s3sh.completions;

import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scripts under completions/ are what 's3sh completion SHELL' prints, and the bash one drives __complete right. */
class CompletionScriptsTest {
    @TempDir
    Path tmp;

    @Test
    void repositoryCopiesMatchTheGeneratedScripts() throws Exception {
        Path dir = LocalRgw.projectDir().resolve("completions");
        assertEquals(CompletionScripts.bash(), Files.readString(dir.resolve("s3sh.bash")),
                "regenerate with: s3sh completion bash > completions/s3sh.bash");
        assertEquals(CompletionScripts.zsh(), Files.readString(dir.resolve("_s3sh")),
                "regenerate with: s3sh completion zsh > completions/_s3sh");
        assertEquals(CompletionScripts.fish(), Files.readString(dir.resolve("s3sh.fish")),
                "regenerate with: s3sh completion fish > completions/s3sh.fish");
    }

    /** Runs the bash function as bash would for {@code line}, with a stand-in s3sh that records its arguments. */
    private List<String> bash(String line, List<String> compWords, String answer, Path argsFile) throws Exception {
        Path fake = tmp.resolve("s3sh");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done > '" + argsFile + "'\nprintf '" + answer + "'\n");
        fake.toFile().setExecutable(true);
        Path script = tmp.resolve("s3sh.bash");
        Files.writeString(script, CompletionScripts.bash());
        StringBuilder words = new StringBuilder();
        for (String w : compWords) words.append(" '").append(w).append("'");
        String full = fake + line;
        String program = "source '" + script + "'\n"
                + "COMP_LINE='" + full + "'; COMP_POINT=${#COMP_LINE}\n"
                + "COMP_WORDS=('" + fake + "'" + words + "); COMP_CWORD=" + compWords.size() + "\n"
                + "_s3sh_complete\nprintf '<%s>\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return out.lines().filter(l -> l.startsWith("<")).toList();
    }

    @Test
    void bashPassesTheWordsAndReplacesOnlyWhatBashSplitAtTheColon() throws Exception {
        Path args = tmp.resolve("args");
        List<String> reply = bash(" --endpoint http://127.0.0.1:7480 ls s3://al",
                List.of("--endpoint", "http", ":", "//127.0.0.1", ":", "7480", "ls", "s3", ":", "//al"),
                "s3://alpha/\\ns3://also/\\n", args);
        assertEquals(List.of("[__complete]", "[--endpoint]", "[http://127.0.0.1:7480]", "[ls]", "[s3://al]"),
                Files.readAllLines(args));
        assertEquals(List.of("<//alpha/>", "<//also/>"), reply);
    }

    @Test
    void bashAsksWithAnEmptyWordAfterASpace() throws Exception {
        Path args = tmp.resolve("args");
        List<String> reply = bash(" cors ", List.of("cors", ""), "show\\nset\\n", args);
        assertEquals(List.of("[__complete]", "[cors]", "[]"), Files.readAllLines(args));
        assertEquals(List.of("<show>", "<set>"), reply);
    }
}
