package dev.s3sh.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two policies as s3sh prints them ({@link PolicyDocument#pretty}); null stands for no policy.
 * {@link #ofText} diffs any two printed documents (lifecycle XML uses it).
 */
public record PolicyDiff(List<String> lines, boolean same) {

    public static PolicyDiff diff(JsonNode before, JsonNode after) {
        boolean same = before == null ? after == null : before.equals(after);
        return ofText(before == null ? null : PolicyDocument.pretty(before), after == null ? null : PolicyDocument.pretty(after), same);
    }

    /** The line diff of two printed documents (null: none); {@code same} as the caller judges the documents. */
    public static PolicyDiff ofText(String before, String after, boolean same) {
        String[] a = before == null ? new String[0] : before.split("\n");
        String[] b = after == null ? new String[0] : after.split("\n");
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0, j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add("  " + a[i++]);
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add("+ " + b[j++]);
            } else {
                out.add("- " + a[i++]);
            }
        }
        return new PolicyDiff(out, same);
    }

    /** The diff with headers, the unchanged lines kept for context. */
    public String render(String from, String to) {
        StringBuilder b = new StringBuilder("--- ").append(from).append('\n').append("+++ ").append(to).append('\n');
        for (String l : lines) b.append(l).append('\n');
        return b.toString();
    }

    /** "3 lines added, 1 removed". */
    public String summary() {
        long added = lines.stream().filter(l -> l.startsWith("+ ")).count();
        long removed = lines.stream().filter(l -> l.startsWith("- ")).count();
        return added + (added == 1 ? " line" : " lines") + " added, " + removed + " removed";
    }
}
