package io.gatewatch.models.sequence;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;

/**
 * Follows a walk through numbers with a constant stride: 101, 102, 103 or 10, 20, 30, ascending or
 * descending, the way an enumerator walks object ids or a scraper walks pages. The first step of a
 * run fixes its stride; each later value a whole number of strides ahead of the head (up to
 * {@link #MAX_SKIP}, so a few ids lost to errors or racing threads do not break it) is a step. A repeat,
 * or a value a few strides behind the head (a request of a parallel walker that arrived late), leaves
 * the run alone; anything else ends it and may start a new one from the previous value. A run is
 * measured within a window: once its first step is older than that, it starts again, so a walk
 * counts however slowly it goes, as long as its steps fit in the window.
 */
public final class StrideWalk {
    /** How many strides ahead (or behind) a value may land and still belong to the run. */
    public static final int MAX_SKIP = 4;
    private boolean empty = true;
    private long last;
    private long head;
    private long start;
    private long stride;
    private int steps;
    private long runStart;
    private long lastTs;

    /**
     * @param value     the number seen (an id or a page position); non-negative and below 10^18
     * @param maxStride the largest |stride| that starts a run
     * @param windowMs  how long a run may take
     */
    public void observe(long value, long ts, long maxStride, long windowMs) {
        if (empty) {
            empty = false;
            restartAt(value);
            last = value;
            lastTs = ts;
            return;
        }
        if (stride != 0 && ts - runStart > windowMs) {
            restartAt(head);
        }
        if (value == last || value == head) {
            return;
        }
        long previousTs = lastTs;
        lastTs = Math.max(lastTs, ts);
        if (stride != 0) {
            long delta = value - head;
            if (delta % stride == 0) {
                long k = delta / stride;
                if (k >= 1 && k <= MAX_SKIP) {
                    steps++;
                    head = value;
                    last = value;
                    return;
                }
                if (k < 0 && k >= -MAX_SKIP) {
                    last = value;
                    return;
                }
            }
        }
        long d = value - last;
        if (Math.abs(d) <= maxStride) {
            start = last;
            head = value;
            stride = d;
            steps = 1;
            runStart = Math.min(previousTs, ts);
        } else {
            restartAt(value);
        }
        last = value;
    }

    private void restartAt(long value) {
        start = value;
        head = value;
        stride = 0;
        steps = 0;
    }

    /** Steps in the current run; 0 when there is none. */
    public int steps() {
        return steps;
    }

    public long stride() {
        return stride;
    }

    /** The value the current run started from. */
    public long start() {
        return start;
    }

    /** The furthest value the current run reached. */
    public long head() {
        return head;
    }

    /** Event time of the value the run started from. */
    public long runStart() {
        return runStart;
    }

    public boolean isEmpty() {
        return empty;
    }

    /** @param reference an event time near the run's (the owner's last-seen), to store times as small deltas */
    public void writeTo(ByteWriter out, long reference) {
        if (empty) {
            out.writeVarLong(0);
            return;
        }
        out.writeVarLong(last + 1);
        out.writeSignedVarLong(reference - lastTs);
        out.writeSignedVarLong(head - last);
        out.writeSignedVarLong(stride);
        if (stride != 0) {
            out.writeVarInt(steps);
            out.writeSignedVarLong(head - start);
            out.writeSignedVarLong(reference - runStart);
        }
    }

    /** Reads into this instance, with the same reference time it was written with. */
    public StrideWalk readFrom(ByteReader in, long reference) {
        long lastPlusOne = in.readVarLong();
        empty = lastPlusOne == 0;
        if (empty) {
            restartAt(0);
            last = 0;
            lastTs = 0;
            return this;
        }
        last = lastPlusOne - 1;
        lastTs = reference - in.readSignedVarLong();
        head = last + in.readSignedVarLong();
        stride = in.readSignedVarLong();
        steps = 0;
        start = head;
        runStart = 0;
        if (stride != 0) {
            steps = in.readVarInt();
            start = head - in.readSignedVarLong();
            runStart = reference - in.readSignedVarLong();
        }
        return this;
    }
}
