package dev.s3sh.completions;


import dev.s3sh.session.S3Path;
import dev.s3sh.session.Session;
import dev.s3sh.command.CommandRegistry;
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
import java.util.Optional;
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
        Out out = new Out(current);
        if (before.isEmpty()) {
            for (String w : registry.firstWords()) out.add(w, w, true);
            return out.result();
        }
        String first = before.get(0);
        if (before.size() == 1 && registry.isGroup(first)) {
            for (String sub : registry.subcommands(first)) out.add(sub, sub, true);
        }
        Optional<CommandRegistry.Match> match = registry.match(before);
        if (match.isEmpty()) return out.result();
        CommandSpec spec = match.get().command().spec();
        arguments(spec, before.subList(match.get().wordsUsed(), before.size()), current, out);
        return out.result();
    }

    private void arguments(CommandSpec spec, List<String> args, String current, Out out) {
        List<OptionSpec> options = spec.allOptions();
        Set<String> used = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        OptionSpec pending = null;
        boolean ended = false;
        for (String w : args) {
            if (pending != null) {
                pending = null;
                continue;
            }
            if (ended || !isOption(w)) {
                positionals.add(w);
            } else if (w.equals("--")) {
                ended = true;
            } else if (w.startsWith("--")) {
                String name = w.substring(2);
                int eq = name.indexOf('=');
                OptionSpec o = byName(options, eq < 0 ? name : name.substring(0, eq));
                if (o == null) continue;
                used.add(o.name());
                if (o.takesValue() && eq < 0) pending = o;
            } else {
                for (int c = 1; c < w.length(); c++) {
                    OptionSpec o = byShort(options, w.charAt(c));
                    if (o == null) break;
                    used.add(o.name());
                    if (o.takesValue()) {
                        if (c == w.length() - 1) pending = o;
                        break;
                    }
                }
            }
        }
        if (pending != null) {
            values(pending.value(), "", positionals, out);
            return;
        }
        if (!ended && current.startsWith("--") && current.contains("=")) {
            int eq = current.indexOf('=');
            OptionSpec o = byName(options, current.substring(2, eq));
            if (o != null && o.takesValue()) values(o.value(), current.substring(0, eq + 1), positionals, out);
            return;
        }
        if (!ended && isOption(current)) {
            optionNames(options, used, out);
            return;
        }
        ValueKind kind = positionalKind(spec, positionals.size());
        if (!positionals.isEmpty() && positionalKind(spec, positionals.size() - 1) == ValueKind.COMMAND
                && registry.isGroup(positionals.get(positionals.size() - 1))) {
            String group = positionals.get(positionals.size() - 1);
            for (String sub : registry.subcommands(group)) out.add(sub, sub, true);
            return;
        }
        if (kind == null) {
            if (current.isEmpty() && !ended) optionNames(options, used, out);
            return;
        }
        values(kind, "", positionals, out);
    }

    private static boolean isOption(String w) {
        return w.startsWith("-") && !w.equals("-") && !w.matches("-\\d.*");
    }

    private static OptionSpec byName(List<OptionSpec> options, String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }

    private static OptionSpec byShort(List<OptionSpec> options, char c) {
        return options.stream().filter(o -> o.shortName() != null && o.shortName() == c).findFirst().orElse(null);
    }

    private static void optionNames(List<OptionSpec> options, Set<String> used, Out out) {
        for (OptionSpec o : options) {
            if (o.repeatable() || !used.contains(o.name())) out.add("--" + o.name(), "--" + o.name(), true);
        }
    }

    private static ValueKind positionalKind(CommandSpec spec, int index) {
        List<ValueKind> kinds = spec.positionals();
        if (index < kinds.size()) return kinds.get(index);
        return spec.variadic() && !kinds.isEmpty() ? kinds.get(kinds.size() - 1) : null;
    }

    /** Values of {@code kind}; {@code lead} ("--name=") comes before each value. */
    private void values(ValueKind kind, String lead, List<String> positionals, Out out) {
        String typed = out.current.substring(lead.length());
        if (!kind.choices().isEmpty()) {
            for (String c : kind.choices()) out.add(lead + c, c, true);
            return;
        }
        switch (kind.kind()) {
            case "s3path" -> s3Paths(lead, typed, true, out);
            case "s3dir" -> s3Paths(lead, typed, false, out);
            case "bucket" -> buckets(lead, typed, out);
            case "file" -> localFiles(lead, typed, out);
            case "command" -> {
                for (String w : registry.firstWords()) out.add(lead + w, w, true);
            }
            case "text" -> {
            }
            default -> {
                for (String v : providers.values(kind.kind())) out.add(lead + v, v, true);
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
