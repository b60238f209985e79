package io.gatewatch.models.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import org.junit.jupiter.api.Test;

class RecentKeySetTest {
    private static final long S0 = 1_700_000_000L;

    private static int key(String s) {
        return RecentKeySet.hash(s);
    }

    @Test
    void shouldCountADistinctKeyOnceAndKeepItsNewestTime() {
        RecentKeySet set = new RecentKeySet(8);
        assertTrue(set.put(key("/a"), S0, 1));
        assertFalse(set.put(key("/a"), S0 + 60, 3));
        assertFalse(set.put(key("/a"), S0 + 10, 3), "an out-of-order repeat");
        assertEquals(1, set.size());
        assertEquals(S0 + 60, set.second(0));
        assertEquals(3, set.tagOf(key("/a")));
        assertEquals(-1, set.tagOf(key("/b")));
    }

    @Test
    void shouldExpireEntriesLastSeenBeforeACutoff() {
        RecentKeySet set = new RecentKeySet(8);
        set.put(key("/old"), S0, 1);
        set.put(key("/new"), S0 + 100, 1);
        set.expireBefore(S0 + 50);
        assertEquals(1, set.size());
        assertEquals(0, set.indexOf(key("/new")));
    }

    @Test
    void shouldEvictTheOldestOfTheLowestTagWhenFull() {
        RecentKeySet set = new RecentKeySet(3);
        set.put(key("/probe"), S0, 5);
        set.put(key("/miss1"), S0 + 1, 1);
        set.put(key("/miss2"), S0 + 2, 1);
        set.put(key("/miss3"), S0 + 3, 1);
        assertEquals(3, set.size());
        assertEquals(-1, set.indexOf(key("/miss1")));
        assertTrue(set.indexOf(key("/probe")) >= 0, "a higher tag outlives newer low ones");
    }

    @Test
    void shouldRoundTripCompactlyNewestFirst() {
        RecentKeySet set = new RecentKeySet(48);
        for (int i = 0; i < 48; i++) {
            set.put(key("/p" + i), S0 + 300L * i, i % 32);
        }
        ByteWriter w = new ByteWriter(64);
        set.writeTo(w);
        assertTrue(w.size() <= 5 + 48 * 6, "48 entries five minutes apart take " + w.size() + " bytes");
        RecentKeySet back = new RecentKeySet(48).readFrom(new ByteReader(w.toByteArray()));
        assertEquals(48, back.size());
        for (int i = 0; i < 48; i++) {
            int at = back.indexOf(key("/p" + i));
            assertEquals(S0 + 300L * i, back.second(at));
            assertEquals(i % 32, back.tag(at));
        }
    }

    @Test
    void shouldTakeOneByteWhenEmpty() {
        ByteWriter w = new ByteWriter(16);
        new RecentKeySet(48).writeTo(w);
        assertEquals(1, w.size());
    }

    @Test
    void shouldSpreadSimilarPathsOverTheFingerprintSpace() {
        RecentKeySet set = new RecentKeySet(1024);
        for (int i = 0; i < 1024; i++) {
            set.put(key("/static/img/" + i + ".png"), S0, 1);
        }
        assertEquals(1024, set.size(), "no two of 1024 similar paths share a 24-bit fingerprint");
    }

    /** An empty set holds no arrays until its first key: reading one back must still take keys. */
    @Test
    void shouldTakeKeysAfterBeingReadBackEmpty() {
        ByteWriter out = new ByteWriter(16);
        new RecentKeySet(4).writeTo(out);
        RecentKeySet read = new RecentKeySet(4).readFrom(new ByteReader(out.toByteArray()));
        assertTrue(read.isEmpty());
        assertEquals(-1, read.indexOf(RecentKeySet.hash("/a")));
        read.expireBefore(10);
        assertTrue(read.put(RecentKeySet.hash("/a"), 5, 3));
        assertEquals(3, read.tagOf(RecentKeySet.hash("/a")));
        assertEquals(1, read.size());
    }
}
