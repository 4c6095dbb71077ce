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
import dev.s3sh.store.Transfers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.PosixFilePermissions;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@code put SRC... [DEST]}: uploads local files, multipart above a threshold, every part checked. */
public final class PutCommand implements Command {
    @Override
    public CommandSpec spec() {
        CommandSpec.Builder b = CommandSpec.builder("put")
                .aliases("upload")
                .synopsis("put [-r] SRC... [DEST] | put - s3://BUCKET/KEY")
                .summary("upload local files")
                .help("""
                        DEST is a key, or a prefix ending in / (default: the current location), under which each
                        file keeps its name. With -r, SRC is a folder whose files go below DEST with their relative
                        paths. Files above the multipart threshold go in parallel parts; each part's ETag is
                        compared with the MD5 of what was sent. Ctrl-C aborts the multipart upload.
                        SRC '-' uploads standard input to one key (one-shot runs: tar c dir | s3sh put - s3://b/d.tar);
                        it is read one part at a time into a private temporary file and sent part by part.""")
                .option(ObjectCommands.RECURSIVE)
                .option(OptionSpec.value("content-type", ValueKind.TEXT, "Content-Type to store (default: guessed from the name)"));
        ObjectCommands.TRANSFER_OPTIONS.forEach(b::option);
        return b.positional(ValueKind.LOCAL_FILE).positional(ValueKind.S3_PATH).variadic().build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws IOException {
        List<String> pos = args.positionals();
        if (pos.isEmpty()) throw new UsageException("put needs a file: put FILE [s3://BUCKET/KEY]");
        List<String> sources = pos.size() == 1 ? pos : pos.subList(0, pos.size() - 1);
        S3Path dest = pos.size() == 1 ? ctx.session().cwd() : ctx.session().resolve(pos.get(pos.size() - 1));
        if (dest.isRoot()) throw new UsageException("put needs a bucket: give s3://BUCKET/KEY or cd into a bucket first");
        if (sources.equals(List.of("-"))) return fromStandardInput(ctx, args, dest);
        boolean recursive = args.has("recursive");
        boolean destIsPrefix = dest.isDirectory() || sources.size() > 1 || recursive;
        String prefix = dest.isDirectory() ? dest.key() : dest.key() + "/";
        Transfers transfers = ObjectCommands.transfers(ctx, args);
        List<Map<String, Object>> done = new ArrayList<>();
        long total = 0;
        for (String source : sources) {
            Path src = ObjectCommands.localPath(source);
            if (Files.isDirectory(src)) {
                if (!recursive) throw new UsageException(src + " is a folder: add -r to upload what it holds");
                List<Path> files;
                try (Stream<Path> walk = Files.walk(src)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    String relative = src.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    total += upload(ctx, args, transfers, file, dest.bucket(), prefix + relative, done);
                }
            } else if (Files.isRegularFile(src)) {
                String key = destIsPrefix ? prefix + src.getFileName() : dest.key();
                total += upload(ctx, args, transfers, src, dest.bucket(), key, done);
            } else {
                throw new UsageException(src + " does not exist or is not a regular file");
            }
        }
        ctx.session().invalidateListings(dest.bucket(), destIsPrefix ? prefix : dest.parentPrefix());
        if (args.json()) ctx.printJson(TransferJson.document(done, total, List.of()));
        return ExitCode.OK;
    }

    /** {@code put - s3://BUCKET/KEY}: standard input to one object. */
    private static int fromStandardInput(CommandContext ctx, ParsedArgs args, S3Path dest) throws IOException {
        InputStream in = ctx.rawIn().orElseThrow(() -> new UsageException(
                "put - reads standard input, which only a one-shot run gives: e.g. tar c dir | s3sh put - s3://BUCKET/KEY"));
        if (dest.isDirectory() || args.has("recursive")) {
            throw new UsageException("put - writes one object: give its key, e.g. s3://" + dest.bucket() + "/name");
        }
        String type = args.value("content-type", "application/octet-stream");
        Path spool = Files.createTempFile("s3sh-put-", ".part", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Progress progress = ctx.progress(args, ObjectCommands.basename(dest.key()), 0);
        Transfers.Result r;
        try {
            r = ObjectCommands.transfers(ctx, args).upload(in, spool, dest.bucket(), dest.key(), type, progress);
        } finally {
            progress.done();
            Files.deleteIfExists(spool);
        }
        ctx.session().invalidateListings(dest.bucket(), dest.parentPrefix());
        String url = ObjectCommands.url(dest.bucket(), dest.key());
        if (args.json()) ctx.printJson(TransferJson.document(List.of(TransferJson.of("-", url, r)), r.bytes(), List.of()));
        else ctx.report("- -> " + dev.s3sh.session.S3Path.visible(url) + "  " + TransferJson.summary(r));
        return ExitCode.OK;
    }

    private static long upload(CommandContext ctx, ParsedArgs args, Transfers transfers, Path file, String bucket, String key,
                               List<Map<String, Object>> done) throws IOException {
        ObjectCommands.checkInterrupted();
        String type = args.value("content-type", null);
        if (type == null) type = URLConnection.guessContentTypeFromName(file.getFileName().toString());
        if (type == null) type = "application/octet-stream";
        Progress progress = ctx.progress(args, file.getFileName().toString(), Files.size(file));
        Transfers.Result r;
        try {
            r = transfers.upload(file, bucket, key, type, progress);
        } finally {
            progress.done();
        }
        String url = ObjectCommands.url(bucket, key);
        done.add(TransferJson.of(file.toString(), url, r));
        if (!args.json()) {
            ctx.report(dev.s3sh.session.S3Path.visible(file + " -> " + url) + "  " + TransferJson.summary(r));
            ctx.out().flush();
        }
        return r.bytes();
    }
}
