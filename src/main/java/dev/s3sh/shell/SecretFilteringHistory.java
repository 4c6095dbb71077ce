package dev.s3sh.shell;

import org.jline.reader.impl.history.DefaultHistory;

import java.time.Instant;
import java.util.regex.Pattern;

/** History that never records a line which looks like it carries a secret. */
final class SecretFilteringHistory extends DefaultHistory {
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(secret|password|passwd|token|X-Amz-Signature|X-Amz-Credential|AWS_SECRET_ACCESS_KEY|--key\\b|"
                    + "\\b[A-Za-z0-9/+]{40}\\b)");

    static boolean looksSecret(String line) {
        return SECRET.matcher(line).find();
    }

    @Override
    public void add(Instant time, String line) {
        if (!looksSecret(line)) super.add(time, line);
    }
}
