package io.gatewatch.alerting.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.alerting.Delivery;
import io.gatewatch.alerting.InMemoryDeadLetters;
import io.gatewatch.alerting.RecordingSink;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.alerting.TestClock;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.delivery.Retrier;
import io.gatewatch.alerting.delivery.SinkWorker;
import io.gatewatch.alerting.sink.SendResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The delivery meters as a real sink worker drives them: retries, a final failure, an open breaker. */
class DeliveryMetricsTest {
    private static final DeliverySettings S = new DeliverySettings(3, Duration.ofMillis(100), Duration.ofSeconds(1), 0,
            Duration.ofSeconds(30), 2, 2, Duration.ofMinutes(1), Duration.ofSeconds(1));
    private final TestClock clock = new TestClock(Instant.parse("2025-03-14T12:05:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry);

    private SinkWorker worker(RecordingSink sink) {
        SinkWorker w = new SinkWorker(metrics.meter(sink), S, new Retrier(S, clock::advance, RandomGenerator.getDefault()),
                new InMemoryDeadLetters(), metrics, clock);
        metrics.breaker(sink.name(), w::breakerState);
        return w;
    }

    private double count(String name, String sink) {
        return registry.get(name).tag("sink", sink).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void shouldCountSentFailedRetriedAndDeadLetteredPerSinkAndTimeEachAttempt() throws Exception {
        RecordingSink siem = new RecordingSink("siem").answer(new SendResult.Retryable("HTTP 503"), new SendResult.Retryable("HTTP 503"));
        RecordingSink hook = new RecordingSink("hook").otherwise(new SendResult.Failed("HTTP 404"));
        try (SinkWorker s = worker(siem); SinkWorker h = worker(hook)) {
            s.process(new Delivery("siem", TestAlerts.credentialStuffing(), List.of(1L)));
            for (long i = 2; i <= 4; i++) {
                h.process(new Delivery("hook", TestAlerts.credentialStuffing(), List.of(i)));
            }
        }
        assertEquals(1, count(DeliveryMetrics.SENT, "siem"));
        assertEquals(2, registry.get(DeliveryMetrics.FAILED).tag("sink", "siem").tag("retryable", "true").counter().count());
        assertEquals(2, count(DeliveryMetrics.RETRIED, "siem"), "delivered at the third attempt");
        assertEquals(0, count(DeliveryMetrics.DEAD_LETTERED, "siem"));
        assertEquals(3, registry.get(DeliveryMetrics.SEND).tag("sink", "siem").timer().count());

        assertEquals(0, count(DeliveryMetrics.SENT, "hook"));
        assertEquals(2, registry.get(DeliveryMetrics.FAILED).tag("sink", "hook").tag("retryable", "false").counter().count(),
                "the third delivery met the open breaker and made no attempt");
        assertEquals(3, count(DeliveryMetrics.DEAD_LETTERED, "hook"));
        assertEquals(0, count(DeliveryMetrics.RETRIED, "hook"), "final failures are not retried");
        assertEquals(1.0, registry.get(DeliveryMetrics.BREAKER_OPEN).tag("sink", "hook").gauge().value());
        assertEquals(0.0, registry.get(DeliveryMetrics.BREAKER_OPEN).tag("sink", "siem").gauge().value());
    }

    @Test
    void shouldCountAlertsInAndSuppressedByDetector() {
        metrics.received(TestAlerts.credentialStuffing());
        metrics.received(TestAlerts.credentialStuffing());
        metrics.suppressed(TestAlerts.credentialStuffing());
        assertEquals(2, registry.get(DeliveryMetrics.RECEIVED).tag("detector", "credential_stuffing").counter().count());
        assertEquals(1, registry.get(DeliveryMetrics.SUPPRESSED).tag("detector", "credential_stuffing").counter().count());
    }
}
