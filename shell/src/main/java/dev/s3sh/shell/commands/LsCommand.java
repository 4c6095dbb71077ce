package dev.s3sh.shell.commands;

import dev.s3sh.store.ObjectInfo;
import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.ObjectSummary;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code ls}: buckets at the root, one level of a prefix inside a bucket, or everything below with -r. */
public final class LsCommand implements Command {
    static final int PAGE = 1000;

    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("ls")
                .aliases("dir")
                .synopsis("ls [-l] [-r] [-h] [--etag] [PATH]")
                .summary("list buckets, or the prefixes and keys at a location")
                .help("""
                        At the root, lists buckets. Inside a bucket, lists one level: sub-prefixes (ending in /)
                        and keys. PATH defaults to the current location; a PATH that does not end in / lists the
                        keys and prefixes starting with it. -r lists every key below, page by page as they come.
                        PATH may end in a glob: ls s3://b/logs/2026-* (* and ? do not cross a /).""")
                .option(OptionSpec.flag("long", 'l', "show date, size and storage class"))
                .option(OptionSpec.flag("recursive", 'r', "list all keys below the location"))
                .option(OptionSpec.flag("human", 'h', "sizes as 1.5K, 20M, 3.1G (--help still shows help)"))
                .option(OptionSpec.flag("etag", null, "with -l, show each object's ETag"))
                .option(OptionSpec.value("page-size", ValueKind.TEXT, "keys asked for per request (default 1000)"))
                .positional(ValueKind.S3_PATH)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        S3Path path = ctx.session().resolve(args.positional(0, ""));
        ObjectStore store = ctx.session().store();
        if (path.isRoot()) return listBuckets(ctx, args, store);
        boolean recursive = args.has("recursive");
        boolean json = args.json();
        Pattern glob = ObjectCommands.expandsAsGlob(store, path) ? ObjectCommands.globPattern(path.key()) : null;
        int pageSize = pageSize(args);
        if (glob == null && !path.isDirectory() && !recursive && namesOnlyAPrefix(store, path)) path = path.asDirectory();
        // a key without trailing slash is a prefix filter at its parent level
        String prefix = glob != null ? ObjectCommands.globPrefix(path.key()) : path.key();
        String base = glob != null ? ObjectCommands.globBase(path.key()) : path.isDirectory() ? prefix : path.parentPrefix();
        PrintWriter out = ctx.out();
        // Page by page to the output, one write per page, so that memory stays flat however many
        // keys there are. JSON streams its objects too, from the first page that arrives (a bucket
        // that cannot be listed prints no half document); only a delimited listing's common
        // prefixes are kept for the end (a flat -r listing has none)
        List<String> prefixes = new ArrayList<>();
        String eol = System.lineSeparator();
        StringBuilder chunk = new StringBuilder();
        boolean started = false;
        int objects = 0;
        // the store may fetch the next page while this one is printed
        Iterator<ListPage> pages = store.pages(path.bucket(), prefix, recursive ? null : "/", pageSize);
        try {
            while (pages.hasNext()) {
                if (Thread.currentThread().isInterrupted()) {
                    if (json && started) out.println();
                    return ExitCode.FAILURE;
                }
                ListPage page = pages.next();
                if (json && !started) {
                    chunk.append("{\"location\":").append(CommandContext.json(new S3Path(path.bucket(), base).toString())).append(",\"objects\":[");
                }
                started = true;
                for (String p : page.prefixes()) {
                    if (glob != null && !glob.matcher(p.substring(0, p.length() - 1)).matches()) continue;
                    if (json) prefixes.add(p);
                    else chunk.append(line(args, null, S3Path.visible(relative(p, base)), true)).append(eol); // a key may hold ESC sequences
                }
                for (ObjectSummary o : page.objects()) {
                    if (glob != null && !(recursive ? globMatchesAncestor(glob, o.key()) : glob.matcher(o.key()).matches())) continue;
                    if (json) chunk.append(objects++ == 0 ? "" : ",").append(CommandContext.json(objectJson(o)));
                    else chunk.append(line(args, o, S3Path.visible(relative(o.key(), base)), false)).append(eol);
                }
                out.print(chunk); // the front ends' writers flush at every println: one print per page
                out.flush();
                chunk.setLength(0);
            }
        } catch (RuntimeException e) {
            // a listing cut short leaves its JSON unfinished (so no reader takes it for whole): end
            // the line, so that the error's own document stands on a line of its own
            if (json && started) out.println();
            throw e;
        }
        if (json) {
            out.println("],\"prefixes\":" + CommandContext.json(prefixes) + "}");
            out.flush();
        }
        return ExitCode.OK;
    }

    /** {@code ls images} means the prefix images/ when that is all the name matches, as in a file system. */
    private static boolean namesOnlyAPrefix(ObjectStore store, S3Path path) {
        ListPage probe = store.listPage(path.bucket(), path.key(), "/", 2, null);
        return probe.objects().isEmpty() && probe.prefixes().equals(List.of(path.key() + "/"));
    }

    private static int pageSize(ParsedArgs args) {
        try {
            int n = Integer.parseInt(args.value("page-size", Integer.toString(PAGE)));
            if (n < 1 || n > 1000) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--page-size must be a number from 1 to 1000");
        }
    }

    /** With -r a glob selects keys that match it or lie below a prefix that does. */
    private static boolean globMatchesAncestor(Pattern glob, String key) {
        if (glob.matcher(key).matches()) return true;
        for (int i = key.indexOf('/'); i >= 0; i = key.indexOf('/', i + 1)) {
            if (glob.matcher(key.substring(0, i)).matches()) return true;
        }
        return false;
    }

    private static String relative(String key, String base) {
        String name = key.startsWith(base) ? key.substring(base.length()) : key;
        return name.isEmpty() ? key : name;
    }

    private static String line(ParsedArgs args, ObjectSummary o, String name, boolean directory) {
        if (!args.has("long")) return name;
        boolean etag = args.has("etag");
        if (directory) {
            return String.format("%-16s  %10s  %-8s  %s%s", "", "DIR", "", etag ? String.format("%-34s  ", "") : "", name);
        }
        String size = args.has("human") ? ObjectInfo.humanSize(o.size()) : Long.toString(o.size());
        String storageClass = o.storageClass() == null ? "STANDARD" : o.storageClass();
        String tag = etag ? String.format("%-34s  ", o.etag() == null ? "" : o.etag().replace("\"", "")) : "";
        return String.format("%s  %10s  %-8s  %s%s", Formats.date(o.lastModified()), size, storageClass, tag, name);
    }

    private static Map<String, Object> objectJson(ObjectSummary o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", o.key());
        m.put("size", o.size());
        m.put("lastModified", o.lastModified() == null ? null : o.lastModified().toString());
        m.put("storageClass", o.storageClass());
        m.put("etag", o.etag() == null ? null : o.etag().replace("\"", ""));
        return m;
    }

    private int listBuckets(CommandContext ctx, ParsedArgs args, ObjectStore store) {
        List<BucketSummary> buckets = store.listBuckets();
        if (args.json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (BucketSummary b : buckets) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", b.name());
                m.put("created", b.created() == null ? null : b.created().toString());
                list.add(m);
            }
            ctx.printJson(Map.of("buckets", list));
            return ExitCode.OK;
        }
        for (BucketSummary b : buckets) {
            ctx.out().println(S3Path.visible(args.has("long") ? Formats.date(b.created()) + "  s3://" + b.name() + "/" : b.name() + "/"));
        }
        ctx.out().flush();
        return ExitCode.OK;
    }
}
