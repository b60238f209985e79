package io.gatewatch.app.topology;

import io.gatewatch.app.config.Durations;
import java.time.Duration;
import java.time.Instant;

/**
 * The event times Gatewatch accepts from a log line. Kafka refuses a negative record timestamp, and a
 * broker refuses a changelog write more than {@code log.message.timestamp.after.max.ms} (one hour by
 * default) ahead of its clock; either would kill the stream thread on every restart, so such a line is
 * dead-lettered at parse time instead of being passed on.
 *
 * <p>{@code time.max_future} may change on a reload, so the window reads it at each check.
 */
public final class EventTimeWindow {
    private final java.util.function.Supplier<Duration> maxFuture;

    /** @param maxFuture how far ahead of the wall clock an event may be dated (gateway clock skew) */
    public EventTimeWindow(Duration maxFuture) {
        this(() -> maxFuture);
    }

    private EventTimeWindow(java.util.function.Supplier<Duration> maxFuture) {
        this.maxFuture = maxFuture;
    }

    /** Reads the limit from a reloadable config at each check (one volatile read). */
    public static EventTimeWindow live(java.util.function.Supplier<Duration> maxFuture) {
        return new EventTimeWindow(maxFuture);
    }

    public Duration maxFuture() {
        return maxFuture.get();
    }

    /** Why {@code eventMillis} is outside the window at wall-clock time {@code nowMillis}, or null when inside. */
    public String reject(long eventMillis, long nowMillis) {
        if (eventMillis < 0) {
            return "event time " + Instant.ofEpochMilli(eventMillis) + " is before 1970-01-01T00:00:00Z";
        }
        Duration max = maxFuture.get();
        long limit = nowMillis + max.toMillis();
        if (eventMillis > limit) {
            return "event time " + Instant.ofEpochMilli(eventMillis) + " is more than " + Durations.format(max)
                    + " ahead of the wall clock (" + Instant.ofEpochMilli(nowMillis) + "); see time.max_future";
        }
        return null;
    }
}
