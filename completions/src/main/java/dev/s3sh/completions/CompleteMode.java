package dev.s3sh.completions;

import dev.s3sh.command.Tokenizer;

import dev.s3sh.command.CommandLineParser;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.GlobalOptions;
import dev.s3sh.command.LineAnalysis;
import dev.s3sh.session.Session;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code s3sh __complete [GLOBAL OPTIONS] WORDS... CURRENT}: the hidden mode the bash, zsh and fish
 * scripts call. It prints one candidate per line and nothing else (no hints, no errors); a candidate
 * ending in "/" is a prefix or directory after which the shell adds no space. It lists at most one
 * page, with a longer budget than the REPL since there is no next Tab in the same process. The
 * global options come from {@link GlobalOptions#SPEC}, as {@code s3sh}'s own parser reads them.
 */
public final class CompleteMode {
    static final Duration BUDGET = Duration.ofSeconds(10);

    private CompleteMode() {
    }

    /**
     * The global options before the command word, read leniently; empty when {@code words} start
     * with the command (or hold nothing else).
     */
    public static LineAnalysis leadingOptions(CommandRegistry registry, List<String> words) {
        return CommandLineParser.analyseLeading(registry, GlobalOptions.SPEC, words);
    }

    /** True when {@code current} is still among the global options: an option, its value or the command word. */
    public static boolean beforeCommand(CommandRegistry registry, List<String> words) {
        return leadingOptions(registry, words).words().size() == words.size();
    }

    /** Candidates for {@code current} after the global options {@code words} (no command word yet). */
    public static int global(CommandRegistry registry, Session session, List<String> words, String current, PrintWriter out) {
        LineAnalysis line = leadingOptions(registry, words);
        return print(engine(registry, session).complete(line, current), out);
    }

    /** Candidates for {@code current} after the command words {@code words} (global options already removed). */
    public static int run(CommandRegistry registry, Session session, List<String> words, String current, PrintWriter out) {
        return print(engine(registry, session).complete(words, current), out);
    }

    private static CompletionEngine engine(CommandRegistry registry, Session session) {
        return new CompletionEngine(registry, session, new ListingCache(), ValueProviders.defaults(session),
                BUDGET, Path.of("").toAbsolutePath());
    }

    private static int print(CompletionEngine.Result result, PrintWriter out) {
        // one candidate a line: a value holding a control character (a line feed too) goes out quoted
        for (CompletionEngine.Suggestion s : result.suggestions()) out.println(Tokenizer.quoteAfterPlainHead(s.value()));
        out.flush();
        return 0;
    }
}
