package dev.s3sh.config;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name closest to a mistyped one (a command, an option, a profile), for a "did you mean"
 * in the error sentence. Only near misses count: a third of the typed length in edits, at least
 * one and at most three, so that a wild guess is never offered.
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    public static Optional<String> closest(String typed, Collection<String> known) {
        if (typed == null || typed.isEmpty()) return Optional.empty();
        int limit = Math.max(1, Math.min(3, typed.length() / 3));
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        String lower = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            if (name.equals(typed)) continue;
            int d = distance.apply(lower, name.toLowerCase(Locale.ROOT));
            if (d >= 0 && d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }
}
