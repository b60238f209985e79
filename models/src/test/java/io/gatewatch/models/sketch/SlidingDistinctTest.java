package io.gatewatch.models.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import org.junit.jupiter.api.Test;

class SlidingDistinctTest {
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 3_600_000;
    private static final long HOUR = 3_600_000;

    @Test
    void shouldCountDistinctIdsSpreadOverTheWholeWindow() {
        SlidingDistinct d = new SlidingDistinct(HOUR);
        // one new id a minute for an hour: all of them are in the window at its end
        for (int m = 0; m < 60; m++) {
            d.add(T0 + m * 60_000L, Hashing.hash64((long) m));
        }
        long est = d.estimate(T0 + 59 * 60_000L);
        assertTrue(Math.abs(est - 60) <= 3, "estimate " + est);
    }

    @Test
    void shouldForgetIdsOlderThanOneAndAHalfWindows() {
        SlidingDistinct d = new SlidingDistinct(HOUR);
        for (int i = 0; i < 40; i++) {
            d.add(T0 + i * 1000L, Hashing.hash64((long) i));
        }
        assertTrue(d.estimate(T0 + HOUR) >= 38);
        assertEquals(0, d.estimate(T0 + HOUR * 3 / 2 + 1));
        d.add(T0 + 2 * HOUR, Hashing.hash64(999L));
        assertEquals(1, d.estimate(T0 + 2 * HOUR));
    }

    @Test
    void shouldRoundTripAndStayTinyWhenEmpty() {
        SlidingDistinct d = new SlidingDistinct(HOUR);
        ByteWriter empty = new ByteWriter(8);
        d.writeTo(empty);
        assertEquals(1, empty.size());
        for (int i = 0; i < 90; i++) {
            d.add(T0 + i * 30_000L, Hashing.hash64((long) i));
        }
        ByteWriter w = new ByteWriter(8);
        d.writeTo(w);
        SlidingDistinct back = new SlidingDistinct(HOUR).readFrom(new ByteReader(w.toByteArray()));
        assertEquals(d.estimate(T0 + HOUR), back.estimate(T0 + HOUR));
        assertTrue(back.estimate(T0 + HOUR) > 80);
    }
}
