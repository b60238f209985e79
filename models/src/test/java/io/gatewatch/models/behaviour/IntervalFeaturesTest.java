package io.gatewatch.models.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import org.junit.jupiter.api.Test;

class IntervalFeaturesTest {
    static final long MINUTE = 60_000;
    static final long T0 = 1_700_000_040_000L; // a minute boundary

    @Test
    void shouldYieldTheClosedIntervalsVectorWhenAnEventLandsInALaterInterval() {
        IntervalFeatures f = new IntervalFeatures(MINUTE);
        for (int i = 0; i < 10; i++) {
            String path = "/api/items/" + i;
            assertNull(f.add(T0 + i * 1000, "/api/items/{id}", path, i < 2 ? "POST" : "GET", i < 3 ? 404 : 200,
                    1000L, i % 2 == 0, false));
        }
        assertNull(f.add(T0 + 20_000, "/login", "/login", "POST", 503, 1000L, false, true));
        BehaviourFeatures v = f.add(T0 + MINUTE + 5, "/api/items/{id}", "/api/items/1", "GET", 200, 10L, false, false);
        assertEquals(T0, v.intervalStart());
        assertEquals(11, v.requests());
        double[] expected = {Math.log1p(11), 3 / 11.0, 1 / 11.0, 2, 11 / 11.0, 1 / 11.0, Math.log1p(1000), 5 / 11.0,
            3 / 11.0};
        assertArrayEquals(expected, v.values(), 1e-9);
        assertEquals(1, f.requests(), "the closing event counts in the new interval");
    }

    @Test
    void shouldCountALateEventInTheCurrentIntervalAndCloseNothing() {
        IntervalFeatures f = new IntervalFeatures(MINUTE);
        f.add(T0 + MINUTE, "/a", "/a", "GET", 200, 1L, false, false);
        assertNull(f.add(T0 + 10, "/a", "/a", "GET", 200, 1L, false, false));
        assertEquals(2, f.requests());
    }

    @Test
    void shouldRoundTripThroughBytesAndStaySmall() {
        IntervalFeatures f = new IntervalFeatures(MINUTE);
        for (int i = 0; i < 30; i++) {
            f.add(T0 + i, "/r" + (i % 5), "/p" + i, "GET", 200, 500L, true, false);
        }
        ByteWriter out = new ByteWriter(64);
        f.writeTo(out);
        assertTrue(out.size() < 100, "size " + out.size());
        IntervalFeatures back = new IntervalFeatures(MINUTE).readFrom(new ByteReader(out.toByteArray()));
        assertEquals(f.finish(), back.finish());
        ByteWriter empty = new ByteWriter(4);
        new IntervalFeatures(MINUTE).writeTo(empty);
        assertEquals(1, empty.size());
        assertNull(new IntervalFeatures(MINUTE).readFrom(new ByteReader(empty.toByteArray())).finish());
    }
}
