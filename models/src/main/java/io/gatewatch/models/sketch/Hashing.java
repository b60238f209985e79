package io.gatewatch.models.sketch;

/** 64-bit hashes for keeping ids and routes as numbers: FNV-1a over the text, then a full-avalanche mix. */
public final class Hashing {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Hashing() {
    }

    public static long hash64(CharSequence s) {
        return hash64(s, 0, s.length());
    }

    /** Hash of {@code s.subSequence(from, to)} without making the substring. */
    public static long hash64(CharSequence s, int from, int to) {
        long h = FNV_OFFSET;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xFF)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        return mix(h);
    }

    /** Hash of a number (a numeric object id): zero does not hash to zero. */
    public static long hash64(long v) {
        return mix(v ^ 0x9E3779B97F4A7C15L);
    }

    /** MurmurHash3's fmix64: every input bit affects every output bit, so low bits are usable as buckets. */
    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
