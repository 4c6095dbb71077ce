package dev.s3sh.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code S3SH_*} environment variables for s3sh's global options, derived from {@link GlobalOptions#SPEC}
 * so that a new option gets its variable without a second list: {@code --ca-bundle} is
 * {@code S3SH_CA_BUNDLE}. The command line wins over the environment, which wins over the files.
 */
public final class GlobalOptionEnvironment {
    /** Options that ask for an answer instead of setting how s3sh runs. */
    private static final List<String> NOT_FROM_ENVIRONMENT = List.of("help", "version");

    private GlobalOptionEnvironment() {
    }

    /** The variable of one option, e.g. {@code S3SH_PATH_STYLE}. */
    public static String variable(OptionSpec option) {
        return "S3SH_" + option.name().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Every option that has a variable, in the spec's order. */
    public static List<OptionSpec> options() {
        return GlobalOptions.SPEC.allOptions().stream().filter(o -> !NOT_FROM_ENVIRONMENT.contains(o.name())).toList();
    }

    /**
     * The words the environment adds before the command line's own, for the options the command line
     * does not give. A flag's variable is a yes/no value; anything else is a {@link UsageException}.
     */
    public static List<String> words(Map<String, String> env, ParsedArgs given) {
        List<String> words = new ArrayList<>();
        for (OptionSpec o : options()) {
            String value = env.get(variable(o));
            if (value == null || value.isBlank() || given.has(o.name())) continue;
            if (o.takesValue()) {
                words.add("--" + o.name());
                words.add(value.strip());
            } else {
                switch (value.strip().toLowerCase(Locale.ROOT)) {
                    case "1", "true", "yes", "on" -> words.add("--" + o.name());
                    case "0", "false", "no", "off" -> { /* switched off: nothing to add */ }
                    default -> throw new UsageException(variable(o) + " is '" + value.strip()
                            + "', but --" + o.name() + " is a switch: set it to 1 or 0");
                }
            }
        }
        return words;
    }
}
