package io.gatewatch.app.topology;

import java.util.Arrays;

/**
 * One detect task's sense of "now" in event time: the {@value #K}th newest of its last {@value #WINDOW}
 * event times, never moving back. The newest event alone would let one line dated an hour ahead (a
 * gateway clock that jumped) move it by an hour; this needs {@value #K} such lines among the recent
 * ones. Lateness does not use it (it is judged per client, against the client's own newest event);
 * closing the per-second route tallies does.
 */
final class StreamClock {
    static final int WINDOW = 256;
    static final int K = 8;
    private final long[] recent = new long[WINDOW];
    private final long[] scratch = new long[WINDOW];
    private int count;
    private int next;
    private long now = Long.MIN_VALUE;

    void observe(long ts) {
        recent[next] = ts;
        next = (next + 1) % WINDOW;
        count = Math.min(count + 1, WINDOW);
    }

    /** The robust newest event time, or Long.MIN_VALUE before any event; sorts the window, so call it per punctuation, not per event. */
    long now() {
        if (count == 0) {
            return now;
        }
        System.arraycopy(recent, 0, scratch, 0, count);
        Arrays.sort(scratch, 0, count);
        long kthNewest = scratch[Math.max(0, count - K)];
        now = Math.max(now, kthNewest);
        return now;
    }
}
