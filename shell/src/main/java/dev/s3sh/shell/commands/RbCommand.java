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
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;
import dev.s3sh.store.UploadSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code rb s3://BUCKET}: removes an empty bucket; {@code --force} empties it first, after asking. */
public final class RbCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("rb")
                .synopsis("rb [--force] s3://BUCKET")
                .summary("remove a bucket")
                .help("""
                        Refuses a bucket that still holds objects. With --force, counts them, asks, deletes them
                        and any unfinished multipart uploads, then the bucket.""")
                .option(OptionSpec.flag("force", 'f', "delete the objects too (asks first)"))
                .positional(ValueKind.BUCKET)
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        S3Path path = MbCommand.bucketArgument(ctx, args, "rb");
        String bucket = path.bucket();
        ObjectStore store = ctx.session().store();
        store.checkBucket(bucket);
        long[] count = {0}, bytes = {0};
        ObjectCommands.forEachObject(store, bucket, "", o -> {
            count[0]++;
            bytes[0] += o.size();
        });
        List<UploadSummary> uploads = store.listUploads(bucket, "");
        if (count[0] > 0 || !uploads.isEmpty()) {
            if (!args.has("force")) {
                throw new StoreException("BucketNotEmpty", 409, "bucket '" + bucket + "' holds " + count[0] + " objects"
                        + (uploads.isEmpty() ? "" : " and " + uploads.size() + " unfinished uploads")
                        + ": delete them first, or use rb --force");
            }
            if (!ctx.confirm(args, "delete bucket s3://" + bucket + "/ and its " + count[0] + " objects ("
                    + ObjectInfo.humanSize(bytes[0]) + ")")) {
                ctx.err().println("nothing deleted");
                return ExitCode.FAILURE;
            }
            List<String> batch = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            ObjectCommands.forEachObject(store, bucket, "", o -> {
                batch.add(o.key());
                if (batch.size() == 1000) deleteBatch(store, bucket, batch, failed);
            });
            deleteBatch(store, bucket, batch, failed);
            for (UploadSummary u : uploads) store.abortMultipart(bucket, u.key(), u.uploadId());
            if (!failed.isEmpty()) {
                for (String f : failed) ctx.err().println("not deleted: " + dev.s3sh.session.S3Path.visible(f));
                throw new StoreException("BucketNotEmpty", 409, failed.size() + " objects of '" + bucket
                        + "' could not be deleted, so the bucket stays");
            }
        }
        store.deleteBucket(bucket);
        ctx.session().invalidateListings(null, "");
        ctx.session().invalidateListings(bucket, "");
        if (ctx.session().cwd().bucket() != null && ctx.session().cwd().bucket().equals(bucket)) ctx.session().cd(S3Path.ROOT);
        if (args.json()) ctx.printJson(Map.of("removed", bucket, "objectsDeleted", count[0]));
        else ctx.report("removed bucket s3://" + bucket + "/" + (count[0] > 0 ? " and its " + count[0] + " objects" : ""));
        return ExitCode.OK;
    }

    private static void deleteBatch(ObjectStore store, String bucket, List<String> batch, List<String> failed) {
        ObjectCommands.checkInterrupted();
        failed.addAll(store.deleteObjects(bucket, batch));
        batch.clear();
    }
}
