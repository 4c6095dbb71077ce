package dev.s3sh.command;

import java.io.PrintWriter;
import java.util.List;

/** Formats help: the command list and one command's page. */
final class HelpText {
    private HelpText() {
    }

    static void overview(PrintWriter out, CommandRegistry registry) {
        out.println("Commands (type 'help COMMAND' for details):");
        int width = registry.commands().stream().mapToInt(c -> c.spec().name().length()).max().orElse(8) + 2;
        for (Command c : registry.commands()) {
            out.printf("  %-" + width + "s%s%n", c.spec().name(), c.spec().summary());
        }
        out.println();
        out.println("Paths: s3://bucket/key, /bucket/key, or relative to the current location (.., .).");
        out.println("Every command takes --help, --output json and --yes.");
        out.flush();
    }

    static void command(PrintWriter out, CommandSpec spec) {
        out.println("usage: " + spec.synopsis());
        if (!spec.aliases().isEmpty()) out.println("aliases: " + String.join(", ", spec.aliases()));
        out.println();
        out.println(spec.summary());
        if (!spec.help().isEmpty()) {
            out.println();
            out.println(spec.help().strip());
        }
        List<OptionSpec> options = spec.options();
        if (!options.isEmpty()) {
            out.println();
            out.println("options:");
            for (OptionSpec o : options) {
                String left = (o.shortName() != null ? "" : "    ") + o.label();
                out.printf("  %-30s %s%n", left, o.help());
            }
        }
        out.flush();
    }
}
