package dev.s3sh.command;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The partial parse of a line: the command its words name (if any), each word's role, and the
 * parser's state after the last word (an option waiting for its value, options used, positionals,
 * whether {@code --} ended the options). {@link #expect} says what the word being typed may be.
 * Made by {@link CommandLineParser#analyse}; completion and highlighting read only this.
 */
public final class LineAnalysis {
    /** What the word under the cursor may be. */
    public enum Expect {
        /** A command name or group. */
        COMMAND,
        /** A subcommand of {@link Expectation#group()}. */
        SUBCOMMAND,
        /** An option name of the spec. */
        OPTION,
        /** A value of {@link Expectation#kind()}, for an option or a positional. */
        VALUE,
        /** Nothing more is known to fit here. */
        NOTHING
    }

    /**
     * {@code lead} is what stands before the value inside the current word ({@code "--origin="}),
     * {@code option} the option whose value it is (null for a positional), {@code alsoSubcommandsOf}
     * a group whose subcommands fit as well (a group word that is also a command).
     */
    public record Expectation(Expect what, ValueKind kind, OptionSpec option, String lead, String group) {
        static Expectation of(Expect what) {
            return new Expectation(what, null, null, "", null);
        }

        static Expectation value(ValueKind kind, OptionSpec option, String lead) {
            return new Expectation(Expect.VALUE, kind, option, lead, null);
        }
    }

    private final CommandRegistry registry;
    private final List<String> words;
    private final Optional<CommandRegistry.Match> match;
    private final int nameWords;
    private final List<CommandLineParser.Role> roles;
    private final OptionSpec pending;
    private final Set<String> used;
    private final List<String> positionals;
    private final boolean optionsEnded;
    private final Map<String, List<String>> values;
    private final CommandSpec spec;

    LineAnalysis(CommandRegistry registry, List<String> words, Optional<CommandRegistry.Match> match, int nameWords,
                 List<CommandLineParser.Role> roles, OptionSpec pending, Set<String> used, List<String> positionals,
                 boolean optionsEnded, Map<String, List<String>> values) {
        this(registry, words, match, nameWords, roles, pending, used, positionals, optionsEnded, values,
                match.map(m -> m.command().spec()).orElse(null));
    }

    LineAnalysis(CommandRegistry registry, List<String> words, Optional<CommandRegistry.Match> match, int nameWords,
                 List<CommandLineParser.Role> roles, OptionSpec pending, Set<String> used, List<String> positionals,
                 boolean optionsEnded, Map<String, List<String>> values, CommandSpec spec) {
        this.registry = registry;
        this.words = words;
        this.match = match;
        this.nameWords = nameWords;
        this.roles = roles;
        this.pending = pending;
        this.used = Set.copyOf(used);
        this.positionals = List.copyOf(positionals);
        this.optionsEnded = optionsEnded;
        this.values = Map.copyOf(values);
        this.spec = spec;
    }

    public List<String> words() {
        return words;
    }

    public Optional<CommandRegistry.Match> match() {
        return match;
    }

    /** The spec the arguments were read against; empty when the words name no command. */
    public Optional<CommandSpec> spec() {
        return Optional.ofNullable(spec);
    }

    /** One role per word, in order. */
    public List<CommandLineParser.Role> roles() {
        return roles;
    }

    public Set<String> usedOptions() {
        return used;
    }

    public List<String> positionals() {
        return positionals;
    }

    /** The output format the words ask for, as far as they can be read; text when none or unreadable. */
    public OutputFormat output() {
        List<String> output = values.get("output");
        return output == null || output.isEmpty() ? OutputFormat.TEXT : OutputFormat.of(output.get(output.size() - 1));
    }

    /** What {@code current} (the word being typed, up to the cursor) may be after these words. */
    public Expectation expect(String current) {
        if (spec == null && words.isEmpty()) return Expectation.of(Expect.COMMAND);
        if (spec == null) {
            return words.size() == 1 && registry.isGroup(words.get(0))
                    ? new Expectation(Expect.SUBCOMMAND, null, null, "", words.get(0)) : Expectation.of(Expect.NOTHING);
        }
        Expectation e = arguments(current);
        if (match.isPresent() && words.size() == 1 && registry.isGroup(words.get(0)) && e.group() == null) {
            return new Expectation(e.what(), e.kind(), e.option(), e.lead(), words.get(0));
        }
        return e;
    }

    private Expectation arguments(String current) {
        if (pending != null) return Expectation.value(pending.value(), pending, "");
        if (!optionsEnded && current.startsWith("--") && current.contains("=")) {
            int eq = current.indexOf('=');
            String name = current.substring(2, eq);
            OptionSpec o = spec.allOptions().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            return o != null && o.takesValue() ? Expectation.value(o.value(), o, current.substring(0, eq + 1))
                    : Expectation.of(Expect.NOTHING);
        }
        if (!optionsEnded && CommandLineParser.isOption(current)) return Expectation.of(Expect.OPTION);
        if (!positionals.isEmpty() && positionalKind(positionals.size() - 1) == ValueKind.COMMAND
                && registry.isGroup(positionals.get(positionals.size() - 1))) {
            return new Expectation(Expect.SUBCOMMAND, null, null, "", positionals.get(positionals.size() - 1));
        }
        ValueKind kind = positionalKind(positionals.size());
        if (kind == null) return Expectation.of(current.isEmpty() && !optionsEnded ? Expect.OPTION : Expect.NOTHING);
        return Expectation.value(kind, null, "");
    }

    /** Options still to offer: every option not yet given, and repeatable ones always. */
    public List<OptionSpec> optionsLeft() {
        if (spec == null) return List.of();
        return spec.allOptions().stream().filter(o -> o.repeatable() || !used.contains(o.name())).toList();
    }

    private ValueKind positionalKind(int index) {
        List<ValueKind> kinds = spec.positionals();
        if (index < kinds.size()) return kinds.get(index);
        return spec.variadic() && !kinds.isEmpty() ? kinds.get(kinds.size() - 1) : null;
    }
}
