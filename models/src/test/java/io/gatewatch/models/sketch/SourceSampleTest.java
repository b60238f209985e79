package io.gatewatch.models.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceSampleTest {
    private static final long MINUTE = 60_000;

    @Test
    void shouldKeepExactCountsOfASampleWhereHundredsOfEqualSourcesDefeatAFrequentItemsSketch() {
        SourceSample sample = new SourceSample(48, MINUTE);
        HeavyHitters sketch = new HeavyHitters(64, MINUTE);
        for (int second = 0; second < 30; second++) {
            for (int bot = 0; bot < 300; bot++) {
                sample.add(second * 1000L, "198.18." + bot / 250 + "." + bot % 250, 1);
                sketch.add(second * 1000L, "198.18." + bot / 250 + "." + bot % 250, 1);
            }
            // one person a second, each seen once
            sample.add(second * 1000L, "203.0.113." + second, 1);
            sketch.add(second * 1000L, "203.0.113." + second, 1);
        }
        List<SourceSample.Item> top = sample.top(30_000, 10);
        assertEquals(10, top.size());
        assertTrue(top.stream().allMatch(i -> i.item().startsWith("198.18.") && i.count() == 30), top.toString());
        assertTrue(sample.level() > 0, "300 sources do not fit 48: the sample thins out");
        assertTrue(sketch.maxError() > 20, "the sketch's counts are all within its error of each other: " + sketch.maxError());
    }

    @Test
    void shouldWidenAgainOnceTheCrowdHasGone() {
        SourceSample sample = new SourceSample(16, MINUTE);
        for (int i = 0; i < 500; i++) {
            sample.add(0, "10.0." + i / 250 + "." + i % 250, 1);
        }
        int thinned = sample.level();
        sample.add(2 * MINUTE, "192.0.2.1", 1);
        assertTrue(thinned > 0 && sample.level() < thinned, thinned + " then " + sample.level());
    }

    @Test
    void shouldReadBackWhatItWrote() {
        SourceSample sample = new SourceSample(16, MINUTE);
        sample.add(0, "a", 3);
        sample.add(MINUTE, "b", 2);
        ByteWriter out = new ByteWriter(32);
        sample.writeTo(out);
        SourceSample back = new SourceSample(16, MINUTE).readFrom(new ByteReader(out.toByteArray()));
        assertEquals(sample.top(MINUTE, 5), back.top(MINUTE, 5));
        assertEquals(List.of(new SourceSample.Item("a", 3), new SourceSample.Item("b", 2)), back.top(MINUTE, 5));
    }
}
