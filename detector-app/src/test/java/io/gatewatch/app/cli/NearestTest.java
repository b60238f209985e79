package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestTest {
    private static final List<String> COMMANDS = List.of("demo", "replay", "run", "train", "bench", "ingest");

    @Test
    void shouldCountASwapOfNeighboursAsOneEdit() {
        assertEquals(1, Nearest.distance("dmeo", "demo"));
        assertEquals(List.of("demo"), Nearest.to("dmeo", COMMANDS));
    }

    @Test
    void shouldCompareOptionsWithoutTheirDashes() {
        assertEquals(List.of("--metrics-port"), Nearest.to("--metric-port", List.of("--metrics-port", "--config")));
    }

    @Test
    void shouldSuggestNothingForAWordFarFromEveryName() {
        assertEquals(List.of(), Nearest.to("deploy", COMMANDS), "two edits from replay, too many for six letters");
        assertEquals(List.of(), Nearest.to("xy", COMMANDS), "two edits make any short name from any other");
    }
}
