package io.gatewatch.app.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The names closest to a mistyped one by edit distance, counting a swap of two neighbours as one edit.
 * picocli's own suggestions compare letter pairs, which misses the commonest typo: {@code dmeo} for
 * {@code demo} shares no pair with it.
 */
final class Nearest {
    private static final int MAX_EDITS = 2;

    private Nearest() {
    }

    static List<String> to(String typed, Collection<String> names) {
        String t = strip(typed);
        return names.stream()
                .filter(n -> distance(t, strip(n)) <= Math.min(MAX_EDITS, Math.max(1, strip(n).length() / 4)))
                .sorted(Comparator.comparingInt((String n) -> distance(t, strip(n))).thenComparing(n -> n))
                .toList();
    }

    private static String strip(String name) {
        return name.replaceFirst("^-+", "").replaceFirst("=.*$", "");
    }

    /** Optimal string alignment distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
