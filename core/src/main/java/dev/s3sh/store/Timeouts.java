package dev.s3sh.store;

import java.time.Duration;

/**
 * How long s3sh waits for an endpoint: to connect, for the next bytes of an answer (socket), for
 * one attempt, and for a whole call with the SDK's retries. The defaults suit a remote endpoint;
 * system properties ({@code -Ds3sh.timeout.call=60000} and {@code .attempt}, {@code .socket},
 * {@code .connect}, in milliseconds) change them, so that fault tests need not wait a minute.
 */
public record Timeouts(Duration connect, Duration socket, Duration attempt, Duration call) {
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(60));

    public Timeouts {
        for (Duration d : new Duration[]{connect, socket, attempt, call}) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("a timeout must be positive: " + d);
        }
    }

    /** The defaults, each replaced by its system property when that holds a positive number of milliseconds. */
    public static Timeouts fromSystemProperties() {
        return new Timeouts(property("connect", DEFAULT.connect), property("socket", DEFAULT.socket),
                property("attempt", DEFAULT.attempt), property("call", DEFAULT.call));
    }

    private static Duration property(String name, Duration fallback) {
        String value = System.getProperty("s3sh.timeout." + name);
        if (value == null) return fallback;
        try {
            long ms = Long.parseLong(value.trim());
            return ms > 0 ? Duration.ofMillis(ms) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
