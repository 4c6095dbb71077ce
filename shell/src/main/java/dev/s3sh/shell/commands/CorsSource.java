package dev.s3sh.shell.commands;

import dev.s3sh.app.CorsBehaviours;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDocument;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.S3Path;
import dev.s3sh.command.CommandContext;
import dev.s3sh.command.InvalidInputException;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a CORS command's configuration comes from: a local file (parsed, exit 3 when invalid) or a
 * bucket's live configuration. {@code config} is null when the bucket has none.
 */
record CorsSource(String label, CorsConfiguration config, boolean bucketMissing) {

    static boolean isBucket(String arg) {
        return arg.startsWith("s3://");
    }

    /**
     * A local CORS file as a document (never throws for its content). At most one byte more than a
     * document may hold is read, so a huge file is refused without loading it; bytes are strict UTF-8.
     */
    static CorsDocument readDocument(String file) throws IOException {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new IOException("not a usable file name (" + e.getReason() + ")");
        }
        if (Files.isDirectory(path)) throw new IOException("is a directory");
        long size = Files.size(path);
        if (size > CorsParser.MAX_DOCUMENT_BYTES) return CorsParser.tooLarge(file, size);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(CorsParser.MAX_DOCUMENT_BYTES + 1);
        }
        return CorsParser.read(bytes, file);
    }

    /** Why a file could not be read, in a few words. */
    static String unreadable(IOException e) {
        return e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A file for a command that needs a readable document: unreadable is a usage error (2), unreadable content exit 3. */
    static CorsSource fromFile(String file) {
        CorsDocument doc;
        try {
            doc = readDocument(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + unreadable(e));
        }
        if (!doc.readable()) {
            List<String> lines = doc.syntaxProblems().stream().map(CorsProblem::render).toList();
            throw new InvalidInputException(file + " is not a readable CORS document: " + lines.size()
                    + (lines.size() == 1 ? " problem" : " problems"), lines);
        }
        return new CorsSource(file, doc.configuration(), false);
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

    /**
     * {@code --dialect}, else the profile's; when the profile's is only a guess from the host name, an
     * RGW endpoint that {@code cors detect} found to run full-match predicts as {@code rgw-2026}.
     */
    static Dialect dialect(CommandContext ctx, ParsedArgs args) {
        String given = args.value("dialect", null);
        return given != null ? Dialect.of(given) : new CorsBehaviours(ctx.stateDir()).dialectFor(ctx.session());
    }
}
