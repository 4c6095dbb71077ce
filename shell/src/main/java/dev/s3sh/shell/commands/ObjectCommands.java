package dev.s3sh.shell.commands;

import dev.s3sh.session.S3Path;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectInfo;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.ObjectSummary;
import dev.s3sh.store.StoreException;
import dev.s3sh.store.Transfers;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** What the object commands share: transfer options, sizes, local paths, listing walks and globs. */
final class ObjectCommands {
    static final OptionSpec RECURSIVE = OptionSpec.flag("recursive", 'r', "everything below the prefix");
    static final List<OptionSpec> TRANSFER_OPTIONS = List.of(
            OptionSpec.value("multipart-threshold", ValueKind.TEXT, "use multipart above this size (default 16M)"),
            OptionSpec.value("part-size", ValueKind.TEXT, "size of each part (default 16M, at least 5M)"),
            OptionSpec.value("threads", ValueKind.TEXT, "parts transferred at once (default 4)"));

    private ObjectCommands() {
    }

    static Transfers transfers(CommandContext ctx, ParsedArgs args) {
        Transfers.Options d = Transfers.Options.DEFAULT;
        long threshold = parseSize(args.value("multipart-threshold", null), d.threshold(), "--multipart-threshold");
        long partSize = parseSize(args.value("part-size", null), d.partSize(), "--part-size");
        int threads;
        try {
            threads = Integer.parseInt(args.value("threads", Integer.toString(d.threads())));
        } catch (NumberFormatException e) {
            throw new UsageException("--threads needs a whole number such as 4");
        }
        if (threads < 1 || threads > 64) throw new UsageException("--threads must be between 1 and 64");
        if (partSize < 5L << 20) throw new UsageException("--part-size must be at least 5M (an S3 rule)");
        return new Transfers(ctx.session().store(), new Transfers.Options(threshold, partSize, threads));
    }

    /** "16M", "5MiB", "1g", "1048576" → bytes. */
    static long parseSize(String text, long fallback, String option) {
        if (text == null) return fallback;
        var m = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE).matcher(text.trim());
        if (!m.matches()) throw new UsageException(option + " needs a size such as 16M or 1G, not '" + text + "'");
        double value = Double.parseDouble(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return (long) (value * (1L << shift));
    }

    /** A local path as typed: {@code ~} is the home folder, relative paths start at the working folder. */
    static Path localPath(String text) {
        if (text.equals("~")) return Path.of(System.getProperty("user.home"));
        if (text.startsWith("~/")) return Path.of(System.getProperty("user.home"), text.substring(2));
        return Path.of(text).toAbsolutePath();
    }

    static String basename(String key) {
        String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return k.substring(k.lastIndexOf('/') + 1);
    }

    static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) throw new StoreException("Interrupted", 0, "interrupted");
    }

    /** Every page of a listing in order, checking for Ctrl-C between pages. Memory: one page. */
    static void forEachPage(ObjectStore store, String bucket, String prefix, String delimiter, Consumer<ListPage> action) {
        String token = null;
        do {
            checkInterrupted();
            ListPage page = store.listPage(bucket, prefix, delimiter, 1000, token);
            action.accept(page);
            token = page.nextToken();
        } while (token != null);
    }

    static void forEachObject(ObjectStore store, String bucket, String prefix, Consumer<ObjectSummary> action) {
        forEachPage(store, bucket, prefix, null, page -> page.objects().forEach(action));
    }

    // ------------------------------------------------------------------ globs

    /** True when the key has a wildcard: {@code *} (any run of characters but /) or {@code ?} (one). */
    static boolean isGlob(String key) {
        return key.indexOf('*') >= 0 || key.indexOf('?') >= 0;
    }

    /**
     * True when {@code path} is to be expanded as a glob: it has a wildcard and no object has exactly
     * that name (so a key that really contains ? or * still names itself).
     */
    static boolean expandsAsGlob(ObjectStore store, S3Path path) {
        if (path.isRoot() || !isGlob(path.key())) return false;
        try {
            store.stat(path.bucket(), path.key());
            return false;
        } catch (StoreException e) {
            if ("NoSuchKey".equals(e.code())) return true;
            throw e;
        }
    }

    /** The folder part before the first wildcard's segment: what a listing can use as prefix. */
    static String globBase(String key) {
        int wild = firstWildcard(key);
        return key.substring(0, key.lastIndexOf('/', wild) + 1);
    }

    /** The literal text before the first wildcard: the narrowest prefix to list. */
    static String globPrefix(String key) {
        return key.substring(0, firstWildcard(key));
    }

    private static int firstWildcard(String key) {
        int star = key.indexOf('*'), q = key.indexOf('?');
        return star < 0 ? q : q < 0 ? star : Math.min(star, q);
    }

    static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') re.append("[^/]*");
            else if (c == '?') re.append("[^/]");
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    // ------------------------------------------------------------------ sources

    /**
     * One object a command acts on, with its name relative to what the user named (for destinations),
     * and its stat when naming it took one ({@code stated}, else null: listed objects).
     */
    record Match(ObjectSummary object, String relative, ObjectInfo stated) {
        Match(ObjectSummary object, String relative) {
            this(object, relative, null);
        }

        /** The object's full stat (size, ETag, part layout), asked only if naming it did not already. */
        ObjectInfo info(ObjectStore store, String bucket) {
            return stated != null ? stated : store.stat(bucket, object.key());
        }
    }

    /**
     * The objects {@code path} names: the keys matching a glob, everything below the prefix with
     * {@code recursive}, else the one object (which must exist). Streams page by page.
     */
    static void forEachSource(ObjectStore store, S3Path path, boolean recursive, Consumer<Match> action) {
        if (path.isRoot()) throw new UsageException("name a bucket: s3://BUCKET/KEY");
        String key = path.key();
        if (expandsAsGlob(store, path)) {
            Pattern pattern = globPattern(key);
            String base = globBase(key);
            forEachPage(store, path.bucket(), globPrefix(key), null, page -> {
                for (ObjectSummary o : page.objects()) {
                    if (pattern.matcher(o.key()).matches()) action.accept(new Match(o, o.key().substring(base.length())));
                }
            });
            return;
        }
        if (recursive) {
            String prefix = path.asDirectory().key();
            forEachObject(store, path.bucket(), prefix, o -> action.accept(new Match(o, o.key().substring(prefix.length()))));
            return;
        }
        if (key.isEmpty()) throw new UsageException(path + " is a bucket: add -r to act on everything in it");
        ObjectInfo info;
        try {
            info = store.stat(path.bucket(), key);
        } catch (StoreException e) {
            if ("NoSuchKey".equals(e.code()) && isPrefix(store, path)) {
                throw new UsageException(path.asDirectory() + " is a prefix, not an object: add -r for everything below it");
            }
            throw e;
        }
        action.accept(new Match(new ObjectSummary(key, info.size(), info.lastModified(), info.storageClass(), info.etag()),
                basename(key), info));
    }

    /** True when something is stored below {@code path} taken as a prefix. */
    static boolean isPrefix(ObjectStore store, S3Path path) {
        ListPage page = store.listPage(path.bucket(), path.asDirectory().key(), "/", 1, null);
        return !page.objects().isEmpty() || !page.prefixes().isEmpty();
    }

    /** "s3://b/k" for messages and JSON. */
    static String url(String bucket, String key) {
        return new S3Path(bucket, key).toString();
    }
}
