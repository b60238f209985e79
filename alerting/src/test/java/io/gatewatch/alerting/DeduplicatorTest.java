package io.gatewatch.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.alerting.config.DedupSettings;
import io.gatewatch.alerting.state.ChainState;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
    private static final Instant T = Instant.parse("2025-03-14T12:00:00Z");
    private final DedupSettings settings = new DedupSettings(Duration.ofMinutes(10), 1000);
    private final Map<String, ChainState> saved = new HashMap<>();

    private Deduplicator dedup() {
        return new Deduplicator(settings, saved.values(), c -> saved.put(c.key(), c));
    }

    private static Alert nth(int n) {
        return TestAlerts.clientAlert("credential_stuffing", "203.0.113.7", Alert.Severity.HIGH, T.plusSeconds(60L * n), "/login");
    }

    @Test
    void shouldNumberAnInputConsumedAgainAfterARestartAsBeforeAndDropASecondRepeat() {
        Deduplicator before = dedup();
        Alert first = before.admit(nth(0), T).orElseThrow();
        Alert second = before.admit(nth(1), T).orElseThrow();
        assertEquals(1, second.revision());

        Deduplicator after = dedup();
        assertEquals(Optional.of(first), after.admit(nth(0), T), "the first input again: the same alert as before");
        assertEquals(Optional.of(second), after.admit(nth(1), T), "renumbered as revision 1 again");
        assertTrue(after.admit(nth(1), T).isEmpty(), "a second repeat in this run is a duplicate");
        Alert third = after.admit(nth(2), T).orElseThrow();
        assertEquals(first.alertId(), third.alertId(), "the chain goes on across the restart");
        assertEquals(2, third.revision());
    }

    @Test
    void shouldStartANewChainAfterARestartOnceTheCooldownHasPassed() {
        dedup().admit(nth(0), T);
        Alert late = dedup().admit(nth(11), T).orElseThrow();
        assertEquals(nth(11), late, "eleven minutes later: a notification of its own");
    }
}
