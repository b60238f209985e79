package io.gatewatch.app.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsHealthCheckTest {

    private static HealthCheck.Status check(State state, OptionalLong lag) {
        return new StreamsHealthCheck(() -> state, () -> lag, 1_000).check();
    }

    @Test
    void shouldBeReadyWhileRunningOrRebalancingWithLagWithinTheLimit() {
        for (State s : new State[] {State.RUNNING, State.REBALANCING}) {
            HealthCheck.Status status = check(s, OptionalLong.of(1_000));
            assertTrue(status.live() && status.ready(), s + ": " + status);
            assertNull(status.reason());
            assertEquals(1_000L, status.details().get("consumer_lag_records"));
        }
        assertTrue(check(State.RUNNING, OptionalLong.empty()).ready(), "lag unknown before the first fetch");
    }

    @Test
    void shouldNotBeReadyButStayLiveWhenLagExceedsTheLimit() {
        HealthCheck.Status status = check(State.RUNNING, OptionalLong.of(1_001));
        assertTrue(status.live());
        assertFalse(status.ready());
        assertEquals("consumer lag 1001 records exceeds the limit of 1000", status.reason());
    }

    @Test
    void shouldBeDeadOnceStreamsFailedOrStopped() {
        for (State s : new State[] {State.ERROR, State.PENDING_ERROR}) {
            HealthCheck.Status status = check(s, OptionalLong.of(0));
            assertFalse(status.live() || status.ready(), s.name());
            assertEquals("Kafka Streams failed: its stream threads died", status.reason());
        }
        assertFalse(check(State.NOT_RUNNING, OptionalLong.of(0)).live());
        HealthCheck.Status created = check(State.CREATED, OptionalLong.empty());
        assertTrue(created.live());
        assertFalse(created.ready());
    }

    @Test
    void shouldTakeTheLargestPartitionLagOfTheMainConsumersOnly() {
        Map<MetricName, Metric> metrics = Map.of(
                lag("app-StreamThread-1-consumer", "0", 12), lagMetric("app-StreamThread-1-consumer", "0", 12),
                lag("app-StreamThread-1-consumer", "1", 40), lagMetric("app-StreamThread-1-consumer", "1", 40),
                lag("app-StreamThread-1-restore-consumer", "0", 9_000), lagMetric("app-StreamThread-1-restore-consumer", "0", 9_000),
                lag("app-StreamThread-2-consumer", "2", Double.NaN), lagMetric("app-StreamThread-2-consumer", "2", Double.NaN));
        assertEquals(OptionalLong.of(40), StreamsHealthCheck.maxRecordsLag(metrics));
        assertEquals(OptionalLong.empty(), StreamsHealthCheck.maxRecordsLag(Map.of()));
    }

    private static MetricName lag(String clientId, String partition, double value) {
        return new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", clientId, "topic", "gatewatch.events", "partition", partition));
    }

    private static Metric lagMetric(String clientId, String partition, double value) {
        MetricName name = lag(clientId, partition, value);
        return new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }
}
