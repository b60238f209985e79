package io.gatewatch.models.sketch;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.common.SketchesException;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.FrequentItemsSketch;

/**
 * The heaviest items (source addresses) of a sliding event-time window: two generations of a
 * DataSketches frequent-items sketch, each one window long, so what is reported covers at least the last
 * window and at most two. The sketch is bounded by its map size whatever the number of items: an item
 * whose share of the stream is above about 3.5 / map size is never missed, and each count is within
 * {@link #maxError()} of the truth.
 */
public final class HeavyHitters {
    private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();
    private final int mapSize;
    private final long windowMs;
    private final int capacity;
    private FrequentItemsSketch<String> current;
    private FrequentItemsSketch<String> previous;
    /** Window index (epoch ms / windowMs) of the current generation; Long.MIN_VALUE when empty. */
    private long generation = Long.MIN_VALUE;

    /** An item with its estimated count over the window, and the count it is certain to have. */
    public record Item(String item, long estimate, long lowerBound) {
    }

    /**
     * @param mapSize  the sketch's map size, a power of two from 8: about 0.75 of it are tracked at once
     * @param windowMs one generation's length
     */
    public HeavyHitters(int mapSize, long windowMs) {
        if (mapSize < 8 || Integer.bitCount(mapSize) != 1) {
            throw new IllegalArgumentException("map size must be a power of two from 8: " + mapSize);
        }
        if (windowMs <= 0) {
            throw new IllegalArgumentException("window must be positive: " + windowMs);
        }
        this.mapSize = mapSize;
        this.windowMs = windowMs;
        this.current = new FrequentItemsSketch<>(mapSize);
        this.previous = new FrequentItemsSketch<>(mapSize);
        this.capacity = current.getMaximumMapCapacity();
    }

    /** Counts n for the item at event time ts; a count older than the previous generation is dropped. */
    public void add(long ts, String item, long n) {
        long g = Math.floorDiv(ts, windowMs);
        if (generation == Long.MIN_VALUE) {
            generation = g;
        } else if (g > generation) {
            // the current generation becomes the previous one; anything older is forgotten
            FrequentItemsSketch<String> recycled = previous;
            recycled.reset();
            if (g == generation + 1) {
                previous = current;
            } else {
                current.reset();
                previous = current;
            }
            current = recycled;
            generation = g;
        } else if (g < generation - 1) {
            return;
        }
        (g == generation ? current : previous).update(item, n);
    }

    /**
     * The k heaviest items of both generations as of event time now, by the count each is certain to have
     * (then by estimate, then by item). When many items of about the same weight crowd the sketch (a flood
     * from hundreds of sources), every estimate is near the error bound, and an item that came in late
     * with one request carries as high an estimate as one counted all along; the certain count tells them
     * apart.
     */
    public List<Item> top(long now, int k) {
        FrequentItemsSketch<String> both = new FrequentItemsSketch<>(mapSize);
        long g = Math.floorDiv(now, windowMs);
        if (generation != Long.MIN_VALUE && g <= generation + 1) {
            both.merge(current);
            if (g == generation) {
                both.merge(previous);
            }
        }
        List<Item> items = new ArrayList<>();
        for (FrequentItemsSketch.Row<String> r : both.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
            items.add(new Item(r.getItem(), r.getEstimate(), r.getLowerBound()));
        }
        items.sort(Comparator.comparingLong(Item::lowerBound).reversed()
                .thenComparing(Comparator.comparingLong(Item::estimate).reversed()).thenComparing(Item::item));
        return items.size() > k ? List.copyOf(items.subList(0, k)) : List.copyOf(items);
    }

    /** The most any reported count may be above the truth (the current generation's error bound). */
    public long maxError() {
        return current.getMaximumError() + previous.getMaximumError();
    }

    public void writeTo(ByteWriter out) {
        if (generation == Long.MIN_VALUE) {
            out.writeVarInt(0);
            return;
        }
        out.writeVarInt(1);
        out.writeSignedVarLong(generation);
        write(out, current);
        write(out, previous);
    }

    /** Reads into this (freshly constructed, same map size and window) sketch. */
    public HeavyHitters readFrom(ByteReader in) {
        if (in.readVarInt() == 0) {
            return this;
        }
        generation = in.readSignedVarLong();
        current = read(in);
        previous = read(in);
        return this;
    }

    private static void write(ByteWriter out, FrequentItemsSketch<String> s) {
        byte[] b = s.toByteArray(SERDE);
        out.writeVarInt(b.length);
        out.writeBytes(b, 0, b.length);
    }

    private FrequentItemsSketch<String> read(ByteReader in) {
        byte[] b = in.readBytes(in.readVarInt());
        try {
            FrequentItemsSketch<String> s = FrequentItemsSketch.getInstance(MemorySegment.ofArray(b), SERDE);
            if (s.getMaximumMapCapacity() != capacity) {
                // a sketch of another size would break the bounds promised above: start this generation anew
                return new FrequentItemsSketch<>(mapSize);
            }
            return s;
        } catch (SketchesException | IllegalArgumentException e) {
            throw new CorruptDataException("heavy-hitters sketch: " + e.getMessage());
        }
    }
}
