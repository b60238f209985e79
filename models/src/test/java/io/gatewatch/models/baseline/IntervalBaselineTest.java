package io.gatewatch.models.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import org.junit.jupiter.api.Test;

class IntervalBaselineTest {
    /** Aligned to whole minutes, so 10-second intervals begin on it. */
    private static final long T0 = 1_700_000_040_000L;
    private static final double ALPHA = Ewma.alphaForHalfLife(180);
    private static final double NO_LIMIT = Double.MAX_VALUE;

    @Test
    void shouldLearnASteadyRateFromFinishedIntervalsOnly() {
        IntervalBaseline b = new IntervalBaseline(10_000, ALPHA);
        for (int s = 0; s < 600; s += 2) {
            b.add(T0 + s * 1000L, 1, NO_LIMIT, 0);
        }
        assertEquals(59, b.baseline().samples(), "the 60th interval is still open");
        assertEquals(5.0, b.baseline().mean(), 1e-9);
        assertEquals(0.0, b.baseline().variance(), 1e-9);
        assertEquals(5, b.currentCount());
        assertEquals(T0 + 590_000, b.currentStart());
    }

    @Test
    void shouldDecayTheBaselineByEveryEmptyIntervalOfAGap() {
        IntervalBaseline b = new IntervalBaseline(10_000, ALPHA);
        Ewma expected = new Ewma(ALPHA);
        for (int i = 0; i < 300; i++) {
            b.add(T0 + i * 10_000L, 4, NO_LIMIT, 0);
            if (i > 0) {
                expected.add(4);
            }
        }
        // an hour of silence: the last busy interval and 360 empty ones are folded in, not one step
        b.add(T0 + 300 * 10_000L + 3_600_000, 1, NO_LIMIT, 0);
        expected.add(4);
        expected.addZeros(360);
        assertEquals(expected.samples(), b.baseline().samples());
        assertEquals(expected.mean(), b.baseline().mean(), 1e-12);
        assertEquals(expected.variance(), b.baseline().variance(), 1e-12);
        assertEquals(1.0, b.baseline().mean(), 0.01, "an hour quiet is two half-lives: a quarter of the level");
        assertEquals(1, b.currentCount());
    }

    @Test
    void shouldLearnAnIntervalAboveTheLimitAsItsSubstituteAndOthersAsTheyAre() {
        IntervalBaseline b = new IntervalBaseline(10_000, ALPHA);
        for (int i = 0; i < 100; i++) {
            b.add(T0 + i * 10_000L, 5, 100, 8);
        }
        b.add(T0 + 100 * 10_000L, 4000, 100, 8);
        b.add(T0 + 101 * 10_000L, 90, 100, 8);
        // the 101st sample, still weighed 1/101 in the warm-up, is the substitute 8 and not 4000
        assertEquals(5 + 3.0 / 101, b.baseline().mean(), 1e-9);
        b.add(T0 + 102 * 10_000L, 1, 100, 8);
        double before = 5 + 3.0 / 101;
        assertEquals(before + (90 - before) / 102, b.baseline().mean(), 1e-9, "90 is under the limit: learnt as is");
    }

    @Test
    void shouldCountALateEventInTheCurrentInterval() {
        IntervalBaseline b = new IntervalBaseline(10_000, ALPHA);
        b.add(T0 + 25_000, 1, NO_LIMIT, 0);
        b.add(T0 + 5_000, 1, NO_LIMIT, 0);
        assertEquals(2, b.currentCount());
        assertEquals(0, b.baseline().samples());
    }

    @Test
    void shouldRoundTripMidInterval() {
        IntervalBaseline b = new IntervalBaseline(10_000, ALPHA);
        for (int s = 0; s < 300; s += 3) {
            b.add(T0 + s * 1000L, 1, NO_LIMIT, 0);
        }
        ByteWriter w = new ByteWriter(16);
        b.writeTo(w);
        assertTrue(w.size() <= 20, "bytes: " + w.size());
        IntervalBaseline back = new IntervalBaseline(10_000, ALPHA).readFrom(new ByteReader(w.toByteArray()));
        assertEquals(b.currentCount(), back.currentCount());
        assertEquals(b.currentStart(), back.currentStart());
        assertEquals(b.baseline().samples(), back.baseline().samples());
        assertEquals(b.baseline().mean(), back.baseline().mean(), 1e-5);
        ByteWriter empty = new ByteWriter(4);
        new IntervalBaseline(10_000, ALPHA).writeTo(empty);
        assertEquals(1, empty.size());
        assertTrue(new IntervalBaseline(10_000, ALPHA).readFrom(new ByteReader(empty.toByteArray())).isEmpty());
    }
}
