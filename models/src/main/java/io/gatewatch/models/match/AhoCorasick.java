package io.gatewatch.models.match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds every occurrence of many literal patterns in one pass over a text (Aho-Corasick), ignoring
 * ASCII case. Built once from the pattern lists; matching allocates nothing, so it can run on every
 * event. Immutable and thread-safe once built.
 */
public final class AhoCorasick {
    private static final int ROOT_TABLE = 128;

    /** Receives each occurrence; return false to stop the scan. */
    @FunctionalInterface
    public interface Sink {
        boolean match(int patternId, int start, int end);
    }

    private final int[] childStart;
    private final char[] childChar;
    private final int[] childNode;
    private final int[] fail;
    /** The nearest node on the failure chain (itself excluded) that ends a pattern, or -1. */
    private final int[] outputLink;
    private final int[] outStart;
    private final int[] outIds;
    private final int[] patternLength;
    private final int[] rootChildren = new int[ROOT_TABLE];

    private AhoCorasick(int[] childStart, char[] childChar, int[] childNode, int[] fail, int[] outputLink,
            int[] outStart, int[] outIds, int[] patternLength) {
        this.childStart = childStart;
        this.childChar = childChar;
        this.childNode = childNode;
        this.fail = fail;
        this.outputLink = outputLink;
        this.outStart = outStart;
        this.outIds = outIds;
        this.patternLength = patternLength;
        for (char c = 0; c < ROOT_TABLE; c++) {
            rootChildren[c] = Math.max(child(0, c), 0);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int patterns() {
        return patternLength.length;
    }

    /** Reports every occurrence in text, in order of where it ends. */
    public void scan(CharSequence text, Sink sink) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = fold(text.charAt(i));
            int next = state == 0 ? rootChild(c) : child(state, c);
            while (next < 0 && state != 0) {
                state = fail[state];
                next = state == 0 ? rootChild(c) : child(state, c);
            }
            state = Math.max(next, 0);
            for (int node = hasOutput(state) ? state : outputLink[state]; node > 0; node = outputLink[node]) {
                for (int k = outStart[node]; k < outStart[node + 1]; k++) {
                    int id = outIds[k];
                    if (!sink.match(id, i + 1 - patternLength[id], i + 1)) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * The root's child on c, or 0 (the root itself) when there is none. Most characters of a text start
     * no pattern, so the scan spends most of its steps at the root, where a table lookup replaces the
     * binary search over the root's many children.
     */
    private int rootChild(char c) {
        return c < ROOT_TABLE ? rootChildren[c] : Math.max(child(0, c), 0);
    }

    private boolean hasOutput(int node) {
        return outStart[node] < outStart[node + 1];
    }

    private int child(int node, char c) {
        int lo = childStart[node];
        int hi = childStart[node + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = childChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return childNode[mid];
            }
        }
        return -1;
    }

    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** Collects patterns; ids are given in the order patterns are added, from 0. */
    public static final class Builder {
        private final List<Map<Character, Integer>> children = new ArrayList<>();
        private final List<List<Integer>> outputs = new ArrayList<>();
        private final List<Integer> lengths = new ArrayList<>();

        private Builder() {
            newNode();
        }

        private int newNode() {
            children.add(new TreeMap<>());
            outputs.add(new ArrayList<>());
            return children.size() - 1;
        }

        /** Adds a pattern and returns its id; an empty pattern is refused, as it would match everywhere. */
        public int add(CharSequence pattern) {
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("an empty pattern would match everywhere");
            }
            int node = 0;
            for (int i = 0; i < pattern.length(); i++) {
                char c = fold(pattern.charAt(i));
                Integer next = children.get(node).get(c);
                if (next == null) {
                    next = newNode();
                    children.get(node).put(c, next);
                }
                node = next;
            }
            int id = lengths.size();
            lengths.add(pattern.length());
            outputs.get(node).add(id);
            return id;
        }

        public AhoCorasick build() {
            int n = children.size();
            int[] childStart = new int[n + 1];
            for (int i = 0; i < n; i++) {
                childStart[i + 1] = childStart[i] + children.get(i).size();
            }
            char[] childChar = new char[childStart[n]];
            int[] childNode = new int[childStart[n]];
            for (int i = 0; i < n; i++) {
                int k = childStart[i];
                for (Map.Entry<Character, Integer> e : children.get(i).entrySet()) {
                    childChar[k] = e.getKey();
                    childNode[k] = e.getValue();
                    k++;
                }
            }
            int[] fail = new int[n];
            int[] outputLink = new int[n];
            Arrays.fill(outputLink, -1);
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int child : children.getFirst().values()) {
                queue.add(child);
            }
            while (!queue.isEmpty()) {
                int node = queue.poll();
                int f = fail[node];
                outputLink[node] = !outputs.get(f).isEmpty() ? f : outputLink[f];
                for (Map.Entry<Character, Integer> e : children.get(node).entrySet()) {
                    int child = e.getValue();
                    int g = f;
                    Integer target = children.get(g).get(e.getKey());
                    while (target == null && g != 0) {
                        g = fail[g];
                        target = children.get(g).get(e.getKey());
                    }
                    fail[child] = target == null ? 0 : target;
                    queue.add(child);
                }
            }
            outputLink[0] = -1;
            int[] outStart = new int[n + 1];
            for (int i = 0; i < n; i++) {
                outStart[i + 1] = outStart[i] + outputs.get(i).size();
            }
            int[] outIds = new int[outStart[n]];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < outputs.get(i).size(); k++) {
                    outIds[outStart[i] + k] = outputs.get(i).get(k);
                }
            }
            int[] patternLength = lengths.stream().mapToInt(Integer::intValue).toArray();
            return new AhoCorasick(childStart, childChar, childNode, fail, outputLink, outStart, outIds, patternLength);
        }
    }
}
