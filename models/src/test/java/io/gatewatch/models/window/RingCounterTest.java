package io.gatewatch.models.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import org.junit.jupiter.api.Test;

class RingCounterTest {
    /** Aligned to whole minutes, so bucket edges fall on whole seconds. */
    private static final long T0 = 1_700_000_040_000L;

    @Test
    void shouldSumEventsWithinTheWindowOnly() {
        RingCounter c = new RingCounter(30_000, 10);
        for (int s = 0; s < 30; s++) {
            c.add(T0 + s * 1000L, 1);
        }
        assertEquals(30, c.sum(T0 + 29_000));
        // 15 s later the oldest five 3-second buckets have slid out
        assertEquals(15, c.sum(T0 + 44_000));
        assertEquals(0, c.sum(T0 + 60_000));
        c.add(T0 + 61_000, 2);
        assertEquals(2, c.sum(T0 + 61_000));
    }

    @Test
    void shouldCountOutOfOrderEventsInsideTheRingAndRefuseOlderOnes() {
        RingCounter c = new RingCounter(10_000, 10);
        assertTrue(c.add(T0 + 9_000, 1));
        assertTrue(c.add(T0 + 1_000, 1));
        assertFalse(c.add(T0 - 5_000, 1));
        assertEquals(2, c.sum(T0 + 9_000));
    }

    @Test
    void shouldRoundTripThroughItsSparseBinaryForm() {
        RingCounter c = new RingCounter(600_000, 12);
        c.add(T0, 3);
        c.add(T0 + 120_000, 4);
        ByteWriter w = new ByteWriter(16);
        c.writeTo(w);
        RingCounter back = new RingCounter(600_000, 12).readFrom(new ByteReader(w.toByteArray()));
        assertEquals(7, back.sum(T0 + 120_000));
        back.add(T0 + 130_000, 1);
        assertEquals(8, back.sum(T0 + 130_000));
    }

    @Test
    void shouldSerialiseAnEmptyCounterInOneByte() {
        ByteWriter w = new ByteWriter(16);
        new RingCounter(30_000, 10).writeTo(w);
        assertEquals(1, w.size());
    }

    /** An empty counter holds no buckets until its first count: reading one back must still count. */
    @Test
    void shouldCountAfterBeingReadBackEmpty() {
        ByteWriter out = new ByteWriter(16);
        new RingCounter(30_000, 12).writeTo(out);
        RingCounter read = new RingCounter(30_000, 12).readFrom(new ByteReader(out.toByteArray()));
        assertEquals(0, read.sum(1_000));
        assertTrue(read.add(1_000, 2));
        assertTrue(read.add(3_000, 1));
        assertEquals(3, read.sum(3_000));
    }
}
