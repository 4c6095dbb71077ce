package dev.s3sh.cors;

import org.apache.commons.text.diff.CommandVisitor;
import org.apache.commons.text.diff.StringsComparator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The longest common subsequence of two lists, as matched index pairs; used for rule pairing and
 * line diffs. Commons Text's {@link StringsComparator} (Myers' O((N+M)D) diff) does the work: each
 * distinct element becomes one character, so a 10,000-rule answer costs no N×M table.
 */
final class Lcs {
    private Lcs() {
    }

    /** Pairs {i, j} with a[i] equal to b[j] ({@code equals}), increasing in both, as many as possible. */
    static <T> List<int[]> pairs(List<T> a, List<T> b) {
        Map<T, Character> codes = new HashMap<>();
        String left = encode(a, codes), right = encode(b, codes);
        List<int[]> out = new ArrayList<>();
        new StringsComparator(left, right).getScript().visit(new CommandVisitor<Character>() {
            private int i, j;

            @Override
            public void visitKeepCommand(Character c) {
                out.add(new int[]{i++, j++});
            }

            @Override
            public void visitDeleteCommand(Character c) {
                i++;
            }

            @Override
            public void visitInsertCommand(Character c) {
                j++;
            }
        });
        return out;
    }

    private static <T> String encode(List<T> items, Map<T, Character> codes) {
        StringBuilder s = new StringBuilder(items.size());
        for (T item : items) {
            Character code = codes.computeIfAbsent(item, k -> (char) codes.size());
            if (codes.size() > Character.MAX_VALUE) throw new IllegalArgumentException("more than 65,535 distinct lines to compare");
            s.append(code.charValue());
        }
        return s.toString();
    }
}
