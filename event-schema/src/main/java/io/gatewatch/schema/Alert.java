package io.gatewatch.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An explainable detection: the Alert v1 contract (see DESIGN.md and {@code alert-v1.schema.json}).
 * A continuing attack is one {@code alert_id} with increasing {@code revision}: 0 is the first
 * notification, each later one an update carrying the grown evidence.
 *
 * @param detectedAt event time at which the threshold was crossed (or, for an update, re-crossed)
 * @param score      0..1, how far past its thresholds the evidence is
 * @param evidence   the numbers that crossed and the thresholds they crossed, by name
 * @param sources    top source IPs for route or global scope; empty for client scope
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Alert(
        String schema,
        @JsonProperty("alert_id") String alertId,
        int revision,
        String detector,
        Severity severity,
        Scope scope,
        Client client,
        String route,
        String method,
        @JsonProperty("first_seen") Instant firstSeen,
        @JsonProperty("detected_at") Instant detectedAt,
        double score,
        String summary,
        Map<String, Object> evidence,
        List<String> sources,
        Mode mode) {

    public static final String SCHEMA = "gatewatch.alert/v1";
    public static final String SCHEMA_RESOURCE = "/alert-v1.schema.json";

    public Alert {
        if (!SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("schema must be " + SCHEMA + ", was " + schema);
        }
        if (score < 0 || score > 1 || Double.isNaN(score)) {
            throw new IllegalArgumentException("score must be within 0..1, was " + score);
        }
        firstSeen = Timestamps.toMillis(firstSeen);
        detectedAt = Timestamps.toMillis(detectedAt);
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    @JsonIgnore // a helper, not a contract field
    public boolean isUpdate() {
        return revision > 0;
    }

    /** Every identity known for the client; key is the one the detector counted under. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Client(
            String key,
            String ip,
            @JsonProperty("api_key_hash") String apiKeyHash,
            String user) {
    }

    public enum Severity {
        LOW, MEDIUM, HIGH, CRITICAL;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Severity parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    public enum Scope {
        CLIENT, ROUTE, GLOBAL;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code shadow}: evaluated and counted, never routed to people. */
    public enum Mode {
        ALERT, SHADOW;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }
}
