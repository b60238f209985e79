package io.gatewatch.models.sketch;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;

/**
 * Distinct items in a sliding event-time window, as a ring of {@link LinearCounter} generations each
 * half a window long: the estimate is over the union of the current and the two before it, so it
 * always covers at least the whole window and at most one and a half of it. Three generations of
 * 256 bits: a few bytes when idle, 100 at most when dense.
 */
public final class SlidingDistinct {
    private static final int GENERATIONS = 3;
    private final long generationMs;
    private final LinearCounter[] ring = new LinearCounter[GENERATIONS];
    private final LinearCounter scratch = new LinearCounter();
    /** Absolute generation index (epoch ms / generationMs) of the newest; Long.MIN_VALUE when empty. */
    private long head = Long.MIN_VALUE;

    public SlidingDistinct(long windowMs) {
        if (windowMs < 2) {
            throw new IllegalArgumentException("window must be at least 2 ms: " + windowMs);
        }
        this.generationMs = windowMs / (GENERATIONS - 1);
        for (int i = 0; i < GENERATIONS; i++) {
            ring[i] = new LinearCounter();
        }
    }

    /** Adds an item's hash at event time ts; an item older than the ring is counted in the oldest generation. */
    public void add(long ts, long hash) {
        ring[advance(ts)].add(hash);
    }

    /** Adds every item of a sketch counted elsewhere (another task's second of traffic) at event time ts. */
    public void addAll(long ts, LinearCounter items) {
        ring[advance(ts)].or(items);
    }

    /** Moves the ring to event time ts; the slot that ts is counted in. */
    private int advance(long ts) {
        long idx = Math.floorDiv(ts, generationMs);
        if (head == Long.MIN_VALUE) {
            head = idx;
        } else if (idx > head) {
            long steps = Math.min(idx - head, GENERATIONS);
            for (long i = 1; i <= steps; i++) {
                ring[slot(head + i)].clear();
            }
            head = idx;
        }
        return slot(Math.max(idx, head - GENERATIONS + 1));
    }

    /** Estimated distinct items in the window ending at event time now. */
    public long estimate(long now) {
        if (head == Long.MIN_VALUE) {
            return 0;
        }
        long nowIdx = Math.max(head, Math.floorDiv(now, generationMs));
        scratch.clear();
        for (long i = Math.max(nowIdx - GENERATIONS + 1, head - GENERATIONS + 1); i <= head; i++) {
            scratch.or(ring[slot(i)]);
        }
        return scratch.estimate();
    }

    public boolean isEmpty(long now) {
        return estimate(now) == 0;
    }

    private int slot(long idx) {
        return (int) Math.floorMod(idx, (long) GENERATIONS);
    }

    public void writeTo(ByteWriter out) {
        if (head == Long.MIN_VALUE) {
            out.writeVarLong(0);
            return;
        }
        out.writeVarLong(1);
        out.writeSignedVarLong(head);
        for (int back = 0; back < GENERATIONS; back++) {
            ring[slot(head - back)].writeTo(out);
        }
    }

    /** Reads into this (freshly constructed, same window) instance. */
    public SlidingDistinct readFrom(ByteReader in) {
        for (LinearCounter c : ring) {
            c.clear();
        }
        head = Long.MIN_VALUE;
        if (in.readVarLong() == 0) {
            return this;
        }
        head = in.readSignedVarLong();
        for (int back = 0; back < GENERATIONS; back++) {
            ring[slot(head - back)].readFrom(in);
        }
        return this;
    }
}
