package dev.s3sh.completions;

import dev.s3sh.session.Session;
import dev.s3sh.command.CommandRegistry;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code s3sh __complete [GLOBAL OPTIONS] WORDS... CURRENT}: the hidden mode the bash, zsh and fish
 * scripts call. It prints one candidate per line and nothing else (no hints, no errors); a candidate
 * ending in "/" is a prefix or directory after which the shell adds no space. It lists at most one
 * page, with a longer budget than the REPL since there is no next Tab in the same process.
 */
public final class CompleteMode {
    /** Global options of {@code s3sh} (see Main's usage), completed before the command word. */
    public static final List<String> GLOBAL_OPTIONS = List.of("--local", "--endpoint", "--region", "--path-style",
            "--dialect", "--output", "--yes", "--no-color", "--debug", "--help", "--version");
    static final Duration BUDGET = Duration.ofSeconds(10);

    private CompleteMode() {
    }

    /** Candidates for {@code current} after the command words {@code words} (global options already removed). */
    public static int run(CommandRegistry registry, Session session, List<String> words, String current, PrintWriter out) {
        CompletionEngine engine = new CompletionEngine(registry, session, new ListingCache(), ValueProviders.defaults(session),
                BUDGET, Path.of("").toAbsolutePath());
        for (CompletionEngine.Suggestion s : engine.complete(words, current).suggestions()) out.println(s.value());
        out.flush();
        return 0;
    }

    /** Global option names starting with {@code current}, one per line. */
    public static int globalOptions(String current, PrintWriter out) {
        for (String o : GLOBAL_OPTIONS) if (o.startsWith(current)) out.println(o);
        out.flush();
        return 0;
    }
}
