package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsParseException;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.S3Path;
import dev.s3sh.shell.CommandContext;
import dev.s3sh.shell.InvalidInputException;
import dev.s3sh.shell.ParsedArgs;
import dev.s3sh.shell.UsageException;
import dev.s3sh.store.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a CORS command's configuration comes from: a local file (parsed, exit 3 when invalid) or a
 * bucket's live configuration. {@code config} is null when the bucket has none.
 */
record CorsSource(String label, CorsConfiguration config, boolean bucketMissing) {

    static boolean isBucket(String arg) {
        return arg.startsWith("s3://");
    }

    static CorsSource fromFile(String file) {
        String text;
        try {
            text = Files.readString(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return new CorsSource(file, CorsParser.parse(text, file), false);
        } catch (CorsParseException e) {
            throw new InvalidInputException(e.getMessage(), e.problems());
        }
    }

    /** The bucket's live configuration; a missing bucket is an answer when {@code missingOk}, else an error. */
    static CorsSource fromBucket(CommandContext ctx, String arg, boolean missingOk) {
        S3Path path = ctx.session().resolve(arg);
        if (path.isRoot()) throw new UsageException("'" + arg + "' names no bucket: give s3://BUCKET");
        String label = "s3://" + path.bucket();
        try {
            Optional<CorsConfiguration> config = ctx.session().store().getCors(path.bucket());
            return new CorsSource(label, config.orElse(null), false);
        } catch (StoreException e) {
            if (missingOk && "NoSuchBucket".equals(e.code())) return new CorsSource(label, null, true);
            throw e;
        }
    }

    /** The bucket {@code arg} names (an s3:// path or a name relative to the current location), else the current one. */
    static String bucket(CommandContext ctx, String arg, String command) {
        S3Path path = ctx.session().resolve(arg == null ? "" : arg);
        if (path.isRoot()) throw new UsageException(command + " needs a bucket: give s3://BUCKET or cd into one first");
        return path.bucket();
    }

    /** {@code --dialect}, else the session's. */
    static Dialect dialect(CommandContext ctx, ParsedArgs args) {
        return Dialect.of(args.value("dialect", ctx.session().dialect()));
    }
}
