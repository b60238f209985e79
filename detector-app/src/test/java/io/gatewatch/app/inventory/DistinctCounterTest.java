package io.gatewatch.app.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.sketch.Hashing;
import org.junit.jupiter.api.Test;

class DistinctCounterTest {
    private static DistinctCounter of(int from, int to) {
        DistinctCounter c = new DistinctCounter();
        for (int i = from; i < to; i++) {
            c.add(Hashing.hash64("client-" + i));
        }
        return c;
    }

    private static DistinctCounter roundTrip(DistinctCounter c) {
        ByteWriter out = new ByteWriter(64);
        c.writeTo(out);
        DistinctCounter back = new DistinctCounter();
        back.readFrom(new ByteReader(out.toByteArray()));
        return back;
    }

    @Test
    void shouldCountFewClientsExactlyAndManyWithinThreeStandardErrors() {
        assertEquals(7, of(0, 7).estimate());
        long many = of(0, 50_000).estimate();
        // 1.04 / sqrt(1024) = 3.25 % standard error
        assertTrue(Math.abs(many - 50_000) < 5_000, "estimate " + many + " of 50000");
    }

    @Test
    void shouldMergeOverlappingCountersAsTheirUnion() {
        DistinctCounter a = of(0, 3_000);
        a.merge(of(2_000, 5_000));
        long union = a.estimate();
        assertTrue(Math.abs(union - 5_000) < 500, "union " + union + " of 5000");
    }

    @Test
    void shouldSurviveSerialisationSparseAndDense() {
        assertEquals(of(0, 5).estimate(), roundTrip(of(0, 5)).estimate());
        assertEquals(of(0, 20_000).estimate(), roundTrip(of(0, 20_000)).estimate());
        ByteWriter out = new ByteWriter(64);
        of(0, 5).writeTo(out);
        assertTrue(out.size() < 20, "5 clients cost " + out.size() + " bytes");
    }
}
