package io.gatewatch.models.window;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;

/**
 * Counts events in a sliding event-time window as a ring of fixed-width buckets. The window's sum is
 * exact to one bucket width; events older than the ring are refused (reported late), events out of
 * order within the ring land in their own bucket. Serialised sparsely, so an idle counter is two bytes.
 */
public final class RingCounter {
    private static final int[] NO_COUNTS = {};
    private final long bucketMs;
    private final int buckets;
    /** Allocated at the first count: most counters (several per client profile) stay empty. */
    private int[] counts = NO_COUNTS;
    /** Absolute index (epoch ms / bucketMs) of the newest bucket; Long.MIN_VALUE when empty. */
    private long head = Long.MIN_VALUE;

    public RingCounter(long windowMs, int buckets) {
        if (windowMs <= 0 || buckets <= 0) {
            throw new IllegalArgumentException("window and buckets must be positive: " + windowMs + ", " + buckets);
        }
        this.bucketMs = Math.max(1, ceilDiv(windowMs, buckets));
        this.buckets = buckets;
    }

    /** Adds n at event time ts; false if ts is older than the ring covers (a late event). */
    public boolean add(long ts, int n) {
        long idx = Math.floorDiv(ts, bucketMs);
        if (head == Long.MIN_VALUE) {
            head = idx;
            allocate();
        } else if (idx > head) {
            advanceTo(idx);
        } else if (idx <= head - buckets) {
            return false;
        }
        int slot = (int) Math.floorMod(idx, (long) buckets);
        counts[slot] = saturatingAdd(counts[slot], n);
        return true;
    }

    /** Sum of the buckets in the window ending at event time now. */
    public long sum(long now) {
        if (head == Long.MIN_VALUE) {
            return 0;
        }
        long nowIdx = Math.max(head, Math.floorDiv(now, bucketMs));
        long oldest = nowIdx - buckets + 1;
        long total = 0;
        for (long i = Math.max(oldest, head - buckets + 1); i <= head; i++) {
            total += counts[(int) Math.floorMod(i, (long) buckets)];
        }
        return total;
    }

    public boolean isEmpty(long now) {
        return sum(now) == 0;
    }

    public long windowMs() {
        return bucketMs * buckets;
    }

    private void advanceTo(long idx) {
        long steps = Math.min(idx - head, buckets);
        for (long i = 1; i <= steps; i++) {
            counts[(int) Math.floorMod(head + i, (long) buckets)] = 0;
        }
        head = idx;
    }

    public void writeTo(ByteWriter out) {
        int nonZero = 0;
        for (int c : counts) {
            if (c != 0) {
                nonZero++;
            }
        }
        out.writeVarInt(nonZero);
        if (nonZero == 0) {
            return;
        }
        out.writeSignedVarLong(head);
        for (int back = 0; back < buckets; back++) {
            int c = counts[(int) Math.floorMod(head - back, (long) buckets)];
            if (c != 0) {
                out.writeVarInt(back);
                out.writeVarInt(c);
            }
        }
    }

    /** Reads into this (freshly constructed, same window and buckets) counter. */
    public RingCounter readFrom(ByteReader in) {
        java.util.Arrays.fill(counts, 0);
        head = Long.MIN_VALUE;
        int nonZero = in.readVarInt();
        if (nonZero == 0) {
            return this;
        }
        head = in.readSignedVarLong();
        allocate();
        for (int i = 0; i < nonZero; i++) {
            int back = in.readVarInt();
            int c = in.readVarInt();
            if (back < buckets) {
                counts[(int) Math.floorMod(head - back, (long) buckets)] = c;
            }
        }
        return this;
    }

    private void allocate() {
        if (counts.length == 0) {
            counts = new int[buckets];
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static int saturatingAdd(int a, int b) {
        long s = (long) a + b;
        return s > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) s;
    }
}
