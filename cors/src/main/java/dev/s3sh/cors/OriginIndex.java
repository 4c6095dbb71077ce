package dev.s3sh.cors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules may match an origin, so that linting and detection stay near-linear on a long answer (a
 * server may send 10,000 rules): an origin without '*' is matched only by a pattern equal to it or by a
 * wildcard pattern ({@link CorsMatching}), so only the rules listing it or holding a wildcard need a look.
 * An origin with '*' (a pattern compared with patterns) may meet any rule.
 */
final class OriginIndex {
    private final int size;
    private final Map<String, List<Integer>> byExactOrigin = new HashMap<>();
    private final List<Integer> withWildcard = new ArrayList<>();

    OriginIndex(CorsConfiguration config) {
        size = config.rules().size();
        for (int j = 0; j < size; j++) {
            boolean wildcard = false;
            for (String o : config.rules().get(j).allowedOrigins()) {
                if (o.indexOf('*') >= 0) {
                    wildcard = true;
                } else {
                    List<Integer> list = byExactOrigin.computeIfAbsent(o, x -> new ArrayList<>());
                    if (list.isEmpty() || list.get(list.size() - 1) != j) list.add(j);
                }
            }
            if (wildcard) withWildcard.add(j);
        }
    }

    /** Indexes of every rule that may match {@code origin}, ascending. */
    List<Integer> thatCanMatch(String origin) {
        return thatCanMatch(origin, size);
    }

    /** Indexes below {@code k}, ascending, of the rules that may match {@code origin}. */
    List<Integer> thatCanMatch(String origin, int k) {
        List<Integer> out = new ArrayList<>();
        if (origin.indexOf('*') >= 0) {
            for (int j = 0; j < k; j++) out.add(j);
            return out;
        }
        List<Integer> exact = byExactOrigin.getOrDefault(origin, List.of());
        int a = 0, b = 0;
        while (true) { // merge two ascending lists, stopping at k
            int x = a < exact.size() ? exact.get(a) : Integer.MAX_VALUE;
            int y = b < withWildcard.size() ? withWildcard.get(b) : Integer.MAX_VALUE;
            int next = Math.min(x, y);
            if (next >= k) break;
            if (x == next) a++;
            if (y == next) b++;
            out.add(next);
        }
        return out;
    }

    /**
     * Indexes below {@code k}, ascending, of the rules that may match every one of {@code origins}: those that
     * may match the first (all of them when there is none).
     */
    List<Integer> thatCanMatchAll(List<String> origins, int k) {
        if (!origins.isEmpty()) return thatCanMatch(origins.get(0), k);
        List<Integer> all = new ArrayList<>(k);
        for (int j = 0; j < k; j++) all.add(j);
        return all;
    }
}
