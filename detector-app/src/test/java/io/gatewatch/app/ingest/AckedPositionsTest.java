package io.gatewatch.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AckedPositionsTest {
    private static final String FILE = "(dev=803,ino=42)";

    private static FileFollower.Position at(long offset) {
        return new FileFollower.Position(FILE, offset);
    }

    private static RecordMetadata md(int partition, long offset) {
        return new RecordMetadata(new TopicPartition("raw", partition), offset, 0, 0L, 0, 0);
    }

    @Test
    void shouldAdvanceOnlyOverTheAcknowledgedPrefixWhenPartitionsAnswerOutOfOrder() {
        AckedPositions p = new AckedPositions(at(0), Map.of(0, 100L, 1, 200L), -1);
        AckedPositions.Line a = p.add(at(10));
        AckedPositions.Line b = p.add(at(20));
        AckedPositions.Line c = p.add(at(30));

        p.acked(b, md(1, 200));
        assertEquals(new ShipPosition(at(0), Map.of(0, 100L, 1, 200L)), p.snapshot(), "the first line is not acknowledged yet");

        p.acked(a, md(0, 100));
        assertEquals(new ShipPosition(at(20), Map.of(0, 101L, 1, 201L)), p.snapshot());

        p.acked(c, md(0, 101));
        assertEquals(new ShipPosition(at(30), Map.of(0, 102L, 1, 201L)), p.snapshot());
        assertEquals(0, p.inFlight());
    }

    @Test
    void shouldKeepScanningFromTheOldOffsetsUntilPastWhatAnEarlierRunSent() {
        AckedPositions p = new AckedPositions(at(0), Map.of(0, 5L), 20);
        p.acked(p.add(at(10)), md(0, 50));
        assertEquals(Map.of(0, 5L), p.snapshot().scanFrom(), "an earlier run's line past 10 may lie before offset 50");
        p.skipped(at(20));
        p.acked(p.add(at(30)), md(0, 51));
        assertEquals(Map.of(0, 52L), p.snapshot().scanFrom());
    }

    @Test
    void shouldReadBackTheSavedPosition(@TempDir Path tmp) {
        ShipPosition saved = new ShipPosition(at(12_345), Map.of(0, 7L, 1, 9L));
        saved.write(tmp.resolve("pos"));
        assertEquals(Optional.of(saved), ShipPosition.read(tmp.resolve("pos")));
        assertEquals(Optional.empty(), ShipPosition.read(tmp.resolve("missing")));
    }
}
