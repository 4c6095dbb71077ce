package dev.s3sh.command;

import dev.s3sh.config.DidYouMean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one parser of s3sh's command line, against {@link CommandSpec}s. GNU style: {@code --name value},
 * {@code --name=value}, {@code -x}, bundled short flags {@code -lr}, {@code -o json} and {@code -ojson},
 * {@code --} to end options. Options may stand anywhere after the command name. {@code -} and a
 * number like {@code -5} are positionals.
 * <p>
 * Strictly ({@link #parseArgs}, {@link #parseLeading}) it gives the full parse a command runs with,
 * or one sentence of what is wrong. Leniently ({@link #analyse}) it never fails: it tells each word's
 * role and what the next word may be, for completion and highlighting, on a line still being typed.
 */
public final class CommandLineParser {
    private CommandLineParser() {
    }

    /** The global options, then the words from the first one that is not an option on ({@code s3sh [options] COMMAND...}). */
    public record Leading(ParsedArgs options, List<String> rest) {
    }

    /** What a word of a line is. */
    public enum Role {
        /** A word of a known command's name (or the group of one). */
        COMMAND,
        /** A first word that names no command, or a group's second word that names none of its subcommands. */
        UNKNOWN_COMMAND,
        OPTION,
        UNKNOWN_OPTION,
        /** The value of the option before it. */
        OPTION_VALUE,
        ARGUMENT,
        /** {@code --}: options end here. */
        END_OF_OPTIONS
    }

    /** The full parse of a command's arguments (the words after its name). */
    public static ParsedArgs parseArgs(CommandSpec spec, List<String> words) {
        Scan scan = scan(spec, words, true, false);
        return new ParsedArgs(scan.values, scan.positionals);
    }

    /** Options up to the first positional word; that word and all after it are the rest. */
    public static Leading parseLeading(CommandSpec spec, List<String> words) {
        Scan scan = scan(spec, words, true, true);
        return new Leading(new ParsedArgs(scan.values, List.of()), List.copyOf(words.subList(scan.stoppedAt, words.size())));
    }

    /** Each word's role and the state after the last one, on a line that may be unfinished or wrong. */
    public static LineAnalysis analyse(CommandRegistry registry, List<String> words) {
        Optional<CommandRegistry.Match> match = registry.match(words);
        List<Role> roles = new ArrayList<>();
        int nameWords;
        CommandSpec spec;
        if (match.isPresent()) {
            nameWords = match.get().wordsUsed();
            spec = match.get().command().spec();
            for (int i = 0; i < nameWords; i++) roles.add(Role.COMMAND);
        } else {
            // no command: the rest is still read for --output, so an error can answer in JSON
            spec = null;
            nameWords = Math.min(words.size(), !words.isEmpty() && registry.isGroup(words.get(0)) ? 2 : 1);
            if (nameWords >= 1) roles.add(registry.isGroup(words.get(0)) ? Role.COMMAND : Role.UNKNOWN_COMMAND);
            if (nameWords == 2) roles.add(Role.UNKNOWN_COMMAND);
        }
        Scan scan = scan(spec == null ? ANY : spec, words.subList(nameWords, words.size()), false, false);
        for (Role r : scan.roles) roles.add(spec == null && r == Role.UNKNOWN_OPTION ? Role.OPTION : r);
        return new LineAnalysis(registry, List.copyOf(words), match, nameWords, List.copyOf(roles), scan.pending, scan.used,
                scan.positionals, scan.ended, scan.values);
    }

    /** The lenient reading of a spec's own arguments (the global options of {@code s3sh}, say). */
    public static LineAnalysis analyseArgs(CommandRegistry registry, CommandSpec spec, List<String> words) {
        Scan scan = scan(spec, words, false, false);
        return new LineAnalysis(registry, List.copyOf(words), Optional.empty(), 0, List.copyOf(scan.roles), scan.pending,
                scan.used, scan.positionals, scan.ended, scan.values, spec);
    }

    /**
     * The lenient reading of the options that lead a line ({@code s3sh}'s global options before the
     * command word): its words are those options and their values; the words after them are the rest.
     */
    public static LineAnalysis analyseLeading(CommandRegistry registry, CommandSpec spec, List<String> words) {
        Scan scan = scan(spec, words, false, true);
        return new LineAnalysis(registry, List.copyOf(words.subList(0, scan.stoppedAt)), Optional.empty(), 0,
                List.copyOf(scan.roles), scan.pending, scan.used, scan.positionals, scan.ended, scan.values, spec);
    }

    /** Stands in for an unknown command's spec: only the options every command takes. */
    private static final CommandSpec ANY = CommandSpec.builder("?").positional(ValueKind.TEXT).variadic().build();

    static boolean isOption(String word) {
        return word.startsWith("-") && !word.equals("-") && !word.matches("-\\d.*");
    }

    private static final class Scan {
        final Map<String, List<String>> values = new LinkedHashMap<>();
        final List<String> positionals = new ArrayList<>();
        final List<Role> roles = new ArrayList<>();
        final Set<String> used = new HashSet<>();
        OptionSpec pending;
        boolean ended;
        int stoppedAt;
    }

    private static Scan scan(CommandSpec spec, List<String> words, boolean strict, boolean stopAtPositional) {
        List<OptionSpec> options = spec.allOptions();
        Scan s = new Scan();
        int i = 0;
        for (; i < words.size(); i++) {
            String word = words.get(i);
            if (s.ended || !isOption(word)) {
                if (stopAtPositional) break;
                s.positionals.add(word);
                s.roles.add(Role.ARGUMENT);
                continue;
            }
            if (word.equals("--")) {
                s.ended = true;
                s.roles.add(Role.END_OF_OPTIONS);
                continue;
            }
            if (word.startsWith("--")) {
                String name = word.substring(2);
                String inline = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                OptionSpec option = byName(options, name);
                if (option == null) {
                    if (strict) throw unknown(spec, "--" + name, name, options.stream().map(OptionSpec::name).toList());
                    s.roles.add(Role.UNKNOWN_OPTION);
                    continue;
                }
                if (!option.takesValue() && inline != null) {
                    if (strict) throw new UsageException(optionWord(spec, "--" + name) + " takes no value: see " + helpOf(spec));
                    s.roles.add(Role.UNKNOWN_OPTION);
                    continue;
                }
                s.roles.add(Role.OPTION);
                s.used.add(option.name());
                if (!option.takesValue()) {
                    put(s, option, null, spec, strict);
                } else if (inline != null) {
                    put(s, option, inline, spec, strict);
                } else if (i + 1 < words.size()) {
                    s.roles.add(Role.OPTION_VALUE);
                    put(s, option, words.get(++i), spec, strict);
                } else if (strict) {
                    throw new UsageException(optionWord(spec, "--" + name) + " needs a value: see " + helpOf(spec));
                } else {
                    s.pending = option;
                }
                continue;
            }
            // short options, possibly bundled: -lr, -o json, -ojson
            Role role = Role.OPTION;
            boolean valueFollows = false;
            for (int c = 1; c < word.length(); c++) {
                char ch = word.charAt(c);
                OptionSpec option = byShort(options, ch);
                if (option == null) {
                    // one letter is too little to guess from: no suggestion for short options
                    if (strict) throw unknown(spec, "-" + ch, "", List.of());
                    role = Role.UNKNOWN_OPTION;
                    break;
                }
                s.used.add(option.name());
                if (!option.takesValue()) {
                    put(s, option, null, spec, strict);
                    continue;
                }
                if (c + 1 < word.length()) {
                    put(s, option, word.substring(c + 1), spec, strict);
                } else if (i + 1 < words.size()) {
                    valueFollows = true;
                    s.roles.add(role);
                    s.roles.add(Role.OPTION_VALUE);
                    put(s, option, words.get(++i), spec, strict);
                } else if (strict) {
                    throw new UsageException(optionWord(spec, "-" + ch) + " needs a value: see " + helpOf(spec));
                } else {
                    s.pending = option;
                }
                break;
            }
            if (!valueFollows) s.roles.add(role);
        }
        s.stoppedAt = i;
        return s;
    }

    /** {@code typed} as written, {@code name} without its dashes, {@code known} the long names. */
    private static UsageException unknown(CommandSpec spec, String typed, String name, List<String> known) {
        String where = GlobalOptions.isGlobal(spec) ? "unknown global option " + typed : "unknown option " + typed + " for '" + spec.name() + "'";
        String help = helpOf(spec);
        return new UsageException(where + DidYouMean.closest(name, known)
                .map(near -> ": did you mean --" + near + "? (see " + help + ")")
                .orElse(": see " + help));
    }

    private static String optionWord(CommandSpec spec, String option) {
        return GlobalOptions.isGlobal(spec) ? option : "option " + option;
    }

    private static String helpOf(CommandSpec spec) {
        return GlobalOptions.isGlobal(spec) ? "'s3sh --help'" : "'help " + spec.name() + "'";
    }

    private static OptionSpec byName(List<OptionSpec> options, String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }

    private static OptionSpec byShort(List<OptionSpec> options, char c) {
        return options.stream().filter(o -> o.shortName() != null && o.shortName() == c).findFirst().orElse(null);
    }

    private static void put(Scan s, OptionSpec option, String value, CommandSpec spec, boolean strict) {
        if (option.value() != null && option.value().strict() && !option.value().choices().contains(value)) {
            if (strict) {
                throw new UsageException("--" + option.name() + " must be one of " + String.join(", ", option.value().choices())
                        + ", not '" + value + "'");
            }
            return;
        }
        List<String> list = s.values.computeIfAbsent(option.name(), k -> new ArrayList<>());
        if (value != null) {
            if (!option.repeatable()) list.clear();
            list.add(value);
        }
    }
}
