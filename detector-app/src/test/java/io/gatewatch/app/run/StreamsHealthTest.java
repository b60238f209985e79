package io.gatewatch.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {
    @Test
    void shouldReportHealthyOnlyWhileRunningOrRebalancingWithTheLastErrorUnwrapped() {
        StreamsHealth health = new StreamsHealth(() -> 2);
        assertFalse(health.snapshot().healthy(), "not started yet");
        health.state(KafkaStreams.State.RUNNING);
        health.threadDied(new StreamsException(new IllegalStateException("bug on one record")), true);
        StreamsHealth.Snapshot s = health.snapshot();
        assertTrue(s.healthy());
        assertEquals(2, s.liveThreads());
        assertEquals(1, s.replacedThreads());
        assertEquals("IllegalStateException: bug on one record", s.lastError());
        health.state(KafkaStreams.State.ERROR);
        assertFalse(health.snapshot().healthy());
    }
}
