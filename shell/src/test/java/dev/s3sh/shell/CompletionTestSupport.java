package dev.s3sh.shell;

import dev.s3sh.completions.*;

import dev.s3sh.shell.ShellCompleter;

import dev.s3sh.config.Profile;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.shell.Repl;
import dev.s3sh.command.ValueKind;
import dev.s3sh.shell.commands.BuiltinCommands;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Shared pieces of the completion tests: a registry with commands as colleagues will add them, and Tab through JLine's parser. */
public final class CompletionTestSupport {
    public static final ValueKind TEMPLATE = ValueKind.provided("template");

    private CompletionTestSupport() {
    }

    public static Profile profile() {
        return new Profile("test", URI.create("http://127.0.0.1:9"), "us-east-1", "AKTEST", "not-a-real-secret",
                null, true, "rgw");
    }

    /**
     * A few fixed specs shaped like real ones (cors …, profile use, put), unknown to the completer,
     * plus every built-in command whose name they do not take: the tests do not change when the
     * real commands of those names change.
     */
    public static CommandRegistry registry() {
        CommandRegistry registry = fakes();
        for (Command real : BuiltinCommands.registry().commands()) {
            CommandSpec spec = real.spec();
            boolean taken = registry.find(spec.name()).isPresent()
                    || spec.aliases().stream().anyMatch(a -> registry.find(a).isPresent());
            if (!taken) registry.register(real);
        }
        return registry;
    }

    private static CommandRegistry fakes() {
        return new CommandRegistry()
                .register(fake(CommandSpec.builder("cors show").positional(ValueKind.BUCKET)))
                .register(fake(CommandSpec.builder("cors set").positional(ValueKind.BUCKET).positional(ValueKind.LOCAL_FILE)))
                .register(fake(CommandSpec.builder("cors check")
                        .option(OptionSpec.value("file", ValueKind.LOCAL_FILE, "rules file"))
                        .option(OptionSpec.repeated("method", ValueKind.HTTP_METHOD, "method"))
                        .option(OptionSpec.value("dialect", ValueKind.DIALECT, "dialect"))
                        .option(OptionSpec.value("template", TEMPLATE, "template"))
                        .option(OptionSpec.repeated("header", ValueKind.TEXT, "header"))
                        .option(OptionSpec.flag("actual", null, "actual request"))
                        .positional(ValueKind.S3_PATH)))
                .register(fake(CommandSpec.builder("profile use").positional(ValueKind.PROFILE)))
                .register(fake(CommandSpec.builder("put").positional(ValueKind.LOCAL_FILE).positional(ValueKind.S3_PATH)));
    }

    private static Command fake(CommandSpec.Builder builder) {
        CommandSpec spec = builder.build();
        return new Command() {
            @Override
            public CommandSpec spec() {
                return spec;
            }

            @Override
            public int run(CommandContext ctx, ParsedArgs args) {
                return 0;
            }
        };
    }

    /** Presses Tab at the end of {@code line}: JLine's parser splits it, the completer answers. */
    public static List<Candidate> tab(ShellCompleter completer, String line) {
        ParsedLine parsed = Repl.parser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, parsed, candidates);
        return candidates;
    }

    public static List<String> values(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::value).toList();
    }
}
