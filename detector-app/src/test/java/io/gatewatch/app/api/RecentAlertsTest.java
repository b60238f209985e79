package io.gatewatch.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.schema.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentAlertsTest {
    private static Alert alert(String id, String key, String route) {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        return new Alert(Alert.SCHEMA, id, 0, "credential_stuffing", Alert.Severity.HIGH, Alert.Scope.CLIENT,
                new Alert.Client(key, null, null, null), route, "POST", t, t, 0.9, "s", Map.of(), List.of(), Alert.Mode.ALERT);
    }

    @Test
    void shouldKeepTheNewestUpToItsCapacityNewestFirst() {
        RecentAlerts recent = new RecentAlerts(3);
        for (int i = 1; i <= 5; i++) {
            recent.add(alert("a" + i, "ip:" + (i % 2), "/login"));
        }
        assertEquals(List.of("a5", "a4", "a3"), recent.newest(10).stream().map(Alert::alertId).toList());
        assertEquals(List.of("a5"), recent.newest(1).stream().map(Alert::alertId).toList());
        assertEquals(List.of("a5", "a3"), recent.forClient("ip:1", 10).stream().map(Alert::alertId).toList());
        assertEquals(List.of("a4"), recent.forRoute("/login", 10).stream().filter(a -> a.client().key().equals("ip:0"))
                .map(Alert::alertId).toList());
    }
}
