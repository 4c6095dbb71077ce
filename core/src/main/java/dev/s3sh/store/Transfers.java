package dev.s3sh.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Uploads, downloads and server-side copies of whole objects on top of {@link ObjectStore}: one
 * request below {@link Options#threshold()}, parallel parts above it, on a small thread pool (the
 * SDK's transfer manager needs an async HTTP client we do not ship). Bytes stream between file and
 * network in small buffers: memory does not grow with the object.
 *
 * <p>What is verified: every uploaded part's (or single object's) ETag must equal the MD5 of the
 * bytes sent, and a multipart object's final ETag must equal MD5(part MD5s)-N. A download is compared
 * with the object's ETag: the whole file's MD5 for a single-part object, the per-part MD5s for a
 * multipart object whose part size the server reports; the size is always checked.
 *
 * <p>Interruption (Ctrl-C interrupts the calling thread) stops the workers, aborts the multipart
 * upload and deletes the partial download, which never has the final name (it is written to
 * {@code DEST.part-XXXX} and renamed at the end). Ctrl-C while the completion's answer is awaited
 * comes too late when the server has already assembled the object: the read-back then reports it
 * as stored, as it is.
 */
public final class Transfers {
    private static final Pattern PLAIN_MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern MULTIPART_ETAG = Pattern.compile("[0-9a-f]{32}-\\d+");
    private static final int BUFFER = 64 * 1024;
    private static final long MAX_PARTS = 10_000;

    /** Multipart above {@code threshold} bytes, parts of {@code partSize}, {@code threads} at once. */
    public record Options(long threshold, long partSize, int threads) {
        public static final Options DEFAULT = new Options(16L << 20, 16L << 20, 4);

        public Options {
            if (partSize < 5L << 20) throw new IllegalArgumentException("part size must be at least 5 MiB");
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** What was transferred and how it was checked, in words ("MD5 of 16 parts and of the whole object"). */
    public record Result(long bytes, String etag, int parts, String verified) {
    }

    private final ObjectStore store;
    private final Options options;

    public Transfers(ObjectStore store, Options options) {
        this.store = store;
        this.options = options;
    }

    private long partSizeFor(long size) {
        return Math.max(options.partSize(), (size + MAX_PARTS - 1) / MAX_PARTS);
    }

    // ---------------------------------------------------------------- upload

    public Result upload(Path file, String bucket, String key, String contentType, LongConsumer progress) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new StoreException("LocalFile", 0, "cannot read " + file + ": " + e.getMessage());
        }
        if (size <= options.threshold()) {
            ObjectStore.SentPart sent = store.upload(bucket, key, null, 0, file, 0, size, contentType, progress);
            checkPart(bucket, key, sent, 0);
            return new Result(size, sent.etag(), 1, "ETag equals the MD5 of the bytes sent");
        }
        long partSize = partSizeFor(size);
        int parts = (int) ((size + partSize - 1) / partSize);
        String uploadId = startMultipart(bucket, key, contentType, Map.of());
        boolean completed = false;
        try {
            List<Callable<ObjectStore.SentPart>> tasks = new ArrayList<>(parts);
            for (int i = 0; i < parts; i++) {
                int number = i + 1;
                long offset = i * partSize;
                long length = Math.min(partSize, size - offset);
                tasks.add(() -> {
                    ObjectStore.SentPart sent = store.upload(bucket, key, uploadId, number, file, offset, length,
                            contentType, progress);
                    checkPart(bucket, key, sent, number);
                    return sent;
                });
            }
            List<ObjectStore.SentPart> sent = runAll(tasks);
            Result result = complete(bucket, key, uploadId, size, sent);
            completed = true;
            return result;
        } finally {
            if (!completed) abortQuietly(bucket, key, uploadId);
        }
    }

    /**
     * Completes a multipart upload whose parts were all sent, and checks the object's ETag. When the
     * answer is lost, or Ctrl-C comes, after the server may have assembled the object, a read-back
     * decides. Throws when the object is not stored as sent (the caller aborts the upload).
     */
    private Result complete(String bucket, String key, String uploadId, long size, List<ObjectStore.SentPart> sent) {
        int parts = sent.size();
        List<String> etags = sent.stream().map(ObjectStore.SentPart::etag).toList();
        String expected = multipartEtag(sent.stream().map(ObjectStore.SentPart::md5).toList());
        String etag;
        try {
            etag = store.completeMultipart(bucket, key, uploadId, etags);
        } catch (StoreException e) {
            // the answer can be lost, or Ctrl-C can come, after the server assembled the object: the
            // read-back decides. After Ctrl-C the upload is aborted first, so that it cannot complete
            // after the read-back has found nothing.
            boolean interrupted = "Interrupted".equals(e.code());
            if (interrupted) abortQuietly(bucket, key, uploadId);
            Boolean stored = storedAs(bucket, key, size, expected);
            if (interrupted && stored == null) {
                throw new StoreException("Interrupted", 0, "interrupted while s3://" + bucket + "/" + key
                        + " was being completed, and it could not be read back: check with 'stat s3://" + bucket + "/" + key + "'");
            }
            if (!Boolean.TRUE.equals(stored)) throw e;
            return new Result(size, expected, parts, (interrupted ? "Ctrl-C came after the server had completed the upload"
                    : "the answer to the completion was lost") + "; the read-back shows size " + size
                    + " and ETag MD5(part MD5s)-" + parts);
        }
        if (etag != null && !etag.equals(expected)) {
            throw new StoreException("ChecksumMismatch", 0, "s3://" + bucket + "/" + key + " was stored with ETag "
                    + etag + " but the parts sent give " + expected + ": upload it again");
        }
        return new Result(size, etag, parts, "each part's ETag equals the MD5 sent; the object's ETag equals MD5(part MD5s)-" + parts);
    }

    /**
     * Uploads what {@code in} gives ({@code put - DEST}). Its size is not known ahead, so it is read
     * one part at a time into {@code spool} (a private file, rewritten for each part: the disk holds
     * one part, not the stream) and the parts are sent one after the other; a stream that ends
     * within the multipart threshold goes as a single PUT. Every part is checked as a file's are.
     */
    public Result upload(InputStream in, Path spool, String bucket, String key, String contentType, LongConsumer progress) {
        java.io.PushbackInputStream source = new java.io.PushbackInputStream(in, 1);
        long first = fill(source, spool, Math.max(options.threshold(), options.partSize()));
        if (ended(source) && first <= options.threshold()) {
            ObjectStore.SentPart sent = store.upload(bucket, key, null, 0, spool, 0, first, contentType, progress);
            checkPart(bucket, key, sent, 0);
            return new Result(first, sent.etag(), 1, "ETag equals the MD5 of the bytes sent");
        }
        String uploadId = startMultipart(bucket, key, contentType, Map.of());
        boolean completed = false;
        try {
            List<ObjectStore.SentPart> sent = new ArrayList<>();
            long size = 0;
            for (long n = first; n > 0; n = ended(source) ? 0 : fill(source, spool, options.partSize())) {
                if (sent.size() == MAX_PARTS) {
                    throw new StoreException("TooLarge", 0, "the input is larger than " + MAX_PARTS + " parts of "
                            + options.partSize() + " bytes: give a larger --part-size");
                }
                ObjectStore.SentPart part = store.upload(bucket, key, uploadId, sent.size() + 1, spool, 0, n, contentType, progress);
                checkPart(bucket, key, part, sent.size() + 1);
                sent.add(part);
                size += n;
            }
            Result result = complete(bucket, key, uploadId, size, sent);
            completed = true;
            return result;
        } finally {
            if (!completed) abortQuietly(bucket, key, uploadId);
        }
    }

    /** Copies up to {@code limit} bytes of {@code in} into {@code spool}, replacing what it held; returns how many. */
    private static long fill(InputStream in, Path spool, long limit) {
        try (java.io.OutputStream out = Files.newOutputStream(spool, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[BUFFER];
            long n = 0;
            while (n < limit) {
                if (Thread.currentThread().isInterrupted()) throw new StoreException("Interrupted", 0, "interrupted");
                int r = in.read(buf, 0, (int) Math.min(buf.length, limit - n));
                if (r < 0) break;
                out.write(buf, 0, r);
                n += r;
            }
            return n;
        } catch (IOException e) {
            throw new StoreException("LocalFile", 0, "cannot read the input into " + spool + ": " + e.getMessage());
        }
    }

    private static boolean ended(java.io.PushbackInputStream in) {
        try {
            int next = in.read();
            if (next < 0) return true;
            in.unread(next);
            return false;
        } catch (IOException e) {
            throw new StoreException("LocalFile", 0, "cannot read the input: " + e.getMessage());
        }
    }

    /**
     * Starts a multipart upload. Ctrl-C while the request is out can leave an upload the server
     * created but whose id never arrived: uploads of this key started since then are aborted.
     */
    private String startMultipart(String bucket, String key, String contentType, Map<String, String> metadata) {
        java.time.Instant asked = java.time.Instant.now().minusSeconds(2);
        try {
            return store.startMultipart(bucket, key, contentType, metadata);
        } catch (StoreException e) {
            if (!"Interrupted".equals(e.code())) throw e;
            boolean interrupted = Thread.interrupted();
            try {
                for (UploadSummary u : store.listUploads(bucket, key)) {
                    if (u.key().equals(key) && u.initiated() != null && !u.initiated().isBefore(asked)) {
                        abortQuietly(bucket, key, u.uploadId());
                    }
                }
            } catch (StoreException ignored) {
                // best effort, as for any abort
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    /**
     * Whether the server holds {@code key} with this size and (multipart) ETag: false when it holds no
     * such key or another object, null when it cannot be read. Not interrupted by a pending Ctrl-C,
     * which stays pending.
     */
    private Boolean storedAs(String bucket, String key, long size, String etag) {
        boolean interrupted = Thread.interrupted();
        try {
            ObjectInfo info = store.stat(bucket, key);
            return info.size() == size && etag.equals(info.plainEtag());
        } catch (StoreException e) {
            return "NoSuchKey".equals(e.code()) ? false : null;
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static void checkPart(String bucket, String key, ObjectStore.SentPart sent, int number) {
        if (sent.etag() != null && sent.md5() != null && PLAIN_MD5.matcher(sent.etag()).matches() && !sent.etag().equals(sent.md5())) {
            throw new StoreException("ChecksumMismatch", 0, (number == 0 ? "" : "part " + number + " of ")
                    + "s3://" + bucket + "/" + key + " arrived with ETag " + sent.etag() + " but MD5 " + sent.md5()
                    + " was sent: upload it again");
        }
    }

    private void abortQuietly(String bucket, String key, String uploadId) {
        boolean interrupted = Thread.interrupted(); // the abort itself must not be interrupted
        try {
            store.abortMultipart(bucket, key, uploadId);
        } catch (StoreException ignored) {
            // best effort: the original failure is what the user needs to see
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    static String multipartEtag(List<String> partMd5s) {
        MessageDigest md5 = S3ObjectStore.md5();
        HexFormat hex = HexFormat.of();
        for (String p : partMd5s) md5.update(hex.parseHex(p));
        return hex.formatHex(md5.digest()) + "-" + partMd5s.size();
    }

    // ---------------------------------------------------------------- download

    public Result download(String bucket, String key, Path dest, LongConsumer progress) {
        ObjectInfo info = store.stat(bucket, key);
        return download(info, dest, progress);
    }

    public Result download(ObjectInfo info, Path dest, LongConsumer progress) {
        String bucket = info.bucket(), key = info.key();
        long size = info.size();
        String etag = info.plainEtag() == null ? "" : info.plainEtag();
        Path absolute = dest.toAbsolutePath();
        Path temp = absolute.resolveSibling(absolute.getFileName() + ".part-"
                + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36));
        boolean done = false;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            String verified;
            int parts;
            if (MULTIPART_ETAG.matcher(etag).matches() && info.partSize() > 0) {
                // the server told the part size: ranges aligned with the parts, each range's MD5 rebuilds the ETag
                long partSize = info.partSize();
                parts = (int) ((size + partSize - 1) / partSize);
                List<String> md5s = runAll(ranges(bucket, key, size, partSize, out, progress, true));
                String expected = multipartEtag(md5s);
                if (!expected.equals(etag)) throw mismatch(bucket, key, etag, expected);
                verified = "MD5 of each of the " + parts + " parts matches the ETag";
            } else if (size <= options.threshold()) {
                parts = 1;
                String md5 = copyRange(bucket, key, 0, size - 1, size, out, progress, true);
                verified = MULTIPART_ETAG.matcher(etag).matches() ? verifyMultipart(bucket, key, out, size, etag)
                        : verifyWhole(bucket, key, etag, md5);
            } else {
                long partSize = partSizeFor(size);
                parts = (int) ((size + partSize - 1) / partSize);
                boolean multipart = MULTIPART_ETAG.matcher(etag).matches();
                // when the object has as many parts as our ranges (s3sh's own uploads), hash while downloading
                boolean sameLayout = multipart && etag.endsWith("-" + parts);
                List<String> md5s = runAll(ranges(bucket, key, size, partSize, out, progress, sameLayout));
                if (sameLayout && multipartEtag(md5s).equals(etag)) {
                    verified = "MD5 of each of the " + parts + " parts (" + (partSize >> 20) + " MiB) matches the ETag";
                } else {
                    verified = PLAIN_MD5.matcher(etag).matches() ? verifyWhole(bucket, key, etag, md5Of(out, size))
                            : multipart ? verifyMultipart(bucket, key, out, size, etag)
                            : "size only (the ETag is not an MD5)";
                }
            }
            if (out.size() != size) {
                throw new StoreException("ShortRead", 0, "s3://" + bucket + "/" + key + " came back with " + out.size()
                        + " bytes instead of " + size + ": try again");
            }
            out.force(false);
            out.close();
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            return new Result(size, etag, parts, verified);
        } catch (InterruptedIOException | java.nio.channels.ClosedByInterruptException e) {
            throw new StoreException("Interrupted", 0, "interrupted");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw new StoreException("Interrupted", 0, "interrupted");
            throw new StoreException("LocalFile", 0, "cannot write " + absolute + ": " + e.getMessage());
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // nothing more to do; the name says it is partial
                }
            }
        }
    }

    /**
     * The object's bytes to {@code out} in order ({@code get SRC -}): one stream, resumed where it broke
     * off, checked at the end against a plain (MD5) ETag; a multipart ETag is checked by size only,
     * since the stream cannot be re-read to try part sizes.
     */
    public Result stream(ObjectInfo info, OutputStream out) {
        String bucket = info.bucket(), key = info.key();
        String etag = info.plainEtag() == null ? "" : info.plainEtag();
        long[] written = {0};
        try {
            String md5 = copyRange(bucket, key, 0, info.size() - 1, info.size(), (buf, n, position) -> {
                out.write(buf, 0, n);
                written[0] += n;
            }, null, true);
            out.flush();
            if (written[0] != info.size()) {
                throw new StoreException("ShortRead", 0, "s3://" + bucket + "/" + key + " came back with " + written[0]
                        + " bytes instead of " + info.size() + ": do not trust the output, try again");
            }
            String verified = PLAIN_MD5.matcher(etag).matches() ? verifyWhole(bucket, key, etag, md5) : "size only (the ETag is not an MD5)";
            return new Result(info.size(), etag, 1, verified);
        } catch (InterruptedIOException e) {
            throw new StoreException("Interrupted", 0, "interrupted");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw new StoreException("Interrupted", 0, "interrupted");
            throw new StoreException("LocalFile", 0, "cannot write s3://" + bucket + "/" + key + " to the output: " + e.getMessage());
        }
    }

    private List<Callable<String>> ranges(String bucket, String key, long size, long partSize, FileChannel out,
                                          LongConsumer progress, boolean hash) {
        List<Callable<String>> tasks = new ArrayList<>();
        for (long offset = 0; offset < size; offset += partSize) {
            long first = offset, last = Math.min(size, offset + partSize) - 1;
            tasks.add(() -> copyRange(bucket, key, first, last, size, out, progress, hash));
        }
        return tasks;
    }

    private String verifyWhole(String bucket, String key, String etag, String md5) {
        if (!PLAIN_MD5.matcher(etag).matches()) return "size only (the ETag is not an MD5)";
        if (!etag.equals(md5)) throw mismatch(bucket, key, etag, md5);
        return "MD5 of the whole object matches the ETag";
    }

    private static StoreException mismatch(String bucket, String key, String etag, String got) {
        return new StoreException("ChecksumMismatch", 0, "s3://" + bucket + "/" + key + " has ETag " + etag
                + " but the bytes received give " + got + ": the object changed or the transfer was damaged; try again");
    }

    /** Attempts at one range whose body breaks off (reset, cut): each resumes where the last one stopped. */
    static final int RANGE_ATTEMPTS = 3;

    /** Where the bytes of a range go: {@code n} bytes of {@code buf} belong at {@code position} of the object. */
    private interface Sink {
        void write(byte[] buf, int n, long position) throws IOException;
    }

    private String copyRange(String bucket, String key, long first, long last, long size, FileChannel out,
                             LongConsumer progress, boolean hash) throws IOException {
        return copyRange(bucket, key, first, last, size, (buf, n, position) -> {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) position += out.write(b, position);
        }, progress, hash);
    }

    /** Writes bytes first..last of the object to {@code out}; returns their MD5 when asked. */
    private String copyRange(String bucket, String key, long first, long last, long size, Sink out,
                             LongConsumer progress, boolean hash) throws IOException {
        MessageDigest md5 = hash ? S3ObjectStore.md5() : null;
        if (size == 0) return md5 == null ? null : HexFormat.of().formatHex(md5.digest());
        byte[] buf = new byte[BUFFER];
        long position = first;
        for (int attempt = 1; ; attempt++) {
            boolean whole = position == 0 && size <= options.threshold() && first == 0;
            try (InputStream in = store.open(bucket, key, position, whole ? -1 : last)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted");
                    if (md5 != null) md5.update(buf, 0, n);
                    out.write(buf, n, position);
                    position += n;
                    if (progress != null) progress.accept(n);
                }
                if (position > last) return md5 == null ? null : HexFormat.of().formatHex(md5.digest());
                if (attempt >= RANGE_ATTEMPTS) throw broken(bucket, key, position, "the answer ended early");
            } catch (InterruptedIOException | java.nio.channels.ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                // a body that breaks off is the network, not the local file: resume the range
                if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted");
                if (attempt >= RANGE_ATTEMPTS) throw broken(bucket, key, position, e.getMessage());
            }
        }
    }

    private static StoreException broken(String bucket, String key, long position, String why) {
        return new StoreException("ConnectionBroken", 0, "the download of s3://" + bucket + "/" + key + " broke off at byte "
                + position + " " + RANGE_ATTEMPTS + " times (" + why + "): check the connection and try again");
    }

    /**
     * A multipart ETag is MD5(part MD5s)-N, and servers such as RGW 16 do not say the part size.
     * Clients use whole MiB sizes (aws 8M, s3cmd 15M, s3sh and mc 16M), so every whole-MiB size
     * that gives N parts is tried, in one pass over the file. No match means damaged or an unusual layout.
     */
    private static String verifyMultipart(String bucket, String key, FileChannel file, long size, String etag) throws IOException {
        int n = Integer.parseInt(etag.substring(etag.indexOf('-') + 1));
        List<Long> candidates = new ArrayList<>();
        long mib = 1L << 20;
        for (long p = Math.max(5 * mib, (size + n - 1) / n / mib * mib); candidates.size() < 32; p += mib) {
            long count = (size + p - 1) / p;
            if (count < n) break;
            if (count == n) candidates.add(p);
        }
        if (n == 1) candidates = List.of(Math.max(size, 1));
        if (candidates.isEmpty()) return "size only (no whole-MiB part size gives " + n + " parts)";
        int k = candidates.size();
        MessageDigest[] current = new MessageDigest[k];
        MessageDigest[] combined = new MessageDigest[k];
        long[] filled = new long[k];
        for (int i = 0; i < k; i++) {
            current[i] = S3ObjectStore.md5();
            combined[i] = S3ObjectStore.md5();
        }
        List<Long> sizes = candidates;
        scan(file, size, (buf, read) -> {
            for (int i = 0; i < k; i++) {
                int off = 0;
                while (off < read) {
                    int take = (int) Math.min(read - off, sizes.get(i) - filled[i]);
                    current[i].update(buf, off, take);
                    off += take;
                    filled[i] += take;
                    if (filled[i] == sizes.get(i)) {
                        combined[i].update(current[i].digest());
                        filled[i] = 0;
                    }
                }
            }
        });
        for (int i = 0; i < k; i++) {
            if (filled[i] > 0) combined[i].update(current[i].digest());
            if ((HexFormat.of().formatHex(combined[i].digest()) + "-" + n).equals(etag)) {
                return "MD5 of each of the " + n + " parts (" + (candidates.get(i) >> 20) + " MiB) matches the ETag";
            }
        }
        // not fatal: an upload with an unusual part size would otherwise be impossible to download
        return "NOT verified: no whole-MiB part size rebuilds the ETag " + etag + " (unusual part sizes, or damage)";
    }

    private static String md5Of(FileChannel channel, long size) throws IOException {
        MessageDigest md5 = S3ObjectStore.md5();
        scan(channel, size, (buf, n) -> md5.update(buf, 0, n));
        return HexFormat.of().formatHex(md5.digest());
    }

    private interface Chunk {
        void accept(byte[] buf, int length);
    }

    /** Reads the file once from the start in small chunks, stopping on Ctrl-C. */
    private static void scan(FileChannel channel, long size, Chunk chunk) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        long position = 0;
        while (position < size) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted");
            buf.clear();
            int n = channel.read(buf, position);
            if (n < 0) break;
            chunk.accept(buf.array(), n);
            position += n;
        }
    }

    // ---------------------------------------------------------------- copy

    /** Server-side copy; multipart (parts aligned with the source's when it has them) above the threshold. */
    public Result copy(ObjectInfo source, String bucket, String key, LongConsumer progress) {
        String srcEtag = source.plainEtag() == null ? "" : source.plainEtag();
        long size = source.size();
        if (size <= options.threshold() || size == 0) {
            String etag = store.copy(source.bucket(), source.key(), bucket, key);
            if (progress != null) progress.accept(size);
            String verified = etag != null && etag.equals(srcEtag) ? "the copy's ETag equals the source's" : "done by the server";
            if (etag != null && PLAIN_MD5.matcher(srcEtag).matches() && !etag.equals(srcEtag)) {
                throw mismatch(bucket, key, srcEtag, etag);
            }
            return new Result(size, etag, 1, verified);
        }
        long partSize = source.partCount() > 0 && source.partSize() >= 5L << 20 ? source.partSize() : partSizeFor(size);
        int parts = (int) ((size + partSize - 1) / partSize);
        // UploadPartCopy copies bytes only: the source's user metadata is given again here, as a
        // single CopyObject would have kept it
        String uploadId = startMultipart(bucket, key, source.contentType(), source.metadata() == null ? Map.of() : source.metadata());
        boolean completed = false;
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                int number = i + 1;
                long first = i * partSize, last = Math.min(size, first + partSize) - 1;
                tasks.add(() -> {
                    String etag = store.copyPart(source.bucket(), source.key(), bucket, key, uploadId, number, first, last);
                    if (progress != null) progress.accept(last - first + 1);
                    return etag;
                });
            }
            List<String> etags = runAll(tasks);
            String etag = store.completeMultipart(bucket, key, uploadId, etags);
            completed = true;
            String verified;
            if (MULTIPART_ETAG.matcher(srcEtag).matches() && source.partSize() == partSize) {
                if (!srcEtag.equals(etag)) throw mismatch(bucket, key, srcEtag, etag);
                verified = "the copy's ETag equals the source's (same " + parts + " parts)";
            } else {
                ObjectInfo copied = store.stat(bucket, key);
                if (copied.size() != size) {
                    throw new StoreException("ShortCopy", 0, "the copy s3://" + bucket + "/" + key + " has " + copied.size()
                            + " bytes instead of " + size + ": try again");
                }
                verified = "size (parts copied by the server)";
            }
            return new Result(size, etag, parts, verified);
        } finally {
            if (!completed) abortQuietly(bucket, key, uploadId);
        }
    }

    // ---------------------------------------------------------------- the pool

    /**
     * Runs the tasks on a pool of {@link Options#threads()} and returns their results in order. The
     * first failure or an interrupt of the calling thread cancels the rest and waits for the workers
     * to stop, so that nothing writes after this returns.
     */
    private <T> List<T> runAll(List<Callable<T>> tasks) {
        if (tasks.size() == 1 || options.threads() == 1) {
            List<T> results = new ArrayList<>();
            for (Callable<T> task : tasks) results.add(callOne(task));
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), tasks.size()), r -> {
            Thread t = new Thread(r, "s3sh-transfer");
            t.setDaemon(true);
            return t;
        });
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (Callable<T> task : tasks) futures.add(pool.submit(task));
            List<T> results = new ArrayList<>(tasks.size());
            for (Future<T> f : futures) results.add(f.get());
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted", 0, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException se) throw se;
            // a channel closed under an interrupted part reports itself without a message: it is the interrupt
            if (cause instanceof InterruptedIOException || cause instanceof java.nio.channels.ClosedChannelException
                    || Thread.currentThread().isInterrupted()) throw new StoreException("Interrupted", 0, "interrupted");
            if (cause instanceof IOException io) throw new StoreException("LocalFile", 0, io.getMessage());
            if (cause instanceof UncheckedIOException io) throw new StoreException("LocalFile", 0, io.getMessage());
            throw new StoreException("Transfer", 0, "transfer failed: " + cause);
        } finally {
            pool.shutdownNow();
            boolean interrupted = Thread.interrupted();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                interrupted = true;
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static <T> T callOne(Callable<T> task) {
        try {
            return task.call();
        } catch (StoreException e) {
            throw e;
        } catch (InterruptedIOException | java.nio.channels.ClosedChannelException e) {
            throw new StoreException("Interrupted", 0, "interrupted");
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("LocalFile", 0, e.getMessage());
        } catch (Exception e) {
            throw new StoreException("Transfer", 0, "transfer failed: " + e);
        }
    }
}
