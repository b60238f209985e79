package io.gatewatch.app.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every simulated line with its time. Lines outside the window are dropped so actors may simply run
 * past its end. Ties in time keep the order they were made in, which keeps the output deterministic.
 */
final class Timeline {
    private final long from;
    private final long to;
    private final List<Hit> hits = new ArrayList<>();

    Timeline(long fromMillis, long toMillis) {
        this.from = fromMillis;
        this.to = toMillis;
    }

    long from() {
        return from;
    }

    long to() {
        return to;
    }

    boolean contains(long at) {
        return at >= from && at < to;
    }

    boolean add(long at, String line) {
        if (!contains(at)) {
            return false;
        }
        hits.add(new Hit(at, hits.size(), line));
        return true;
    }

    int size() {
        return hits.size();
    }

    List<String> sortedLines() {
        List<Hit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingLong(Hit::at).thenComparingInt(Hit::order));
        List<String> lines = new ArrayList<>(sorted.size());
        for (Hit h : sorted) {
            lines.add(h.line());
        }
        return lines;
    }

    private record Hit(long at, int order, String line) {
    }
}
