package io.gatewatch.alerting;

import io.gatewatch.alerting.format.TestDetectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.config.DedupSettings;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.config.GroupingSettings;
import io.gatewatch.alerting.config.RouteRule;
import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.alerting.format.AlertFormats;
import io.gatewatch.alerting.format.ConsoleFormat;
import io.gatewatch.alerting.format.Product;
import io.gatewatch.alerting.format.SlackFormat;
import io.gatewatch.alerting.format.SyslogMessage;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An alert with every optional field absent still routes, groups and renders in every format. */
class SparseAlertTest {
    private static final Alert SPARSE = new Alert(Alert.SCHEMA, null, 0, null, null, null, null, null, null,
            null, null, 0, null, null, null, null);

    @Test
    void shouldRenderAnAlertWithOnlyTheSchemaInEveryFormat() {
        AlertFormats formats = new AlertFormats(new Product("G", "G", "1"), "h", TestDetectors.STANDARD);
        for (AlertFormat f : AlertFormat.values()) {
            assertFalse(formats.line(f, SPARSE).isEmpty(), f.toString());
        }
        assertFalse(new SlackFormat(TestDetectors.STANDARD).render(SPARSE).isEmpty());
        assertEquals("--:--:-- UNKNOWN   \"\"", ConsoleFormat.line(SPARSE));
        assertEquals("<14>1 1970-01-01T00:00:00.000Z h gatewatch - - - x", SyslogMessage.rfc5424(1, "h", "gatewatch", SPARSE, "x"));
    }

    @Test
    void shouldDedupRouteAndGroupSparseAlertsWithoutFailing() {
        DeliverySettings d = DeliverySettings.defaults();
        Dispatcher dispatcher = new Dispatcher(new AlertingConfig(List.of(new SinkConfig.Console("console", d)),
                List.of(new RouteRule("all", Set.of(), Alert.Severity.LOW, Set.of(), Set.of(), List.of("console"))),
                DedupSettings.defaults(), new GroupingSettings(true, Duration.ofSeconds(1), 2, Set.of("console")), "dlq"));
        Instant now = Instant.parse("2025-03-14T12:00:00Z");
        dispatcher.accept(SPARSE, 1, now);
        dispatcher.accept(TestAlerts.revision(SPARSE, "other", 0, null), 2, now);
        List<Delivery> out = dispatcher.tick(now.plusSeconds(1));
        assertEquals(1, out.size());
        assertEquals(List.of(1L, 2L), out.getFirst().sequences());
    }
}
