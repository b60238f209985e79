package io.gatewatch.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GatewatchMetricsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

    @Test
    void shouldMeasureEventTimeLagFromTheNewestEventSeen() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewatchMetrics metrics = new GatewatchMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));
        double before = registry.get(GatewatchMetrics.EVENT_TIME_LAG).gauge().value();
        assertTrue(Double.isNaN(before), "no event yet: " + before);

        metrics.eventTime(NOW.minusSeconds(90).toEpochMilli());
        metrics.eventTime(NOW.minusSeconds(30).toEpochMilli());
        metrics.eventTime(NOW.minusSeconds(600).toEpochMilli());
        assertEquals(30.0, registry.get(GatewatchMetrics.EVENT_TIME_LAG).gauge().value(), "an older event never moves it back");
        assertEquals("seconds", registry.get(GatewatchMetrics.EVENT_TIME_LAG).gauge().getId().getBaseUnit());
    }

    @Test
    void shouldCountSuppressedFindingsAndAlertsPerDetectorWithBoundedTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewatchMetrics metrics = new GatewatchMetrics(registry);
        metrics.suppressed("credential_stuffing");
        metrics.suppressed("credential_stuffing");
        metrics.alert("credential_stuffing", "high", "shadow", false);
        assertEquals(2.0, registry.get(GatewatchMetrics.FINDINGS_SUPPRESSED).tag("detector", "credential_stuffing").counter().count());
        assertEquals(1.0, registry.get(GatewatchMetrics.ALERTS).tag("mode", "shadow").tag("kind", "new").counter().count());
        for (Meter m : registry.getMeters()) {
            assertFalse(m.getId().getDescription() == null || m.getId().getDescription().isBlank(), m.getId() + " has no help text");
            m.getId().getTags().forEach(t -> assertTrue(
                    java.util.Set.of("detector", "severity", "mode", "kind", "format", "stage").contains(t.getKey()), m.getId().toString()));
        }
    }

    @Test
    void shouldRegisterADeadLetterStageAtZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewatchMetrics metrics = new GatewatchMetrics(registry);
        metrics.deadLetterStage("normalize");
        assertEquals(0.0, registry.get(GatewatchMetrics.DLQ_RECORDS).tag("stage", "normalize").counter().count());
        metrics.deadLettered("normalize");
        assertEquals(1.0, metrics.count(GatewatchMetrics.DLQ_RECORDS));
    }
}
