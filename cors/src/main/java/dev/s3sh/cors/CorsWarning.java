package dev.s3sh.cors;

import java.util.Locale;

/** One lint finding: the 1-based rule it is about, what is risky or surprising and what to do. */
public record CorsWarning(int rule, String message, Severity severity) {
    public enum Severity {
        /** Likely to let the wrong requests in or keep the right ones out. */
        WARNING,
        /** Worth a look; often fine. */
        INFO;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
