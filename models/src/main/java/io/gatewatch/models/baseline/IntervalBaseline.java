package io.gatewatch.models.baseline;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;

/**
 * A count per fixed event-time interval (requests per 10 s, say) and the {@link Ewma} baseline of the
 * finished intervals. When an event lands in a later interval, the finished one is folded in and so
 * is every empty interval of the gap, so a client quiet for an hour has a baseline that reflects the
 * hour. Events from an earlier interval (late, within the topology's grace) are counted in the
 * current one: the baseline cannot be rewritten, and grace is a few intervals at most.
 */
public final class IntervalBaseline {
    private final long intervalMs;
    private final Ewma baseline;
    /** Absolute index (epoch ms / intervalMs) of the current interval; Long.MIN_VALUE before any event. */
    private long current = Long.MIN_VALUE;
    private long count;

    public IntervalBaseline(long intervalMs, double alpha) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalMs);
        }
        this.intervalMs = intervalMs;
        this.baseline = new Ewma(alpha);
    }

    /**
     * Counts n at event time ts.
     *
     * @param limit      a finished interval above this count was anomalous (a flood, say): learnt at full
     *                   size it would teach the baseline within minutes that floods are normal
     * @param substitute what such an interval is learnt as instead (e.g. one deviation above the mean),
     *                   so that a lasting change of level is still learnt, only slowly
     */
    public void add(long ts, int n, double limit, double substitute) {
        long idx = Math.floorDiv(ts, intervalMs);
        if (current == Long.MIN_VALUE) {
            current = idx;
        } else if (idx > current) {
            baseline.add(count > limit ? Math.min(count, substitute) : count);
            baseline.addZeros(idx - current - 1);
            current = idx;
            count = 0;
        }
        count += n;
    }

    public boolean isEmpty() {
        return current == Long.MIN_VALUE;
    }

    /** The count so far in the interval holding the newest event. */
    public long currentCount() {
        return count;
    }

    /** Event time (epoch ms) at which the current interval began. */
    public long currentStart() {
        return current == Long.MIN_VALUE ? 0 : current * intervalMs;
    }

    public long intervalMs() {
        return intervalMs;
    }

    /** The baseline of finished intervals (per-interval counts); the current one is not in it. */
    public Ewma baseline() {
        return baseline;
    }

    public void writeTo(ByteWriter out) {
        if (current == Long.MIN_VALUE) {
            out.writeVarLong(0);
            return;
        }
        out.writeVarLong(count + 1);
        out.writeSignedVarLong(current);
        baseline.writeTo(out);
    }

    /** Reads into this (freshly constructed, same interval and alpha) instance. */
    public IntervalBaseline readFrom(ByteReader in) {
        long countPlusOne = in.readVarLong();
        if (countPlusOne == 0) {
            current = Long.MIN_VALUE;
            count = 0;
            baseline.reset();
            return this;
        }
        count = countPlusOne - 1;
        current = in.readSignedVarLong();
        baseline.readFrom(in);
        return this;
    }
}
