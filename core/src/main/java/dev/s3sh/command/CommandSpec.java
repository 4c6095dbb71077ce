package dev.s3sh.command;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command is, for the registry, help and completion: its name (one or two words, e.g.
 * "cors show"), aliases, synopsis, a one-line summary, help text, options and positional kinds.
 * The last positional kind repeats when {@code variadic} is set.
 */
public record CommandSpec(String name, List<String> aliases, String synopsis, String summary, String help,
                          List<OptionSpec> options, List<ValueKind> positionals, boolean variadic) {

    /** Options every command accepts. */
    public static final List<OptionSpec> GLOBAL_OPTIONS = List.of(
            new OptionSpec("output", 'o', ValueKind.OUTPUT_FORMAT, false,
                    "output format: text (default), json, xml, table or csv where the command supports it"),
            OptionSpec.flag("yes", 'y', "answer yes to confirmations (needed when input is not a terminal)"),
            OptionSpec.flag("help", 'h', "show this help"));

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Own options followed by the global ones. */
    public List<OptionSpec> allOptions() {
        List<OptionSpec> all = new ArrayList<>(options);
        all.addAll(GLOBAL_OPTIONS);
        return all;
    }

    public static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private String synopsis;
        private String summary = "";
        private String help = "";
        private final List<OptionSpec> options = new ArrayList<>();
        private final List<ValueKind> positionals = new ArrayList<>();
        private boolean variadic;

        private Builder(String name) {
            this.name = name;
            this.synopsis = name;
        }

        public Builder aliases(String... names) {
            aliases.addAll(List.of(names));
            return this;
        }

        public Builder synopsis(String text) {
            this.synopsis = text;
            return this;
        }

        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        public Builder help(String text) {
            this.help = text;
            return this;
        }

        public Builder option(OptionSpec option) {
            options.add(option);
            return this;
        }

        public Builder positional(ValueKind kind) {
            positionals.add(kind);
            return this;
        }

        public Builder variadic() {
            this.variadic = true;
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(name, aliases, synopsis, summary, help, options, positionals, variadic);
        }
    }
}
