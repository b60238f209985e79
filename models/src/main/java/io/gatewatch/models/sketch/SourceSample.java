package io.gatewatch.models.sketch;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact counts for a uniform sample of the distinct items (source addresses) of a sliding event-time
 * window: an item is kept when its hash's low {@code level} bits are zero, and the level rises whenever
 * more than {@code capacity} items are kept (adaptive distinct sampling). Where a frequent-items sketch
 * can only say "all about the same" of hundreds of sources of equal weight (a flood from a botnet, each
 * bot a fraction of a percent), the sample holds a few dozen of them with their true counts, so the
 * heaviest named are the flood's and not a person who came in last. Two generations, each one window long.
 */
public final class SourceSample {
    private static final int MAX_LEVEL = 32;
    private final int capacity;
    private final long windowMs;
    /** item -> {count this generation, count the previous generation}. */
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private int level;
    private long generation = Long.MIN_VALUE;

    /** An item and its exact count over the window. */
    public record Item(String item, long count) {
    }

    public SourceSample(int capacity, long windowMs) {
        if (capacity < 1 || windowMs <= 0) {
            throw new IllegalArgumentException("capacity and window must be positive: " + capacity + ", " + windowMs);
        }
        this.capacity = capacity;
        this.windowMs = windowMs;
    }

    public void add(long ts, String item, long n) {
        long g = Math.floorDiv(ts, windowMs);
        if (generation == Long.MIN_VALUE) {
            generation = g;
        } else if (g > generation) {
            rotate(g);
        } else if (g < generation - 1) {
            return;
        }
        if (!sampled(item, level)) {
            return;
        }
        long[] c = counts.computeIfAbsent(item, k -> new long[2]);
        c[g == generation ? 0 : 1] += n;
        while (counts.size() > capacity && level < MAX_LEVEL) {
            level++;
            counts.keySet().removeIf(k -> !sampled(k, level));
        }
    }

    /** The k items of the sample with the highest counts over the window ending at now, heaviest first. */
    public List<Item> top(long now, int k) {
        long g = Math.floorDiv(now, windowMs);
        List<Item> items = new ArrayList<>();
        if (generation != Long.MIN_VALUE && g <= generation + 1) {
            counts.forEach((item, c) -> {
                long n = g == generation ? c[0] + c[1] : c[0];
                if (n > 0) {
                    items.add(new Item(item, n));
                }
            });
        }
        items.sort(Comparator.comparingLong(Item::count).reversed().thenComparing(Item::item));
        return items.size() > k ? List.copyOf(items.subList(0, k)) : List.copyOf(items);
    }

    /** One item in 2^level is kept. */
    public int level() {
        return level;
    }

    private void rotate(long g) {
        boolean next = g == generation + 1;
        counts.values().forEach(c -> {
            c[1] = next ? c[0] : 0;
            c[0] = 0;
        });
        counts.values().removeIf(c -> c[1] == 0);
        // a sample thinned out by a flood widens again once the flood has gone
        while (level > 0 && counts.size() < capacity / 4) {
            level--;
        }
        generation = g;
    }

    private static boolean sampled(String item, int level) {
        return level == 0 || (Hashing.hash64(item) & ((1L << level) - 1)) == 0;
    }

    public void writeTo(ByteWriter out) {
        if (generation == Long.MIN_VALUE) {
            out.writeVarInt(0);
            return;
        }
        out.writeVarInt(counts.size() + 1);
        out.writeSignedVarLong(generation);
        out.writeByte(level);
        counts.forEach((item, c) -> {
            out.writeString(item);
            out.writeVarLong(c[0]);
            out.writeVarLong(c[1]);
        });
    }

    /** Reads into this (freshly constructed, same capacity and window) sample. */
    public SourceSample readFrom(ByteReader in) {
        int n = in.readVarInt() - 1;
        if (n < 0) {
            return this;
        }
        if (n > capacity) {
            throw new CorruptDataException("source sample of " + n + " items (capacity " + capacity + ")");
        }
        generation = in.readSignedVarLong();
        level = Math.min(MAX_LEVEL, in.readByte());
        for (int i = 0; i < n; i++) {
            counts.put(in.readString(), new long[] {in.readVarLong(), in.readVarLong()});
        }
        return this;
    }
}
