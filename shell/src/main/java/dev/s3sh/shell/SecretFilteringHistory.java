package dev.s3sh.shell;

import org.jline.reader.impl.history.DefaultHistory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * History that never records a line which looks like it carries a secret, or which contains one of
 * the secrets the session knows (a key pasted at the prompt by mistake).
 */
final class SecretFilteringHistory extends DefaultHistory {
    private final Supplier<Collection<String>> knownSecrets;

    SecretFilteringHistory() {
        this(List::of);
    }

    SecretFilteringHistory(Supplier<Collection<String>> knownSecrets) {
        this.knownSecrets = knownSecrets;
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
}
