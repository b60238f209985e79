package io.gatewatch.app.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDiffTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Alert alert(String detector, String key, String route, int secondsIn, int revision, Alert.Mode mode) {
        Alert.Client client = key == null ? null : new Alert.Client(key, null, null, null);
        return new Alert(Alert.SCHEMA, detector + key + secondsIn, revision, detector, Alert.Severity.HIGH,
                key == null ? Alert.Scope.ROUTE : Alert.Scope.CLIENT, client, route, "POST", T0,
                T0.plusSeconds(secondsIn), 0.9, "summary", Map.of(), List.of(), mode);
    }

    @Test
    void shouldMatchAlertsBySubjectNotByIdAndFoldUpdatesIntoTheirAlert() {
        List<Alert> current = List.of(
                alert("credential_stuffing", "ip:1", "/login", 20, 0, Alert.Mode.ALERT),
                alert("credential_stuffing", "ip:1", "/login", 25, 1, Alert.Mode.ALERT),
                alert("credential_stuffing", "ip:gone", "/login", 30, 0, Alert.Mode.ALERT));
        List<Alert> proposed = List.of(
                alert("credential_stuffing", "ip:1", "/login", 5, 0, Alert.Mode.ALERT),
                alert("credential_stuffing", "ip:new", "/login", 6, 0, Alert.Mode.ALERT),
                alert("credential_stuffing", null, "/login", 7, 0, Alert.Mode.ALERT));
        AlertDiff.Detector d = AlertDiff.between(current, proposed).getFirst();
        assertEquals(2, d.currentAlerts(), "an update is not a second alert");
        assertEquals(3, d.proposedAlerts());
        assertEquals(List.of("ip:new", "route:/login"), d.appear().stream().map(AlertDiff.Subject::key).toList());
        assertEquals(List.of("ip:gone"), d.disappear().stream().map(AlertDiff.Subject::key).toList());
    }

    @Test
    void shouldShowAModeChangeAsTheShadowAlertGoingAndThePeopleAlertComing() {
        List<AlertDiff.Detector> ds = AlertDiff.between(
                List.of(alert("reconnaissance", "ip:9", "/.env", 3, 0, Alert.Mode.SHADOW)),
                List.of(alert("reconnaissance", "ip:9", "/.env", 3, 0, Alert.Mode.ALERT)));
        assertEquals("alert", ds.getFirst().appear().getFirst().mode());
        assertEquals("shadow", ds.getFirst().disappear().getFirst().mode());
    }

    @Test
    void shouldCallADetectorUnchangedWhenTheSameSubjectsAlertAsOftenUnderBoth() {
        List<Alert> same = List.of(alert("traffic_spike", "ip:3", "/api", 1, 0, Alert.Mode.ALERT));
        AlertDiff.Detector d = AlertDiff.between(same, same).getFirst();
        assertTrue(d.unchanged());
        assertTrue(new WhatIfReport("p.yaml", "c.yaml", "a.log", 1, List.of(d)).text()
                .contains("traffic_spike: 1 alert under both, the same clients and routes"));
    }
}
