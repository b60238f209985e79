package io.gatewatch.alerting.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.schema.Alert;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EcsFormatTest {
    // ECS 8.x allowed values of event.category and event.type.
    private static final Set<String> CATEGORIES = Set.of("api", "authentication", "configuration", "database", "driver",
            "email", "file", "host", "iam", "intrusion_detection", "library", "malware", "network", "package", "process",
            "registry", "session", "threat", "vulnerability", "web");
    private static final Set<String> TYPES = Set.of("access", "admin", "allowed", "change", "connection", "creation",
            "deletion", "denied", "end", "error", "group", "indicator", "info", "installation", "protocol", "start", "user");

    private final EcsFormat ecs = new EcsFormat(FormatGoldenTest.PRODUCT, TestDetectors.STANDARD);

    static Stream<Alert> alerts() {
        return OcsfFormatTest.alerts();
    }

    @ParameterizedTest
    @MethodSource("alerts")
    void shouldCarryTheRequiredAlertFields(Alert a) throws Exception {
        JsonNode d = ecs.render(a);
        assertEquals(a.detectedAt(), Instant.parse(d.path("@timestamp").asText()));
        assertFalse(d.path("ecs").path("version").asText().isEmpty());
        assertEquals("alert", d.path("event").path("kind").asText());
        assertFalse(d.path("event").path("category").isEmpty());
        d.path("event").path("category").forEach(c -> assertTrue(CATEGORIES.contains(c.asText()), c.asText()));
        d.path("event").path("type").forEach(t -> assertTrue(TYPES.contains(t.asText()), t.asText()));
        assertTrue(d.path("event").path("severity").isIntegralNumber());
        assertEquals("gatewatch." + a.detector(), d.path("rule").path("id").asText());
        assertEquals(a.detector(), d.path("rule").path("name").asText());
        assertEquals(a.summary(), d.path("message").asText());
        if (a.client() != null && a.client().ip() != null) {
            assertEquals(InetAddress.ofLiteral(a.client().ip()).getHostAddress(), d.path("source").path("ip").asText());
        }
        if (a.route() != null) {
            assertEquals(a.route(), d.path("url").path("path").asText());
            assertEquals(a.method(), d.path("http").path("request").path("method").asText());
        }
        assertEquals(a.alertId(), d.path("gatewatch").path("alert_id").asText());
        assertEquals(a.revision(), d.path("gatewatch").path("revision").asInt());
    }

    @Test
    void shouldMapDetectorsToAttackTechniques() {
        assertEquals(List.of("T1110"), ids(ecs.render(TestAlerts.credentialStuffing()).path("threat").path("technique").path("id")));
        assertEquals(List.of("T1110.004"), ids(ecs.render(TestAlerts.credentialStuffing()).path("threat").path("technique").path("subtechnique").path("id")));
        assertEquals(List.of("T1213"), ids(ecs.render(TestAlerts.dataHarvesting()).path("threat").path("technique").path("id")));
        assertEquals(List.of("T1499"), ids(ecs.render(TestAlerts.trafficSpikeOnRoute()).path("threat").path("technique").path("id")));
        assertEquals(List.of("T1595"), ids(ecs.render(TestAlerts.reconnaissanceShadow()).path("threat").path("technique").path("id")));
        assertEquals("MITRE ATT&CK", ecs.render(TestAlerts.credentialStuffing()).path("threat").path("framework").asText());
        Alert anomaly = new Alert(Alert.SCHEMA, "an-1", 0, "anomaly", Alert.Severity.LOW, Alert.Scope.GLOBAL, null, null, null,
                null, TestAlerts.DETECTED, 0.3, "odd", null, null, Alert.Mode.ALERT);
        assertTrue(ecs.render(anomaly).path("threat").isMissingNode(), "no technique is claimed where none fits");
    }

    @Test
    void shouldUseElasticDetectionRuleSeverities() {
        assertEquals(List.of(21, 47, 73, 99), Stream.of(Alert.Severity.values()).map(EcsFormat::severity).toList());
    }

    @Test
    void shouldRelateEverySourceIpOfARouteAlert() {
        assertEquals(List.of("192.0.2.10", "192.0.2.11", "192.0.2.12"),
                ids(ecs.render(TestAlerts.trafficSpikeOnRoute()).path("related").path("ip")));
    }

    private static List<String> ids(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }
}
