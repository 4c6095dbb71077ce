package dev.s3sh.completions;


import dev.s3sh.session.S3Path;
import dev.s3sh.session.Session;
import dev.s3sh.command.CommandLineParser;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.LineAnalysis;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ValueKind;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What may follow the words of a line, driven only by the {@link CommandRegistry} and each
 * command's {@link CommandSpec}: command names, subcommands, option names and values, and
 * positional values by {@link ValueKind} (s3 paths, buckets, local files, commands, choices, and
 * kinds provided by {@link ValueProviders}). Front ends: the shell's ShellCompleter (JLine) and
 * {@link CompleteMode} ({@code s3sh __complete}). Every suggestion starts with the typed word.
 */
public final class CompletionEngine {
    /** {@code complete} false means "more may follow" (a prefix or directory): no space after it. */
    public record Suggestion(String value, String display, boolean complete) {
    }

    /** Suggestions and short hints for the user (a listing still running, truncated, failed). */
    public record Result(List<Suggestion> suggestions, List<String> hints) {
    }

    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(300);
    private static final int MAX_FILES = 1000;

    private final CommandRegistry registry;
    private final Session session;
    private final ListingCache cache;
    private final ValueProviders providers;
    private final Duration budget;
    private final Path workingDir;

    public CompletionEngine(CommandRegistry registry, Session session, ListingCache cache, ValueProviders providers,
                            Duration budget, Path workingDir) {
        this.registry = registry;
        this.session = session;
        this.cache = cache;
        this.providers = providers;
        this.budget = budget;
        this.workingDir = workingDir;
    }

    /** The engine of a REPL session: the session's listing cache, default providers, a 300 ms budget. */
    public static CompletionEngine forSession(Session session, CommandRegistry registry) {
        return new CompletionEngine(registry, session, ListingCache.of(session), ValueProviders.defaults(session),
                DEFAULT_BUDGET, Path.of("").toAbsolutePath());
    }

    public ValueProviders providers() {
        return providers;
    }

    /** Suggestions for {@code current} (the word being typed, up to the cursor) after the words {@code before}. */
    public Result complete(List<String> before, String current) {
        return complete(CommandLineParser.analyse(registry, before), current);
    }

    /** Suggestions for {@code current} after a line already read by the parser (the command's or the global options'). */
    public Result complete(LineAnalysis line, String current) {
        Out out = new Out(current);
        LineAnalysis.Expectation expected = line.expect(current);
        if (expected.group() != null) {
            for (String sub : registry.subcommands(expected.group())) out.add(sub, sub, true);
        }
        switch (expected.what()) {
            case COMMAND -> {
                for (String w : registry.firstWords()) out.add(w, w, true);
            }
            case OPTION -> {
                for (OptionSpec o : line.optionsLeft()) out.add("--" + o.name(), "--" + o.name(), true);
            }
            case VALUE -> values(expected.kind(), expected.lead(), out);
            case SUBCOMMAND, NOTHING -> {
            }
        }
        return out.result();
    }

    /** Values of {@code kind}; {@code lead} ("--name=") comes before each value. */
    private void values(ValueKind kind, String lead, Out out) {
        String typed = out.current.substring(lead.length());
        switch (kind.type()) {
            case CHOICE, SUGGESTED -> {
                for (String c : kind.choices()) out.add(lead + c, c, true);
            }
            case S3_PATH -> s3Paths(lead, typed, true, out);
            case S3_DIR -> s3Paths(lead, typed, false, out);
            case BUCKET -> buckets(lead, typed, out);
            case LOCAL_FILE -> localFiles(lead, typed, out);
            case COMMAND -> {
                for (String w : registry.firstWords()) out.add(lead + w, w, true);
            }
            case PROVIDED -> {
                for (String v : providers.values(kind.name())) out.add(lead + v, v, true);
            }
            case TEXT -> {
            }
        }
    }

    private void buckets(String lead, String typed, Out out) {
        String scheme = typed.startsWith("s3://") ? "s3://" : "";
        ListingCache.Lookup found = cache.buckets(session, budget);
        out.hint(found.hint());
        for (String b : found.prefixes()) out.add(lead + scheme + b, b, true);
    }

    /**
     * s3:// paths: absolute ({@code s3://b/k}, {@code /b/k}), relative to the current location, with
     * {@code ..}; object keys only when {@code keys} (not for {@code cd}).
     */
    private void s3Paths(String lead, String typed, boolean keys, Out out) {
        if (typed.startsWith("s3://")) {
            String rest = typed.substring(5);
            int slash = rest.indexOf('/');
            if (slash < 0) {
                bucketDirs(lead + "s3://", out);
            } else {
                listing(lead + "s3://" + rest.substring(0, slash + 1), rest.substring(0, slash), "", rest.substring(slash + 1), keys, out);
            }
            return;
        }
        if (!typed.isEmpty() && "s3://".startsWith(typed) && typed.length() >= 2) {
            out.add(lead + "s3://", "s3://", false);
            return;
        }
        int slash = typed.lastIndexOf('/');
        String head = typed.substring(0, slash + 1);
        String tail = typed.substring(slash + 1);
        S3Path dir = head.isEmpty() ? session.cwd() : session.cwd().resolve(head).asDirectory();
        if (tail.equals("..") && !dir.isRoot()) out.add(lead + head + "../", "../", false);
        if (dir.isRoot()) {
            bucketDirs(lead + head, out);
        } else {
            listing(lead + head, dir.bucket(), dir.key(), tail, keys, out);
        }
    }

    private void bucketDirs(String lead, Out out) {
        ListingCache.Lookup found = cache.buckets(session, budget);
        out.hint(found.hint());
        for (String b : found.prefixes()) out.add(lead + b + "/", b + "/", false);
    }

    /** One listing of {@code dirKey + tail}; each result is offered as {@code lead} + its part after {@code dirKey}. */
    private void listing(String lead, String bucket, String dirKey, String tail, boolean keys, Out out) {
        int dirLen = dirKey.length() + tail.lastIndexOf('/') + 1;
        ListingCache.Lookup found = cache.list(session, bucket, dirKey + tail, budget);
        out.hint(found.hint());
        for (String p : found.prefixes()) {
            out.add(lead + p.substring(dirKey.length()), p.substring(dirLen), false);
        }
        for (String k : keys ? found.keys() : List.<String>of()) {
            if (k.length() > dirLen) out.add(lead + k.substring(dirKey.length()), k.substring(dirLen), true);
        }
        if (found.listing() != null && found.listing().truncated()) {
            out.hint("more than " + cache.pageSize() + " entries start with s3://" + bucket + "/" + dirKey + tail
                    + ": type more to narrow");
        }
    }

    private void localFiles(String lead, String typed, Out out) {
        int slash = typed.lastIndexOf('/');
        String head = typed.substring(0, slash + 1);
        String tail = typed.substring(slash + 1);
        Path dir;
        if (head.isEmpty()) {
            dir = workingDir;
        } else if (head.startsWith("~/")) {
            dir = Path.of(System.getProperty("user.home")).resolve(head.substring(2));
        } else {
            dir = workingDir.resolve(head);
        }
        if (!Files.isDirectory(dir)) return;
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(tail) || name.startsWith(".") && !tail.startsWith(".")) continue;
                entries.add(p);
                if (entries.size() >= MAX_FILES) break;
            }
        } catch (IOException | SecurityException e) {
            out.hint("cannot read " + dir + ": " + e.getClass().getSimpleName());
            return;
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p)) out.add(lead + head + name + "/", name + "/", false);
            else out.add(lead + head + name, name, true);
        }
    }

    /** Collects suggestions that start with the typed word, once each, and hints. */
    private static final class Out {
        final String current;
        final List<Suggestion> suggestions = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final List<String> hints = new ArrayList<>();

        Out(String current) {
            this.current = current;
        }

        void add(String value, String display, boolean complete) {
            if (value.startsWith(current) && seen.add(value)) suggestions.add(new Suggestion(value, display, complete));
        }

        void hint(String hint) {
            if (hint != null && !hints.contains(hint)) hints.add(hint);
        }

        Result result() {
            return new Result(List.copyOf(suggestions), List.copyOf(hints));
        }
    }
}
