package dev.s3sh.shell.commands;

import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.store.ObjectInfo;
import dev.s3sh.store.ObjectStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code cat} prints objects as UTF-8 text, refusing large ones without {@code --force};
 * {@code head -n N} prints the first lines and stops reading there.
 */
public final class CatCommand implements Command {
    static final long GUARD = 1L << 20;
    private final boolean head;

    private CatCommand(boolean head) {
        this.head = head;
    }

    public static CatCommand cat() {
        return new CatCommand(false);
    }

    public static CatCommand head() {
        return new CatCommand(true);
    }

    @Override
    public CommandSpec spec() {
        if (head) {
            return CommandSpec.builder("head")
                    .synopsis("head [-n LINES] PATH")
                    .summary("print the first lines of an object")
                    .help("Reads only as much of the object as the lines need. LINES defaults to 10.")
                    .option(new OptionSpec("lines", 'n', ValueKind.TEXT, false, "how many lines (default 10)"))
                    .positional(ValueKind.S3_PATH)
                    .build();
        }
        return CommandSpec.builder("cat")
                .synopsis("cat [--force] PATH...")
                .summary("print objects as text")
                .help("Prints each object as UTF-8 text. Objects above 1 MiB are refused unless --force: use get for files.")
                .option(OptionSpec.flag("force", 'f', "print objects above 1 MiB too"))
                .positional(ValueKind.S3_PATH).variadic()
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws IOException {
        if (args.positionals().isEmpty()) throw new UsageException(spec().name() + " needs an object: " + spec().synopsis());
        ObjectStore store = ctx.session().store();
        StringBuilder json = args.json() ? new StringBuilder() : null;
        int lines = head ? lines(args) : Integer.MAX_VALUE;
        for (String text : args.positionals()) {
            S3Path path = ctx.session().resolve(text);
            if (path.isRoot() || path.key().isEmpty()) throw new UsageException(spec().name() + " takes an object: s3://BUCKET/KEY");
            if (!head) {
                ObjectInfo info = store.stat(path.bucket(), path.key());
                if (info.size() > GUARD && !args.has("force")) {
                    throw new UsageException(path + " has " + ObjectInfo.humanSize(info.size())
                            + ": cat prints at most 1M without --force; use get to save it to a file");
                }
            }
            try (InputStream in = store.open(path.bucket(), path.key(), 0, -1);
                 Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                copy(ctx, reader, lines, json);
            }
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("text", json.toString());
            ctx.printJson(doc);
        }
        ctx.out().flush();
        return ExitCode.OK;
    }

    private static int lines(ParsedArgs args) {
        try {
            int n = Integer.parseInt(args.value("lines", "10"));
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("-n needs a number of lines such as 20");
        }
    }

    private static void copy(CommandContext ctx, Reader reader, int maxLines, StringBuilder json) throws IOException {
        char[] buf = new char[8192];
        int lines = 0;
        int n;
        while (lines < maxLines && (n = reader.read(buf)) > 0) {
            ObjectCommands.checkInterrupted();
            int end = n;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n' && ++lines == maxLines) {
                    end = i + 1;
                    break;
                }
            }
            if (json != null) json.append(buf, 0, end);
            else ctx.out().write(buf, 0, end);
        }
    }
}
