package io.gatewatch.models.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import org.junit.jupiter.api.Test;

class LinearCounterTest {

    private static LinearCounter withIds(long from, int n) {
        LinearCounter c = new LinearCounter();
        for (long id = from; id < from + n; id++) {
            c.add(Hashing.hash64(id));
        }
        return c;
    }

    @Test
    void shouldCountAFewDistinctIdsAlmostExactlyAndIgnoreRepeats() {
        LinearCounter c = withIds(1000, 15);
        for (long id = 1000; id < 1015; id++) {
            c.add(Hashing.hash64(id));
        }
        assertTrue(Math.abs(c.estimate() - 15) <= 1, "estimate " + c.estimate());
    }

    @Test
    void shouldStayWithinTenPercentFromAHundredToFiveHundred() {
        for (int n : new int[] {100, 200, 500}) {
            for (long from : new long[] {1, 1_000_000, 987_654_321}) {
                long est = withIds(from, n).estimate();
                assertTrue(Math.abs(est - n) <= n / 10, n + " ids from " + from + " estimated " + est);
            }
        }
    }

    @Test
    void shouldReportSaturationWhenEveryBitIsSet() {
        assertEquals(LinearCounter.SATURATION, withIds(0, 20_000).estimate());
        assertEquals(1420, LinearCounter.SATURATION);
    }

    @Test
    void shouldStoreASparseCounterAsItsBitPositionsAndADenseOneAsRawBits() {
        LinearCounter sparse = withIds(7, 10);
        ByteWriter w = new ByteWriter(8);
        sparse.writeTo(w);
        assertEquals(1 + sparse.bitsSet(), w.size());
        assertEquals(sparse.bitsSet(), new LinearCounter().readFrom(new ByteReader(w.toByteArray())).bitsSet());

        LinearCounter dense = withIds(7, 300);
        ByteWriter d = new ByteWriter(8);
        dense.writeTo(d);
        assertEquals(2 + 32, d.size());
        LinearCounter back = new LinearCounter().readFrom(new ByteReader(d.toByteArray()));
        assertEquals(dense.estimate(), back.estimate());
        back.or(withIds(7, 300));
        assertEquals(dense.bitsSet(), back.bitsSet(), "the same bits, so or-ing the same ids adds none");
    }

    @Test
    void shouldHashTextAndNumbersWithoutTrivialCollisions() {
        assertTrue(Hashing.hash64("/users/{id}") != Hashing.hash64("/users/{id}/orders"));
        assertEquals(Hashing.hash64("xx/users/{id}", 2, 13), Hashing.hash64("/users/{id}"));
        assertTrue(Hashing.hash64(0L) != 0);
    }
}
