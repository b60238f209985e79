package io.gatewatch.app.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final Instant T0 = Instant.parse("2026-01-12T10:00:00Z");

    private static Label label(String id, Label.Kind kind, String type, String detector, List<String> sources) {
        return new Label(id, kind, type, detector, kind == Label.Kind.ATTACK ? Alert.Scope.ROUTE : null, sources, T0,
                T0.plusSeconds(600), 1000, id);
    }

    private static Alert routeAlert(List<String> sources) {
        return new Alert(Alert.SCHEMA, "rs-1", 0, "route_spike", Alert.Severity.HIGH, Alert.Scope.ROUTE, null,
                "/api/v1/search", "GET", T0, T0.plusSeconds(20), 0.8, "a flood", Map.of(), sources, Alert.Mode.ALERT);
    }

    @Test
    void shouldCountABenignAddressNamedAmongARouteAlertsSourcesAsAlerted() {
        List<Label> labels = List.of(
                label("attack-route-flood", Label.Kind.ATTACK, "route_flood", "route_spike", List.of("198.18.0.1")),
                label("benign-carrier-nat", Label.Kind.BENIGN, "carrier_nat", null, List.of("100.64.12.1")),
                label("benign-shoppers", Label.Kind.BENIGN, "shoppers", null, List.of("203.0.113.9")));
        Evaluation e = Evaluation.of(labels, List.of(routeAlert(List.of("198.18.0.1", "100.64.12.1"))), Duration.ofMinutes(5));
        assertEquals(Evaluation.Outcome.CAUGHT, e.attacks().getFirst().outcome());
        assertEquals(List.of(List.of("100.64.12.1"), List.of()),
                e.benign().stream().map(Evaluation.BenignResult::alertedIps).toList(),
                "the NAT a route alert tells the analyst to block is alerted; the shoppers it does not name are not");
    }
}
