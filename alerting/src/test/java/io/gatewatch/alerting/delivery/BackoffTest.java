package io.gatewatch.alerting.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.alerting.config.DeliverySettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final DeliverySettings S = new DeliverySettings(10, Duration.ofMillis(500), Duration.ofSeconds(4), 0.2,
            Duration.ofSeconds(60), 10, 5, Duration.ofMinutes(1), Duration.ofSeconds(1));

    @Test
    void shouldDoubleEachTimeUpToTheCap() {
        assertEquals(Duration.ofMillis(500), Backoff.delay(S, 1, 0, null));
        assertEquals(Duration.ofMillis(1000), Backoff.delay(S, 2, 0, null));
        assertEquals(Duration.ofMillis(2000), Backoff.delay(S, 3, 0, null));
        assertEquals(Duration.ofMillis(4000), Backoff.delay(S, 4, 0, null));
        assertEquals(Duration.ofMillis(4000), Backoff.delay(S, 9, 0, null));
        assertEquals(Duration.ofMillis(4000), Backoff.delay(S, 60, 0, null), "no overflow for many attempts");
    }

    @Test
    void shouldShortenByUpToTheJitterFraction() {
        assertEquals(Duration.ofMillis(800), Backoff.delay(S, 2, 1.0, null));
        assertEquals(Duration.ofMillis(900), Backoff.delay(S, 2, 0.5, null));
    }

    @Test
    void shouldHonourALongerRetryAfterButNotBeyondItsCap() {
        assertEquals(Duration.ofSeconds(7), Backoff.delay(S, 1, 0, Duration.ofSeconds(7)));
        assertEquals(Duration.ofMillis(500), Backoff.delay(S, 1, 0, Duration.ofMillis(100)), "backoff wins when longer");
        assertEquals(Duration.ofSeconds(60), Backoff.delay(S, 1, 0, Duration.ofHours(2)));
    }
}
