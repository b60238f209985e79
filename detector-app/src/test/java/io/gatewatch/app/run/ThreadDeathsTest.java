package io.gatewatch.app.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThreadDeathsTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ThreadDeaths deaths = new ThreadDeaths(3, Duration.ofMinutes(10), nanos::get);

    @Test
    void shouldReplaceThreadsUntilTheThirdDeathWithinTenMinutes() {
        assertTrue(deaths.replaceAfterDeath());
        nanos.addAndGet(Duration.ofMinutes(4).toNanos());
        assertTrue(deaths.replaceAfterDeath());
        nanos.addAndGet(Duration.ofMinutes(4).toNanos());
        assertFalse(deaths.replaceAfterDeath(), "three deaths in eight minutes: stop the client");
    }

    @Test
    void shouldForgetDeathsOlderThanThePeriod() {
        assertTrue(deaths.replaceAfterDeath());
        assertTrue(deaths.replaceAfterDeath());
        nanos.addAndGet(Duration.ofMinutes(11).toNanos());
        assertTrue(deaths.replaceAfterDeath(), "the two earlier deaths are more than ten minutes old");
    }
}
