package io.gatewatch.models.sketch;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;

/**
 * A small bounded set of recently seen keys (hashes of paths, ids, ...), each with the second it was
 * last seen and a small tag (0..31) the caller gives it: enough to count distinct keys over any
 * sliding window up to the longest one kept, and to split the count by tag.
 *
 * <p>Keys are kept as 24-bit fingerprints: with n keys held, a new key is mistaken for an old one
 * with probability about n / 16.7 million. When full, the entry with the lowest tag is evicted,
 * oldest first, so callers rank tags by how much an entry matters. Serialised newest first with
 * time deltas, about 4 to 6 bytes per entry; an empty set is one byte.
 */
public final class RecentKeySet {
    public static final int MAX_TAG = 31;
    private static final int FINGERPRINT_MASK = 0xFF_FFFF;
    private static final int[] NO_KEYS = {};
    private static final long[] NO_SECONDS = {};
    private static final byte[] NO_TAGS = {};
    private final int capacity;
    /** Allocated at the first key: most sets (one per client profile) stay empty. */
    private int[] keys = NO_KEYS;
    private long[] seconds = NO_SECONDS;
    private byte[] tags = NO_TAGS;
    private int size;

    public RecentKeySet(int capacity) {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("capacity must be from 1 to 1024: " + capacity);
        }
        this.capacity = capacity;
    }

    private void allocate() {
        if (keys.length == 0) {
            keys = new int[capacity];
            seconds = new long[capacity];
            tags = new byte[capacity];
        }
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** A well-mixed 32-bit hash of text (FNV-1a over the chars, then MurmurHash3's finaliser). */
    public static int hash(CharSequence text) {
        int h = 0x811C9DC5;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    public static int fingerprint(int hash) {
        return hash & FINGERPRINT_MASK;
    }

    /** The index of the key, or -1. Indexes are valid until the next change. */
    public int indexOf(int key) {
        int fp = fingerprint(key);
        for (int i = 0; i < size; i++) {
            if (keys[i] == fp) {
                return i;
            }
        }
        return -1;
    }

    /** The key's tag, or -1 when the key is not held. */
    public int tagOf(int key) {
        int i = indexOf(key);
        return i < 0 ? -1 : tags[i];
    }

    /**
     * Records the key as seen at second {@code second} with the given tag (replacing its old tag).
     * The last-seen time only moves forward, so an out-of-order event does not age an entry.
     *
     * @return true when the key was not held before
     */
    public boolean put(int key, long second, int tag) {
        if (tag < 0 || tag > MAX_TAG) {
            throw new IllegalArgumentException("tag must be from 0 to " + MAX_TAG + ": " + tag);
        }
        int i = indexOf(key);
        if (i >= 0) {
            seconds[i] = Math.max(seconds[i], second);
            tags[i] = (byte) tag;
            return false;
        }
        if (size == capacity) {
            removeAt(victim());
        }
        allocate();
        keys[size] = fingerprint(key);
        seconds[size] = second;
        tags[size] = (byte) tag;
        size++;
        return true;
    }

    private int victim() {
        int v = 0;
        for (int i = 1; i < size; i++) {
            if (tags[i] < tags[v] || (tags[i] == tags[v] && seconds[i] < seconds[v])) {
                v = i;
            }
        }
        return v;
    }

    /** Drops every entry last seen before {@code second}. */
    public void expireBefore(long second) {
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (seconds[r] >= second) {
                keys[w] = keys[r];
                seconds[w] = seconds[r];
                tags[w] = tags[r];
                w++;
            }
        }
        size = w;
    }

    private void removeAt(int i) {
        size--;
        keys[i] = keys[size];
        seconds[i] = seconds[size];
        tags[i] = tags[size];
    }

    public int key(int i) {
        return keys[i];
    }

    public long second(int i) {
        return seconds[i];
    }

    public int tag(int i) {
        return tags[i];
    }

    /** {@code count(varint)}, then when not empty the newest second (varlong) and, newest first, each
     * entry as 3 fingerprint bytes and {@code (secondsOlderThanPrevious << 5 | tag)} as a varlong. */
    public void writeTo(ByteWriter out) {
        out.writeVarInt(size);
        if (size == 0) {
            return;
        }
        sortNewestFirst();
        out.writeVarLong(seconds[0]);
        long previous = seconds[0];
        for (int i = 0; i < size; i++) {
            out.writeByte(keys[i]);
            out.writeByte(keys[i] >>> 8);
            out.writeByte(keys[i] >>> 16);
            out.writeVarLong((previous - seconds[i]) << 5 | tags[i]);
            previous = seconds[i];
        }
    }

    /** Reads into this set, replacing what it held; entries beyond its capacity are dropped, oldest first. */
    public RecentKeySet readFrom(ByteReader in) {
        size = 0;
        int count = in.readVarInt();
        if (count == 0) {
            return this;
        }
        if (count > 65_536) {
            throw new CorruptDataException("recent key set of " + count + " entries");
        }
        allocate();
        long previous = in.readVarLong();
        for (int i = 0; i < count; i++) {
            int fp = in.readByte() | in.readByte() << 8 | in.readByte() << 16;
            long packed = in.readVarLong();
            long second = previous - (packed >>> 5);
            previous = second;
            if (size < capacity) {
                keys[size] = fp;
                seconds[size] = second;
                tags[size] = (byte) (packed & MAX_TAG);
                size++;
            }
        }
        return this;
    }

    private void sortNewestFirst() {
        for (int i = 1; i < size; i++) {
            int k = keys[i];
            long s = seconds[i];
            byte t = tags[i];
            int j = i - 1;
            while (j >= 0 && seconds[j] < s) {
                keys[j + 1] = keys[j];
                seconds[j + 1] = seconds[j];
                tags[j + 1] = tags[j];
                j--;
            }
            keys[j + 1] = k;
            seconds[j + 1] = s;
            tags[j + 1] = t;
        }
    }
}
