package io.gatewatch.schema;

import io.gatewatch.schema.SecretHasher;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Contract objects with every field set, for tests of serialisation and schemas. */
public final class Samples {
    private Samples() {
    }

    public static ApiEvent fullEvent() {
        return ApiEvent.builder().ts(Instant.parse("2025-01-02T03:04:05.678912Z")).gateway("kong")
                .clientIp("203.0.113.7").apiKeyHash("hmac:5c1f0a9b3e7d2468").user("alice")
                .userAgent("curl/8.5.0").method("POST").host("api.example.com").path("/api/v1/users/42")
                .query("expand=orders").route("/api/v1/users/{id}").status(201).bytesOut(512L).bytesIn(64L)
                .latencyMs(12.5).requestId("7f1c-42").build();
    }

    public static Alert alert(int revision) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("failed_logins", 57);
        evidence.put("failed_logins_threshold", 20);
        evidence.put("distinct_users", 41);
        return new Alert(Alert.SCHEMA, "cs-203.0.113.7-1735787045678", revision, "credential_stuffing",
                Alert.Severity.HIGH, Alert.Scope.CLIENT,
                new Alert.Client("203.0.113.7", "203.0.113.7", "hmac:5c1f0a9b3e7d2468", null),
                "/api/v1/login", "POST", Instant.parse("2025-01-02T03:00:00Z"),
                Instant.parse("2025-01-02T03:04:05.678Z"), 0.85,
                "203.0.113.7 failed 57 logins for 41 users on POST /api/v1/login in 5 minutes",
                evidence, List.of(), Alert.Mode.ALERT);
    }
}
