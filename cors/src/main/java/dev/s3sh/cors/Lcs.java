package dev.s3sh.cors;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/** Longest common subsequence of two lists, as matched index pairs; used for rule pairing and line diffs. */
final class Lcs {
    /** Above this many table cells the middle part (after common head and tail) is not aligned further. */
    private static final long MAX_CELLS = 4_000_000;

    private Lcs() {
    }

    /** Pairs {i, j} with a[i] equal to b[j], increasing in both, as many as possible. */
    static <T> List<int[]> pairs(List<T> a, List<T> b, BiPredicate<T, T> same) {
        List<int[]> out = new ArrayList<>();
        int head = 0;
        while (head < a.size() && head < b.size() && same.test(a.get(head), b.get(head))) {
            out.add(new int[]{head, head});
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && same.test(a.get(a.size() - 1 - tail), b.get(b.size() - 1 - tail))) {
            tail++;
        }
        int n = a.size() - head - tail, m = b.size() - head - tail;
        if (n > 0 && m > 0 && (long) (n + 1) * (m + 1) <= MAX_CELLS) {
            int[][] len = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    len[i][j] = same.test(a.get(head + i), b.get(head + j)) ? len[i + 1][j + 1] + 1
                            : Math.max(len[i + 1][j], len[i][j + 1]);
                }
            }
            int i = 0, j = 0;
            while (i < n && j < m) {
                if (same.test(a.get(head + i), b.get(head + j))) {
                    out.add(new int[]{head + i, head + j});
                    i++;
                    j++;
                } else if (len[i + 1][j] >= len[i][j + 1]) {
                    i++;
                } else {
                    j++;
                }
            }
        }
        for (int t = tail; t > 0; t--) out.add(new int[]{a.size() - t, b.size() - t});
        return out;
    }
}
