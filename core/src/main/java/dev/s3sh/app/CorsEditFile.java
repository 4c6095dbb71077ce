package dev.s3sh.app;

import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.SourcePosition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The text of a {@code cors edit} file: a comment header naming bucket, endpoint and dialect; on a
 * reopen, a comment block at the very top saying why nothing was pushed. Both are s3sh's own and
 * are taken out before the document is read; the user's text is never otherwise touched.
 */
public final class CorsEditFile {
    static final String HEADER_START = "<!-- s3sh cors edit:";
    /** Every edit file's header (cors, policy) starts so. */
    static final String ANY_HEADER_START = "<!-- s3sh ";
    static final String NOTICE_START = "<!-- s3sh: NOT PUSHED:";
    private static final String END = "-->";

    private CorsEditFile() {
    }

    public static String header(String bucket, String endpoint, String dialect) {
        return HEADER_START + " s3://" + bucket + " at " + clean(endpoint) + ", dialect " + dialect + ".\n"
                + "     Save and quit to validate, see the diff and push. Quit without saving, or empty the file,\n"
                + "     to push nothing. XML or JSON ({\"CORSRules\": [...]}) both work; this comment is ignored. -->\n";
    }

    /** A notice for the top of the file: a title line, then one line each. It takes {@code 2 + lines.size()} lines. */
    public static String notice(String title, List<String> lines) {
        StringBuilder b = new StringBuilder(NOTICE_START).append(' ').append(clean(title)).append('\n');
        for (String line : lines) b.append("     ").append(clean(line)).append('\n');
        return b.append(END).append('\n').toString();
    }

    /** The number of lines {@link #notice} takes for {@code n} lines. */
    public static int noticeLines(int n) {
        return n + 2;
    }

    /** The file's bytes with a notice above the user's bytes, which are kept exactly (whatever their encoding). */
    public static byte[] withNotice(String notice, byte[] user) {
        byte[] top = notice.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(top, top.length + user.length);
        System.arraycopy(user, 0, all, top.length, user.length);
        return all;
    }

    /** {@code bytes} without a notice at their top: the user's bytes as they were before the reopen. */
    public static byte[] withoutNotice(byte[] bytes) {
        // the notice is our own UTF-8 text; the user's bytes after it may be in any encoding
        String start = new String(bytes, 0, Math.min(bytes.length, NOTICE_START.length()), StandardCharsets.ISO_8859_1);
        if (!start.equals(NOTICE_START)) return bytes;
        String asBytes = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = asBytes.indexOf(END);
        if (end < 0) return bytes;
        int after = end + END.length();
        if (asBytes.startsWith("\n", after)) after++;
        return Arrays.copyOfRange(bytes, after, bytes.length);
    }

    /** True when {@code bytes} are strict UTF-8. */
    public static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Replaces {@code file} with {@code content} by writing a new file beside it and renaming it over
     * the old one, so the file is never cut short: when the disk is full the write fails and the
     * old file stays whole. The new file is private, as the edit file is.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path next = CorsHistory.PrivateFiles.createTempFile(dir, ".s3sh-", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(next, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) out.write(buffer);
                out.force(true);
            }
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(next);
        }
    }

    /** A new private edit file in {@code dir} holding {@code content}; nothing is left behind when it cannot be written. */
    public static Path create(Path dir, String prefix, String suffix, byte[] content) throws IOException {
        Path file = CorsHistory.privateTempFile(dir, prefix, suffix);
        try {
            replace(file, content);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** Hands {@code file} to the user's editor: null when it finished, else why not (an interrupt is thrown, never reported). */
    public static String edit(FrontEndPorts<?> ports, Path file) throws InterruptedException {
        try {
            ports.editFile(file);
            return null;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    /** {@link #replace} for a reopen: null when done, else why it could not be (the file then holds the text as the user saved it). */
    public static String reopen(Path file, byte[] content) {
        try {
            replace(file, content);
            return null;
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /** {@code text} without a notice at its top (the user's text as it was before the reopen). */
    public static String withoutNotice(String text) {
        if (!text.startsWith(NOTICE_START)) return text;
        int end = text.indexOf(END);
        if (end < 0) return text;
        int after = end + END.length();
        if (text.startsWith("\n", after)) after++;
        return text.substring(after);
    }

    /**
     * What is given to the parser: {@code text} with the header replaced by as many empty lines as it
     * had, so that line numbers stay those of the text, and a JSON document after it still reads.
     */
    public static String forParsing(String text) {
        if (!text.startsWith(ANY_HEADER_START)) return text;
        int end = text.indexOf(END);
        if (end < 0) return text;
        String header = text.substring(0, end + END.length());
        return "\n".repeat((int) header.chars().filter(c -> c == '\n').count()) + text.substring(end + END.length());
    }

    /** Each problem as one line, its line number counted in the reopened file ({@code shift} lines of notice above). */
    public static List<String> render(List<CorsProblem> problems, int shift) {
        return problems.stream().map(p -> {
            SourcePosition at = p.position();
            SourcePosition moved = at == null ? null : new SourcePosition(at.line() + shift, at.column(), at.jsonPath());
            return new CorsProblem(p.severity(), p.source(), moved, p.rule(), p.field(), p.message()).render();
        }).toList();
    }

    /** An XML comment may not hold "--", nor a line break inside one of our lines. */
    static String clean(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        while (t.contains("--")) t = t.replace("--", "- -");
        return t.endsWith("-") ? t + " " : t;
    }
}
