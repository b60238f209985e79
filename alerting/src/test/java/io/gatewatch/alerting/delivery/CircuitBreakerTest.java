package io.gatewatch.alerting.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.alerting.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-03-14T12:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(60), clock);

    @Test
    void shouldOpenAfterConsecutiveFailuresAndStayOpenForItsTime() {
        breaker.failed();
        breaker.failed();
        assertTrue(breaker.allow());
        breaker.failed();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allow());
        clock.advance(Duration.ofSeconds(59));
        assertFalse(breaker.allow());
    }

    @Test
    void shouldLetOneTrialThroughAfterItsTimeAndCloseOnSuccess() {
        for (int i = 0; i < 3; i++) {
            breaker.failed();
        }
        clock.advance(Duration.ofSeconds(60));
        assertTrue(breaker.allow());
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        breaker.succeeded();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        breaker.failed();
        assertTrue(breaker.allow(), "the failure count restarted");
    }

    @Test
    void shouldReopenWhenTheTrialFails() {
        for (int i = 0; i < 3; i++) {
            breaker.failed();
        }
        clock.advance(Duration.ofSeconds(60));
        assertTrue(breaker.allow());
        breaker.failed();
        assertFalse(breaker.allow());
        clock.advance(Duration.ofSeconds(60));
        assertTrue(breaker.allow());
    }

    @Test
    void shouldNotOpenWhenFailuresAreInterruptedBySuccess() {
        breaker.failed();
        breaker.failed();
        breaker.succeeded();
        breaker.failed();
        breaker.failed();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }
}
