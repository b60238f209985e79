package io.gatewatch.app.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.gatewatch.schema.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Ground truth for one simulated actor: who it was, which addresses it used and when it was active.
 * For an attack, start and end bound the attack itself (a spiking client's calm traffic before and
 * after is not part of it).
 *
 * @param type             the attack kind ({@link AttackKind#type()}) or, for a benign actor, its behaviour
 * @param expectedDetector the detector that should catch an attack; null for benign actors
 * @param scope            {@code client} when the attack's own addresses should be alerted on, {@code route}
 *                         when only a route-wide alert listing them in {@code sources} can see it
 * @param sources          every client IP the actor used, in first-use order
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "kind", "type", "expected_detector", "scope", "sources", "start", "end", "requests", "description"})
public record Label(
        String id,
        Kind kind,
        String type,
        @JsonProperty("expected_detector") String expectedDetector,
        Alert.Scope scope,
        List<String> sources,
        Instant start,
        Instant end,
        long requests,
        String description) {

    public Label {
        sources = List.copyOf(sources);
    }

    public boolean isAttack() {
        return kind == Kind.ATTACK;
    }

    public enum Kind {
        ATTACK, BENIGN;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
