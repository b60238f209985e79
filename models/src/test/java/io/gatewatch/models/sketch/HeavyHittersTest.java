package io.gatewatch.models.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeavyHittersTest {
    private static final long MINUTE = 60_000;

    @Test
    void shouldNameTheHeavySourcesAmongManyLightOnesWithCountsWithinTheErrorBound() {
        HeavyHitters h = new HeavyHitters(64, MINUTE);
        for (int i = 0; i < 2_000; i++) {
            h.add(1_000, "10.0.0." + (i % 250), 1);           // 250 light sources, 8 each
            if (i % 4 == 0) {
                h.add(1_000, "192.0.2." + (i % 3), 1);        // three heavy ones, about 167 each
            }
        }
        List<HeavyHitters.Item> top = h.top(2_000, 3);
        assertEquals(3, top.size());
        for (HeavyHitters.Item i : top) {
            assertTrue(i.item().startsWith("192.0.2."), i.toString());
            assertTrue(i.lowerBound() <= 167 && i.estimate() >= 166 && i.estimate() - 167 <= h.maxError(), i.toString());
        }
    }

    @Test
    void shouldForgetAGenerationOnceItIsTwoWindowsOld() {
        HeavyHitters h = new HeavyHitters(8, MINUTE);
        h.add(0, "a", 10);
        h.add(MINUTE + 1, "b", 3);
        assertEquals(List.of("a", "b"), h.top(MINUTE + 1, 5).stream().map(HeavyHitters.Item::item).toList());
        h.add(2 * MINUTE + 1, "c", 1);
        assertEquals(List.of("b", "c"), h.top(2 * MINUTE + 1, 5).stream().map(HeavyHitters.Item::item).toList());
        assertEquals(List.of(), h.top(10 * MINUTE, 5), "nothing is heavy after two silent windows");
    }

    @Test
    void shouldReadBackWhatItWrote() {
        HeavyHitters h = new HeavyHitters(16, MINUTE);
        h.add(0, "a", 5);
        h.add(MINUTE, "b", 7);
        ByteWriter out = new ByteWriter(64);
        h.writeTo(out);
        HeavyHitters back = new HeavyHitters(16, MINUTE).readFrom(new ByteReader(out.toByteArray()));
        assertEquals(h.top(MINUTE, 5), back.top(MINUTE, 5));
    }

    @Test
    void shouldRefuseBytesThatAreNotASketch() {
        ByteWriter out = new ByteWriter(16);
        out.writeVarInt(1);
        out.writeSignedVarLong(3);
        out.writeVarInt(4);
        out.writeBytes(new byte[] {9, 9, 9, 9}, 0, 4);
        assertThrows(CorruptDataException.class, () -> new HeavyHitters(16, MINUTE).readFrom(new ByteReader(out.toByteArray())));
    }

    @Test
    void shouldRefuseAMapSizeThatIsNotAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new HeavyHitters(48, MINUTE));
    }
}
