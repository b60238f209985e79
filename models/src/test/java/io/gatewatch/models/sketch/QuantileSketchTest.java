package io.gatewatch.models.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.CorruptDataException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {

    @Test
    void shouldPlaceTheTailQuantileOfAHundredThousandSamplesWithinTwoPercentOfRank() {
        QuantileSketch s = new QuantileSketch(200);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            s.add(r.nextInt(10_000));
        }
        double p99 = s.quantile(0.99);
        assertTrue(p99 >= 9_700 && p99 <= 10_000, "p99 of uniform 0..9999 was " + p99);
        assertEquals(100_000, s.count());
    }

    @Test
    void shouldSurviveARoundTripThroughBytesWithTheSameQuantiles() {
        QuantileSketch s = new QuantileSketch(100);
        for (int i = 1; i <= 5_000; i++) {
            s.add(i % 97);
        }
        QuantileSketch back = QuantileSketch.fromBytes(s.toBytes());
        assertEquals(s.count(), back.count());
        assertEquals(s.quantile(0.5), back.quantile(0.5));
        assertEquals(s.quantile(0.99), back.quantile(0.99));
    }

    @Test
    void shouldAnswerNanWhenEmptyAndIgnoreNonFiniteSamples() {
        QuantileSketch s = new QuantileSketch(100);
        s.add(Double.NaN);
        s.add(Double.POSITIVE_INFINITY);
        assertTrue(Double.isNaN(s.quantile(0.9)));
        assertEquals(0, s.count());
    }

    @Test
    void shouldRefuseBytesThatAreNotASketch() {
        assertThrows(CorruptDataException.class, () -> QuantileSketch.fromBytes(new byte[] {1, 2, 3}));
    }
}
