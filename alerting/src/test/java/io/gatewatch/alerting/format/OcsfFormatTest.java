package io.gatewatch.alerting.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.schema.Alert;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OcsfFormatTest {
    private final OcsfFormat ocsf = new OcsfFormat(FormatGoldenTest.PRODUCT, TestDetectors.STANDARD);

    static Stream<Alert> alerts() {
        return Stream.of(TestAlerts.credentialStuffing(), TestAlerts.dataHarvesting(), TestAlerts.trafficSpikeOnRoute(),
                TestAlerts.reconnaissanceShadow(), TestAlerts.hostile());
    }

    // Evidence Artifacts must carry at least one of these (OCSF objects/evidences.json constraint).
    private static final Set<String> EVIDENCE_AT_LEAST_ONE = Set.of("actor", "api", "connection_info", "data", "database",
            "databucket", "device", "dst_endpoint", "email", "file", "process", "query", "resources", "src_endpoint",
            "url", "user", "job", "script");

    @ParameterizedTest
    @MethodSource("alerts")
    void shouldCarryEveryRequiredDetectionFindingField(Alert a) {
        JsonNode f = ocsf.render(a);
        assertEquals(2004, f.path("class_uid").asInt());
        assertEquals(2, f.path("category_uid").asInt());
        int activity = f.path("activity_id").asInt();
        assertEquals(a.isUpdate() ? 2 : 1, activity);
        assertEquals(2004 * 100 + activity, f.path("type_uid").asLong());
        assertTrue(Set.of(1, 2, 3, 4, 5).contains(f.path("severity_id").asInt()), f.path("severity_id").toString());
        assertEquals(a.detectedAt().toEpochMilli(), f.path("time").asLong());
        JsonNode product = f.path("metadata").path("product");
        assertEquals("Gatewatch", product.path("name").asText());
        assertEquals("Gatewatch", product.path("vendor_name").asText());
        assertFalse(product.path("version").asText().isEmpty());
        assertEquals(OcsfFormat.OCSF_VERSION, f.path("metadata").path("version").asText());

        JsonNode info = f.path("finding_info");
        assertEquals(a.alertId(), info.path("uid").asText());
        assertFalse(info.path("title").asText().isEmpty());
        assertEquals(a.firstSeen().toEpochMilli(), info.path("first_seen_time").asLong());
        assertEquals(a.detectedAt().toEpochMilli(), info.path("last_seen_time").asLong());
        assertTrue(info.path("analytic").path("type_id").isInt(), "analytic.type_id is required");
        assertEquals(a.detector(), info.path("analytic").path("name").asText());

        assertTrue(f.path("evidences").isArray() && !f.path("evidences").isEmpty());
        for (JsonNode e : f.path("evidences")) {
            assertTrue(EVIDENCE_AT_LEAST_ONE.stream().anyMatch(e::has), "evidence without any anchoring object: " + e);
        }
        assertEquals(a.score(), f.path("unmapped").path("gatewatch").path("score").asDouble());
        assertEquals(a.evidence().size(), f.path("unmapped").path("gatewatch").path("evidence").size(), "raw numbers kept");
    }

    @Test
    void shouldMapSeverities() {
        assertEquals(List.of(2, 3, 4, 5), Stream.of(Alert.Severity.values()).map(OcsfFormat::severityId).toList());
    }

    @Test
    void shouldPutTheClientIpAndRequestIntoEvidenceAndTheTechniqueIntoAttacks() {
        JsonNode f = ocsf.render(TestAlerts.credentialStuffing());
        JsonNode e = f.path("evidences").get(0);
        assertEquals("203.0.113.7", e.path("src_endpoint").path("ip").asText());
        assertEquals("POST", e.path("http_request").path("http_method").asText());
        assertEquals("/api/v1/login", e.path("http_request").path("url").path("path").asText());
        JsonNode attack = f.path("finding_info").path("attacks").get(0);
        assertEquals("T1110", attack.path("technique").path("uid").asText());
        assertEquals("T1110.004", attack.path("sub_technique").path("uid").asText());
        assertEquals("TA0006", attack.path("tactic").path("uid").asText());
    }

    @Test
    void shouldListOneEvidencePerSourceIpForRouteAlerts() {
        JsonNode f = ocsf.render(TestAlerts.trafficSpikeOnRoute());
        assertEquals(List.of("192.0.2.10", "192.0.2.11", "192.0.2.12"),
                f.path("evidences").valueStream().map(e -> e.path("src_endpoint").path("ip").asText()).toList());
    }

    @Test
    void shouldMarkShadowFindingsAsNotAlerts() {
        assertFalse(ocsf.render(TestAlerts.reconnaissanceShadow()).path("is_alert").asBoolean(true));
        assertTrue(ocsf.render(TestAlerts.credentialStuffing()).path("is_alert").asBoolean(false));
    }

    @Test
    void shouldGiveAnUndeclaredDetectorANeutralMappingNeverMachineLearning() {
        Alert a = new Alert(Alert.SCHEMA, "x-1", 0, "future_rule", Alert.Severity.MEDIUM, Alert.Scope.CLIENT, null, null, null,
                null, TestAlerts.DETECTED, 0.5, "something", null, null, Alert.Mode.ALERT);
        JsonNode analytic = ocsf.render(a).path("finding_info").path("analytic");
        assertEquals(0, analytic.path("type_id").asInt());
        assertEquals("Unknown", analytic.path("type").asText());
        assertEquals("Future rule", ocsf.render(a).path("finding_info").path("title").asText());
        assertTrue(ocsf.render(a).path("finding_info").path("attacks").isMissingNode(), "no technique is invented");
    }

    @Test
    void shouldLabelADetectorDeclaredAsLearnedAsMachineLearning() {
        Alert a = new Alert(Alert.SCHEMA, "an-1", 0, "anomaly", Alert.Severity.LOW, Alert.Scope.CLIENT, null, null, null,
                null, TestAlerts.DETECTED, 0.3, "odd", null, null, Alert.Mode.ALERT);
        assertEquals(4, ocsf.render(a).path("finding_info").path("analytic").path("type_id").asInt());
    }

    @Test
    void shouldListTheIpUserHashedKeyAndRouteAsTypedObservables() {
        JsonNode f = ocsf.render(TestAlerts.dataHarvesting());
        assertEquals(List.of(
                "evidences[0].src_endpoint.ip|2|IP Address|198.51.100.23",
                "evidences[0].actor.user.name|4|User Name|svc-reporting",
                "evidences[0].actor.user.credential_uid|19|User Credential ID|hmac:9f2c1a7be04d3e11",
                "evidences[0].http_request.url.path|6|URL String|/api/v1/customers/{id}"),
                f.path("observables").valueStream().map(o -> o.path("name").asText() + "|" + o.path("type_id").asInt()
                        + "|" + o.path("type").asText() + "|" + o.path("value").asText()).toList());
        for (JsonNode o : f.path("observables")) {
            String[] path = o.path("name").asText().replace("evidences[0]", "evidences/0").split("[./]");
            JsonNode at = f;
            for (String step : path) {
                at = step.matches("\\d+") ? at.path(Integer.parseInt(step)) : at.path(step);
            }
            assertEquals(o.path("value").asText(), at.asText(), "each observable names where its value sits: " + o);
        }
    }

    @Test
    void shouldListEverySourceIpOfARouteAlertAsAnObservable() {
        JsonNode f = ocsf.render(TestAlerts.trafficSpikeOnRoute());
        assertEquals(List.of("192.0.2.10", "192.0.2.11", "192.0.2.12", "/api/v1/search"),
                f.path("observables").valueStream().map(o -> o.path("value").asText()).toList());
        assertEquals("evidences[2].src_endpoint.ip", f.path("observables").get(2).path("name").asText());
    }

    @Test
    void shouldDeriveConfidenceFromTheScore() {
        assertEquals(List.of(1, 2, 2, 3, 3), Stream.of(0.42, 0.5, 0.71, 0.8, 1.0).map(OcsfFormat::confidenceId).toList());
        JsonNode f = ocsf.render(TestAlerts.trafficSpikeOnRoute());
        assertEquals(2, f.path("confidence_id").asInt());
        assertEquals("Medium", f.path("confidence").asText());
        assertEquals(71, f.path("confidence_score").asInt());
    }

    @Test
    void shouldNameAResourceOnlyWhenTheAlertHasARoute() {
        assertTrue(ocsf.render(TestAlerts.reconnaissanceShadow()).path("resources").isMissingNode(),
                "a client-wide finding has no route to name");
        assertEquals("GET /api/v1/search", ocsf.render(TestAlerts.trafficSpikeOnRoute()).path("resources").get(0).path("name").asText());
    }
}
