package dev.s3sh.shell.commands;

import dev.s3sh.store.ObjectInfo;
import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.ValueKind;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.ObjectStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code du}: bytes and objects per sub-prefix and in total. One flat listing; since keys come in
 * order, each sub-prefix is printed as soon as the listing moves past it (memory: one page).
 */
public final class DuCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("du")
                .synopsis("du [-h] [PATH]")
                .summary("space used per prefix")
                .help("""
                        Sums sizes below PATH (default: the current location), one line per sub-prefix as the
                        listing goes, then the total. At the root, one line per bucket.""")
                .option(OptionSpec.flag("human", 'h', "sizes as 1.5K, 20M, 3.1G"))
                .positional(ValueKind.S3_PATH)
                .build();
    }

    private record Line(String name, long bytes, long objects) {
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        S3Path path = ctx.session().resolve(args.positional(0, ""));
        ObjectStore store = ctx.session().store();
        List<Map<String, Object>> json = new ArrayList<>();
        long totalBytes = 0, totalObjects = 0;
        if (path.isRoot()) {
            for (BucketSummary b : store.listBuckets()) {
                long[] sum = {0, 0};
                ObjectCommands.forEachObject(store, b.name(), "", o -> {
                    sum[0] += o.size();
                    sum[1]++;
                });
                emit(ctx, args, json, new Line("s3://" + b.name() + "/", sum[0], sum[1]));
                totalBytes += sum[0];
                totalObjects += sum[1];
            }
        } else {
            String prefix = path.isDirectory() ? path.key() : path.asDirectory().key();
            String base = new S3Path(path.bucket(), prefix).toString();
            long[] here = {0, 0}, current = {0, 0}, total = {0, 0};
            String[] currentName = {null};
            ObjectCommands.forEachObject(store, path.bucket(), prefix, o -> {
                String rest = o.key().substring(prefix.length());
                int slash = rest.indexOf('/');
                total[0] += o.size();
                total[1]++;
                if (slash < 0) {
                    here[0] += o.size();
                    here[1]++;
                    return;
                }
                String sub = rest.substring(0, slash + 1);
                if (!sub.equals(currentName[0])) {
                    if (currentName[0] != null) emit(ctx, args, json, new Line(base + currentName[0], current[0], current[1]));
                    currentName[0] = sub;
                    current[0] = 0;
                    current[1] = 0;
                }
                current[0] += o.size();
                current[1]++;
            });
            if (currentName[0] != null) emit(ctx, args, json, new Line(base + currentName[0], current[0], current[1]));
            if (here[1] > 0) emit(ctx, args, json, new Line(base + " (objects directly here)", here[0], here[1]));
            totalBytes = total[0];
            totalObjects = total[1];
        }
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("location", path.isRoot() ? path.toString() : path.asDirectory().toString());
            doc.put("prefixes", json);
            doc.put("bytes", totalBytes);
            doc.put("objects", totalObjects);
            ctx.printJson(doc);
        } else {
            ctx.out().println(format(args, new Line("total", totalBytes, totalObjects)));
            ctx.out().flush();
        }
        return ExitCode.OK;
    }

    private static void emit(CommandContext ctx, ParsedArgs args, List<Map<String, Object>> json, Line line) {
        if (args.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prefix", line.name());
            m.put("bytes", line.bytes());
            m.put("objects", line.objects());
            json.add(m);
        } else {
            ctx.out().println(format(args, line));
            ctx.out().flush();
        }
    }

    private static String format(ParsedArgs args, Line line) {
        String size = args.has("human") ? ObjectInfo.humanSize(line.bytes()) : Long.toString(line.bytes());
        return String.format("%12s  %8d objects  %s", size, line.objects(), dev.s3sh.session.S3Path.visible(line.name()));
    }
}
