package io.gatewatch.models.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import org.junit.jupiter.api.Test;

class EwmaTest {

    @Test
    void shouldGiveThePlainMeanAndVarianceWhileWarmingUp() {
        Ewma e = new Ewma(0.01);
        for (double x : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            e.add(x);
        }
        assertEquals(8, e.samples());
        assertEquals(5.0, e.mean(), 1e-12);
        assertEquals(4.0, e.variance(), 1e-12);
        assertEquals(2.0, e.stddev(), 1e-12);
    }

    @Test
    void shouldFoldARunOfZerosExactlyAsThatManySteps() {
        Ewma stepped = new Ewma(0.05);
        Ewma folded = new Ewma(0.05);
        for (int i = 0; i < 7; i++) {
            stepped.add(3 + i % 3);
            folded.add(3 + i % 3);
        }
        // the gap starts inside the warm-up (20 samples for alpha 0.05) and runs far past it
        for (int i = 0; i < 500; i++) {
            stepped.add(0);
        }
        folded.addZeros(500);
        assertEquals(stepped.samples(), folded.samples());
        assertEquals(stepped.mean(), folded.mean(), 1e-12);
        assertEquals(stepped.variance(), folded.variance(), 1e-12);
        stepped.add(40);
        folded.add(40);
        assertEquals(stepped.mean(), folded.mean(), 1e-12);
        assertEquals(stepped.variance(), folded.variance(), 1e-12);
    }

    @Test
    void shouldForgetOldLevelsAtTheRateOfItsHalfLife() {
        Ewma e = new Ewma(Ewma.alphaForHalfLife(10));
        for (int i = 0; i < 1000; i++) {
            e.add(100);
        }
        assertEquals(100, e.mean(), 1e-9);
        assertEquals(0, e.variance(), 1e-9);
        e.addZeros(10);
        assertEquals(50, e.mean(), 1e-9, "ten steps is one half-life");
        e.addZeros(10);
        assertEquals(25, e.mean(), 1e-9);
    }

    @Test
    void shouldComputeTheAlphaThatHalvesWeightsOverTheHalfLife() {
        assertEquals(0.5, Ewma.alphaForHalfLife(1), 1e-12);
        assertEquals(0.5, Math.pow(1 - Ewma.alphaForHalfLife(60), 60), 1e-12);
    }

    @Test
    void shouldRoundTripAsAFloatPairAndACount() {
        Ewma e = new Ewma(0.1);
        for (int i = 0; i < 50; i++) {
            e.add(i % 5);
        }
        ByteWriter w = new ByteWriter(16);
        e.writeTo(w);
        assertEquals(9, w.size());
        Ewma back = new Ewma(0.1).readFrom(new ByteReader(w.toByteArray()));
        assertEquals(50, back.samples());
        assertEquals(e.mean(), back.mean(), 1e-5);
        assertEquals(e.variance(), back.variance(), 1e-5);
    }

    @Test
    void shouldSerialiseAnEmptyBaselineInOneByte() {
        ByteWriter w = new ByteWriter(16);
        new Ewma(0.1).writeTo(w);
        assertEquals(1, w.size());
    }
}
