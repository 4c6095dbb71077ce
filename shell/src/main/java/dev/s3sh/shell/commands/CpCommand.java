package dev.s3sh.shell.commands;

import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.Progress;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.store.ObjectInfo;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.Transfers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code cp} and {@code mv} inside the store: server-side copies (multipart copy above the
 * threshold), nothing passes through this machine. {@code mv} deletes each source once its copy is done.
 */
public final class CpCommand implements Command {
    private final boolean move;

    private CpCommand(boolean move) {
        this.move = move;
    }

    public static CpCommand copy() {
        return new CpCommand(false);
    }

    public static CpCommand move() {
        return new CpCommand(true);
    }

    @Override
    public CommandSpec spec() {
        String name = move ? "mv" : "cp";
        CommandSpec.Builder b = CommandSpec.builder(name)
                .synopsis(name + " [-r] SRC... DEST")
                .summary(move ? "move or rename objects inside the store (copy, then delete the source)"
                        : "copy objects inside the store (server-side)")
                .help("""
                        SRC is an object, a glob or with -r a prefix; DEST is a key, or a prefix ending in / under
                        which each object keeps its name (its path below SRC with -r). The server copies the bytes;
                        objects above the multipart threshold are copied in parts.""" + (move
                        ? "\nEach source is deleted only after its copy succeeded." : ""))
                .option(ObjectCommands.RECURSIVE);
        ObjectCommands.TRANSFER_OPTIONS.forEach(b::option);
        return b.positional(ValueKind.S3_PATH).positional(ValueKind.S3_PATH).variadic().build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        String name = spec().name();
        List<String> pos = args.positionals();
        if (pos.size() < 2) throw new UsageException(name + " needs a source and a destination: " + name + " SRC DEST");
        S3Path dest = ctx.session().resolve(pos.get(pos.size() - 1));
        if (dest.isRoot()) throw new UsageException("the destination needs a bucket: s3://BUCKET/KEY");
        boolean recursive = args.has("recursive");
        List<String> sources = pos.subList(0, pos.size() - 1);
        ObjectStore store = ctx.session().store();
        boolean many = recursive || sources.size() > 1 || sources.stream().anyMatch(s -> ObjectCommands.expandsAsGlob(store, ctx.session().resolve(s)));
        boolean destIsPrefix = dest.isDirectory() || many;
        String prefix = dest.isDirectory() ? dest.key() : dest.key() + "/";
        Transfers transfers = ObjectCommands.transfers(ctx, args);
        List<Map<String, Object>> done = new ArrayList<>();
        long[] total = {0};
        for (String source : sources) {
            S3Path src = ctx.session().resolve(source);
            ObjectCommands.forEachSource(store, src, recursive, match -> {
                ObjectCommands.checkInterrupted();
                String key = destIsPrefix ? prefix + match.relative() : dest.key();
                String from = match.object().key();
                if (src.bucket().equals(dest.bucket()) && from.equals(key)) {
                    throw new UsageException(ObjectCommands.url(src.bucket(), from) + " cannot be copied onto itself");
                }
                ObjectInfo info = match.info(store, src.bucket());
                Progress progress = ctx.progress(args, ObjectCommands.basename(from), info.size());
                Transfers.Result r;
                try {
                    r = transfers.copy(info, dest.bucket(), key, progress);
                } finally {
                    progress.done();
                }
                if (move) store.deleteObject(src.bucket(), from);
                total[0] += r.bytes();
                String fromUrl = ObjectCommands.url(src.bucket(), from), toUrl = ObjectCommands.url(dest.bucket(), key);
                done.add(TransferJson.of(fromUrl, toUrl, r));
                if (!args.json()) {
                    ctx.report(dev.s3sh.session.S3Path.visible(fromUrl + " -> " + toUrl) + "  " + TransferJson.summary(r));
                    ctx.out().flush();
                }
            });
            if (move) ctx.session().invalidateListings(src.bucket(), src.parentPrefix());
        }
        ctx.session().invalidateListings(dest.bucket(), destIsPrefix ? prefix : dest.parentPrefix());
        if (args.json()) ctx.printJson(TransferJson.document(done, total[0], List.of()));
        return ExitCode.OK;
    }
}
