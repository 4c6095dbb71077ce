package dev.s3sh.shell.commands;

import dev.s3sh.store.ObjectInfo;
import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.store.ObjectStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code rm}: deletes objects; a prefix (-r) or a glob is counted first and confirmed. */
public final class RmCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("rm")
                .aliases("del")
                .synopsis("rm [-r] PATH...")
                .summary("delete objects")
                .help("""
                        Deletes the named objects. With -r, deletes everything below each prefix; with a glob
                        (s3://b/logs/2025-*), every matching key. Those are counted first and you are asked
                        (--yes answers for scripts). Deletes go 1000 keys per request.""")
                .option(ObjectCommands.RECURSIVE)
                .positional(ValueKind.S3_PATH).variadic()
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        if (args.positionals().isEmpty()) throw new UsageException("rm needs what to delete: rm s3://BUCKET/KEY, or rm -r PREFIX");
        ObjectStore store = ctx.session().store();
        boolean recursive = args.has("recursive");
        long deleted = 0;
        List<String> failed = new ArrayList<>();
        for (String text : args.positionals()) {
            S3Path path = ctx.session().resolve(text);
            if (path.isRoot()) throw new UsageException("rm needs a bucket and key; to delete a bucket use rb");
            boolean glob = ObjectCommands.expandsAsGlob(store, path);
            if (!recursive && !glob) {
                if (path.key().isEmpty()) throw new UsageException(path + " is a bucket: rm -r deletes its objects, rb the bucket");
                store.stat(path.bucket(), path.key()); // a plain rm of a missing key is an error, as in s3cmd
                store.deleteObject(path.bucket(), path.key());
                deleted++;
                if (!args.json()) ctx.report("deleted " + dev.s3sh.session.S3Path.visible(path.toString()));
            } else {
                long[] count = {0}, bytes = {0};
                ObjectCommands.forEachSource(store, path, recursive, m -> {
                    count[0]++;
                    bytes[0] += m.object().size();
                });
                String what = glob ? "matching " + path : "under " + path.asDirectory();
                if (count[0] == 0) {
                    if (!args.json()) ctx.report("nothing " + what);
                    continue;
                }
                if (!ctx.confirm(args, "delete " + count[0] + " objects (" + ObjectInfo.humanSize(bytes[0]) + ") " + what)) {
                    ctx.err().println("nothing deleted");
                    return ExitCode.FAILURE;
                }
                List<String> batch = new ArrayList<>();
                long[] done = {0};
                ObjectCommands.forEachSource(store, path, recursive, m -> {
                    batch.add(m.object().key());
                    if (batch.size() == 1000) done[0] += flush(store, path.bucket(), batch, failed);
                });
                done[0] += flush(store, path.bucket(), batch, failed);
                deleted += done[0];
                if (!args.json()) ctx.report("deleted " + done[0] + " objects " + what);
            }
            ctx.session().invalidateListings(path.bucket(), path.parentPrefix());
        }
        for (String f : failed) ctx.err().println("not deleted: " + dev.s3sh.session.S3Path.visible(f));
        if (args.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("deleted", deleted);
            doc.put("failed", failed);
            ctx.printJson(doc);
        }
        ctx.out().flush();
        return failed.isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static long flush(ObjectStore store, String bucket, List<String> batch, List<String> failed) {
        if (batch.isEmpty()) return 0;
        ObjectCommands.checkInterrupted();
        List<String> errors = store.deleteObjects(bucket, batch);
        failed.addAll(errors);
        long n = batch.size() - errors.size();
        batch.clear();
        return n;
    }

}
