package dev.s3sh.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GNU-style option parsing against a {@link CommandSpec}: {@code --name value}, {@code --name=value},
 * {@code -x}, bundled short flags {@code -lr}, and {@code --} to end options. Options may stand
 * anywhere on the line. A number like {@code -5} is a positional, not an option.
 */
public final class ArgParser {
    private ArgParser() {
    }

    public static ParsedArgs parse(CommandSpec spec, List<String> words) {
        List<OptionSpec> options = spec.allOptions();
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (optionsEnded || word.equals("-") || !word.startsWith("-") || word.matches("-\\d.*")) {
                positionals.add(word);
                continue;
            }
            if (word.equals("--")) {
                optionsEnded = true;
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
                OptionSpec option = find(options, name, spec);
                String value = null;
                if (option.takesValue()) {
                    if (inline != null) {
                        value = inline;
                    } else if (i + 1 < words.size()) {
                        value = words.get(++i);
                    } else {
                        throw new UsageException("option --" + name + " needs a value: see 'help " + spec.name() + "'");
                    }
                } else if (inline != null) {
                    throw new UsageException("option --" + name + " takes no value: see 'help " + spec.name() + "'");
                }
                put(values, option, value, spec);
                continue;
            }
            // short options, possibly bundled: -lr, or -o json
            for (int c = 1; c < word.length(); c++) {
                char ch = word.charAt(c);
                OptionSpec option = options.stream()
                        .filter(o -> o.shortName() != null && o.shortName() == ch)
                        .findFirst()
                        .orElseThrow(() -> new UsageException("unknown option -" + ch + " for '" + spec.name()
                                + "': see 'help " + spec.name() + "'"));
                if (option.takesValue()) {
                    String value;
                    if (c + 1 < word.length()) {
                        value = word.substring(c + 1);
                    } else if (i + 1 < words.size()) {
                        value = words.get(++i);
                    } else {
                        throw new UsageException("option -" + ch + " needs a value: see 'help " + spec.name() + "'");
                    }
                    put(values, option, value, spec);
                    break;
                }
                put(values, option, null, spec);
            }
        }
        return new ParsedArgs(values, positionals);
    }

    private static OptionSpec find(List<OptionSpec> options, String name, CommandSpec spec) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new UsageException("unknown option --" + name + " for '" + spec.name()
                        + "': see 'help " + spec.name() + "'"));
    }

    private static void put(Map<String, List<String>> values, OptionSpec option, String value, CommandSpec spec) {
        if (option.value() != null && option.value().strict() && !option.value().choices().contains(value)) {
            throw new UsageException("--" + option.name() + " must be one of " + String.join(", ", option.value().choices())
                    + ", not '" + value + "'");
        }
        List<String> list = values.computeIfAbsent(option.name(), k -> new ArrayList<>());
        if (value != null) {
            if (!option.repeatable()) list.clear();
            list.add(value);
        }
    }
}
