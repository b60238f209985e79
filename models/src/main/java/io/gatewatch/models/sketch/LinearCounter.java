package io.gatewatch.models.sketch;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;

/**
 * Estimates how many distinct items were added, in 256 bits (linear counting, Whang et al. 1990):
 * each item sets one bit chosen by its hash and the estimate is {@code -m ln(zeroBits / m)}. Near
 * exact for a few dozen items, within about 5 % at a hundred, usable to about a thousand; it
 * saturates (every bit set) near {@link #SATURATION}. Serialised as the positions of its set bits
 * while sparse, so a counter holding ten items costs eleven bytes, and as the raw 32 bytes when dense.
 */
public final class LinearCounter {
    public static final int BITS = 256;
    /** The estimate reported when every bit is set: the expected distinct count that fills the bitmap. */
    public static final long SATURATION = Math.round(BITS * Math.log(BITS));
    private static final int WORDS = BITS / 64;
    private static final int SPARSE_MAX = WORDS * 8;
    private final long[] words = new long[WORDS];

    public void add(long hash) {
        int bit = (int) (hash & (BITS - 1));
        words[bit >>> 6] |= 1L << (bit & 63);
    }

    public void or(LinearCounter other) {
        for (int i = 0; i < WORDS; i++) {
            words[i] |= other.words[i];
        }
    }

    public void clear() {
        java.util.Arrays.fill(words, 0);
    }

    public int bitsSet() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    public boolean isEmpty() {
        return bitsSet() == 0;
    }

    public long estimate() {
        return estimate(bitsSet());
    }

    /** The distinct-count estimate for a 256-bit linear counter with this many bits set. */
    public static long estimate(int bitsSet) {
        int zeros = BITS - bitsSet;
        if (zeros <= 0) {
            return SATURATION;
        }
        return Math.round(-BITS * Math.log((double) zeros / BITS));
    }

    public void writeTo(ByteWriter out) {
        int set = bitsSet();
        out.writeVarInt(set);
        if (set == 0) {
            return;
        }
        if (set <= SPARSE_MAX) {
            // Visits the set bits only, in ascending order as before: profiles are written on every event.
            for (int w = 0; w < WORDS; w++) {
                for (long rest = words[w]; rest != 0; rest &= rest - 1) {
                    out.writeByte(w * 64 + Long.numberOfTrailingZeros(rest));
                }
            }
            return;
        }
        for (long w : words) {
            for (int b = 0; b < 8; b++) {
                out.writeByte((int) (w >>> (8 * b)));
            }
        }
    }

    public LinearCounter readFrom(ByteReader in) {
        clear();
        int set = in.readVarInt();
        if (set == 0) {
            return this;
        }
        if (set <= SPARSE_MAX) {
            for (int i = 0; i < set; i++) {
                int bit = in.readByte();
                words[bit >>> 6] |= 1L << (bit & 63);
            }
            return this;
        }
        for (int i = 0; i < WORDS; i++) {
            long w = 0;
            for (int b = 0; b < 8; b++) {
                w |= (long) in.readByte() << (8 * b);
            }
            words[i] = w;
        }
        return this;
    }
}
