package dev.s3sh.shell;

import org.jline.reader.impl.history.DefaultHistory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * History that never records a line which looks like it carries a secret, or which contains one of
 * the secrets the session knows (a key pasted at the prompt by mistake). A history file that cannot
 * be read or written is said once, in one sentence, and the session goes on with history in memory:
 * JLine itself would log a warning with a stack trace on every line typed.
 */
final class SecretFilteringHistory extends DefaultHistory {
    private final Supplier<Collection<String>> knownSecrets;
    private final Path file;
    private final Consumer<String> notice;
    private volatile boolean fileBroken;

    SecretFilteringHistory() {
        this(List::of, null, s -> { });
    }

    SecretFilteringHistory(Supplier<Collection<String>> knownSecrets) {
        this(knownSecrets, null, s -> { });
    }

    /** {@code notice} gets the one sentence about {@code file} (the history file) when it fails. */
    SecretFilteringHistory(Supplier<Collection<String>> knownSecrets, Path file, Consumer<String> notice) {
        this.knownSecrets = knownSecrets;
        this.file = file;
        this.notice = notice;
    }

    private static final Pattern SECRET = Pattern.compile(
            "(?i)(secret|password|passwd|token|X-Amz-Signature|X-Amz-Credential|AWS_SECRET_ACCESS_KEY|--key\\b|"
                    + "\\b[A-Za-z0-9/+]{40}\\b)");

    static boolean looksSecret(String line) {
        return SECRET.matcher(line).find();
    }

    @Override
    public void add(Instant time, String line) {
        if (looksSecret(line)) return;
        for (String secret : knownSecrets.get()) {
            if (secret != null && secret.length() >= 4 && line.contains(secret)) return;
        }
        super.add(time, line);
    }

    @Override
    public void load() throws IOException {
        if (fileBroken) return;
        try {
            super.load();
        } catch (IOException | RuntimeException e) {
            giveUp("read", e);
        }
    }

    @Override
    public void save() throws IOException {
        if (fileBroken) return;
        try {
            super.save();
        } catch (IOException | RuntimeException e) {
            giveUp("write", e);
        }
    }

    private void giveUp(String verb, Exception e) {
        fileBroken = true;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String why = root instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : root instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : root.getClass().getSimpleName();
        notice.accept("history is not kept: cannot " + verb + " " + (file == null ? "the history file" : file)
                + " (" + why + "); this session keeps it in memory only (set XDG_STATE_HOME to a writable folder to keep it)");
    }
}
