package io.gatewatch.alerting;

import io.gatewatch.schema.Alert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alerts as the detectors write them, for tests of every format and of routing. */
public final class TestAlerts {
    public static final Instant DETECTED = Instant.parse("2025-03-14T12:01:05.120Z");
    public static final Instant FIRST_SEEN = Instant.parse("2025-03-14T12:00:41.250Z");

    private TestAlerts() {
    }

    public static Alert credentialStuffing() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("login_attempts", 412);
        evidence.put("distinct_users", 397);
        evidence.put("failure_ratio", 0.98);
        evidence.put("window_s", 60);
        evidence.put("threshold_distinct_users", 50);
        return new Alert(Alert.SCHEMA, "cs-203.0.113.7-1741953665120", 0, "credential_stuffing", Alert.Severity.HIGH,
                Alert.Scope.CLIENT, new Alert.Client("ip:203.0.113.7", "203.0.113.7", null, null),
                "/api/v1/login", "POST", FIRST_SEEN, DETECTED, 0.87,
                "203.0.113.7 tried 412 logins for 397 different users in 60 s (threshold 50 users); 98% failed",
                evidence, List.of(), Alert.Mode.ALERT);
    }

    public static Alert dataHarvesting() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("distinct_ids", 1840);
        evidence.put("window_s", 600);
        evidence.put("threshold_distinct_ids", 500);
        evidence.put("sequential_ratio", 0.93);
        return new Alert(Alert.SCHEMA, "dh-key-9f2c-1741953665120", 2, "data_harvesting", Alert.Severity.CRITICAL,
                Alert.Scope.CLIENT, new Alert.Client("key:hmac:9f2c1a7be04d3e11", "198.51.100.23", "hmac:9f2c1a7be04d3e11", "svc-reporting"),
                "/api/v1/customers/{id}", "GET", FIRST_SEEN, DETECTED, 0.95,
                "API key hmac:9f2c1a7be04d3e11 read 1840 different customer records in 10 min (threshold 500), 93% in ID order",
                evidence, List.of(), Alert.Mode.ALERT);
    }

    public static Alert trafficSpikeOnRoute() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("requests_per_s", 1830.5);
        evidence.put("baseline_per_s", 41.2);
        evidence.put("z_score", 38.4);
        evidence.put("threshold_z", 6);
        return new Alert(Alert.SCHEMA, "ts-route-search-1741953665120", 0, "traffic_spike", Alert.Severity.MEDIUM,
                Alert.Scope.ROUTE, null, "/api/v1/search", "GET", FIRST_SEEN, DETECTED, 0.71,
                "GET /api/v1/search at 1830 req/s against a baseline of 41 req/s (z = 38.4, threshold 6)",
                evidence, List.of("192.0.2.10", "192.0.2.11", "192.0.2.12"), Alert.Mode.ALERT);
    }

    public static Alert reconnaissanceShadow() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("distinct_paths", 240);
        evidence.put("not_found_ratio", 0.91);
        evidence.put("threshold_distinct_paths", 100);
        return new Alert(Alert.SCHEMA, "rc-198.51.100.77-1741953665120", 0, "reconnaissance", Alert.Severity.LOW,
                Alert.Scope.CLIENT, new Alert.Client("ip:198.51.100.77", "198.51.100.77", null, null),
                null, null, FIRST_SEEN, DETECTED, 0.42,
                "198.51.100.77 requested 240 different paths in 5 min, 91% not found",
                evidence, List.of(), Alert.Mode.SHADOW);
    }

    /** Request-derived text full of characters each format must escape. */
    public static Alert hostile() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("note", "a|b\\c=d\ne <!channel> & <https://evil.example|click>");
        return new Alert(Alert.SCHEMA, "cs-hostile-1", 1, "credential_stuffing", Alert.Severity.HIGH,
                Alert.Scope.CLIENT, new Alert.Client("user:<!here>|x=y\\z", "203.0.113.9", null, "<@U024BE7LH>|admin=1\\"),
                "/api/v1/login|admin", "POST", FIRST_SEEN, DETECTED, 0.9,
                "user <!channel> said a|b\\c=d\r\nforged line & <https://evil.example|click>",
                evidence, List.of(), Alert.Mode.ALERT);
    }

    public static Alert clientAlert(String detector, String ip, Alert.Severity severity, Instant detectedAt, String route) {
        return new Alert(Alert.SCHEMA, detector + "-" + ip + "-" + detectedAt.toEpochMilli(), 0, detector, severity,
                Alert.Scope.CLIENT, new Alert.Client("ip:" + ip, ip, null, null), route, "POST",
                detectedAt.minusSeconds(30), detectedAt, 0.8, detector + " from " + ip, Map.of("count", 10),
                List.of(), Alert.Mode.ALERT);
    }

    public static Alert revision(Alert a, String alertId, int revision, Instant detectedAt) {
        return new Alert(a.schema(), alertId, revision, a.detector(), a.severity(), a.scope(), a.client(), a.route(),
                a.method(), a.firstSeen(), detectedAt, a.score(), a.summary(), a.evidence(), a.sources(), a.mode());
    }

    public static Alert withMode(Alert a, Alert.Mode mode) {
        return new Alert(a.schema(), a.alertId(), a.revision(), a.detector(), a.severity(), a.scope(), a.client(), a.route(),
                a.method(), a.firstSeen(), a.detectedAt(), a.score(), a.summary(), a.evidence(), a.sources(), mode);
    }
}
