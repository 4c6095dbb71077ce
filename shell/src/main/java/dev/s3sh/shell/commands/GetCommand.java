package dev.s3sh.shell.commands;

import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.Progress;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.store.ObjectInfo;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;
import dev.s3sh.store.Transfers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code get SRC... [DEST]}: downloads objects to local files, verified against their ETags. */
public final class GetCommand implements Command {
    @Override
    public CommandSpec spec() {
        CommandSpec.Builder b = CommandSpec.builder("get")
                .aliases("download")
                .synopsis("get [-r] SRC... [DEST | -]")
                .summary("download objects to local files")
                .help("""
                        SRC is an object, a glob (s3://b/logs/2026-*.gz) or with -r a prefix; DEST is a local file
                        or folder (default: the working folder). Large objects come in parallel parts; each is
                        checked against the object's ETag (MD5). The file is written as DEST.part-XXXX and renamed
                        when complete, so Ctrl-C never leaves a partial file under the final name.
                        DEST '-' writes one object's bytes to standard output (one-shot and scripts, not the
                        REPL), e.g. s3sh get s3://b/logs.tar.gz - | tar xz; its MD5 is checked against a plain
                        ETag at the end.""")
                .option(ObjectCommands.RECURSIVE);
        ObjectCommands.TRANSFER_OPTIONS.forEach(b::option);
        return b.positional(ValueKind.S3_PATH).positional(ValueKind.LOCAL_FILE).variadic().build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws IOException {
        List<String> pos = args.positionals();
        if (pos.isEmpty()) throw new UsageException("get needs an object: get s3://BUCKET/KEY [DEST]");
        List<String> sources = pos.size() == 1 ? pos : pos.subList(0, pos.size() - 1);
        String destText = pos.size() == 1 ? "." : pos.get(pos.size() - 1);
        if (destText.equals("-")) return toStandardOutput(ctx, args, sources);
        Path dest = ObjectCommands.localPath(destText);
        boolean recursive = args.has("recursive");
        ObjectStore store = ctx.session().store();
        boolean many = recursive || sources.size() > 1 || sources.stream().anyMatch(s -> ObjectCommands.expandsAsGlob(store, ctx.session().resolve(s)));
        boolean destIsDir = Files.isDirectory(dest) || destText.endsWith("/") || many;
        if (many && Files.exists(dest) && !Files.isDirectory(dest)) {
            throw new UsageException(dest + " is a file: several objects need a folder as DEST");
        }
        Transfers transfers = ObjectCommands.transfers(ctx, args);
        List<Map<String, Object>> done = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long[] total = {0};
        for (String source : sources) {
            S3Path path = ctx.session().resolve(source);
            ObjectCommands.forEachSource(store, path, recursive, match -> {
                String key = match.object().key();
                if (match.relative().isEmpty() || key.endsWith("/")) return; // folder markers have no file
                Path target = destIsDir ? dest.resolve(match.relative()).normalize() : dest;
                if (!target.startsWith(dest.normalize())) {
                    skipped.add(key);
                    ctx.err().println("skipped " + dev.s3sh.session.S3Path.visible(ObjectCommands.url(path.bucket(), key))
                            + ": its name would leave " + dest + " (.. segments)");
                    return;
                }
                ObjectInfo info = match.info(store, path.bucket());
                Transfers.Result r = download(ctx, args, transfers, info, target);
                total[0] += r.bytes();
                done.add(TransferJson.of(ObjectCommands.url(path.bucket(), key), target.toString(), r));
                if (!args.json()) {
                    ctx.report(dev.s3sh.session.S3Path.visible(ObjectCommands.url(path.bucket(), key) + " -> " + target) + "  " + TransferJson.summary(r));
                    ctx.out().flush();
                }
            });
        }
        if (args.json()) ctx.printJson(TransferJson.document(done, total[0], skipped));
        return skipped.isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
    }

    /** {@code get SRC -}: one object's bytes to standard output. */
    private static int toStandardOutput(CommandContext ctx, ParsedArgs args, List<String> sources) {
        OutputStream raw = ctx.rawOut().orElseThrow(() -> new UsageException(
                "get SRC - writes to standard output, which the interactive shell does not give: run it one-shot, "
                        + "e.g. s3sh get SRC - | ..."));
        ObjectStore store = ctx.session().store();
        S3Path path = sources.size() == 1 ? ctx.session().resolve(sources.get(0)) : null;
        if (path == null || args.has("recursive") || path.isDirectory() || ObjectCommands.expandsAsGlob(store, path)) {
            throw new UsageException("get SRC - writes one object: name a single s3://BUCKET/KEY");
        }
        ObjectInfo info = store.stat(path.bucket(), path.key());
        ctx.out().flush();
        Transfers.Result r = ObjectCommands.transfers(ctx, args).stream(info, raw);
        // the report goes to the error stream: standard output holds the object
        if (!args.json()) ctx.notice(dev.s3sh.session.S3Path.visible(ObjectCommands.url(path.bucket(), path.key())) + " -> -  " + TransferJson.summary(r));
        return ExitCode.OK;
    }

    private static Transfers.Result download(CommandContext ctx, ParsedArgs args, Transfers transfers, ObjectInfo info, Path target) {
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new StoreException("LocalFile", 0, "cannot create folder " + target.getParent() + ": " + e.getMessage());
        }
        Progress progress = ctx.progress(args, ObjectCommands.basename(info.key()), info.size());
        try {
            return transfers.download(info, target, progress);
        } finally {
            progress.done();
        }
    }
}
