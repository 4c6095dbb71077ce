package dev.s3sh.shell.commands;

import dev.s3sh.session.S3Path;
import dev.s3sh.command.Command;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.ExitCode;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;
import dev.s3sh.store.ObjectInfo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code stat s3://b/k}: size, time, content type, ETag, storage class, parts and user metadata. */
public final class StatCommand implements Command {
    @Override
    public CommandSpec spec() {
        return CommandSpec.builder("stat")
                .synopsis("stat PATH...")
                .summary("show an object's size, dates, type, ETag, storage class and metadata")
                .positional(ValueKind.S3_PATH).variadic()
                .build();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        if (args.positionals().isEmpty()) throw new UsageException("stat needs an object: stat s3://BUCKET/KEY");
        List<Map<String, Object>> docs = new ArrayList<>();
        PrintWriter out = ctx.out();
        for (String text : args.positionals()) {
            S3Path path = ctx.session().resolve(text);
            if (path.isRoot() || path.key().isEmpty()) throw new UsageException("stat takes an object; for a bucket use info");
            ObjectInfo i = ctx.session().store().stat(path.bucket(), path.key());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", path.toString());
            m.put("key", i.key());
            m.put("size", i.size());
            m.put("lastModified", i.lastModified() == null ? null : i.lastModified().toString());
            m.put("contentType", i.contentType());
            m.put("etag", i.plainEtag());
            m.put("storageClass", i.storageClass());
            m.put("parts", i.partCount());
            m.put("partSize", i.partSize());
            m.put("metadata", new TreeMap<>(i.metadata()));
            docs.add(m);
            if (args.json()) continue;
            out.println(dev.s3sh.session.S3Path.visible(path.toString()) + " (object):");
            for (String line : i.describe()) out.println("   " + dev.s3sh.session.S3Path.visible(line));
        }
        if (args.json()) ctx.printJson(docs.size() == 1 ? docs.get(0) : Map.of("objects", docs));
        out.flush();
        return ExitCode.OK;
    }
}
