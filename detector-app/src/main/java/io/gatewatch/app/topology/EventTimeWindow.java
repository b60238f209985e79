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
 * @param maxFuture how far ahead of the wall clock an event may be dated (gateway clock skew)
 */
public record EventTimeWindow(Duration maxFuture) {
    /** Why {@code eventMillis} is outside the window at wall-clock time {@code nowMillis}, or null when inside. */
    public String reject(long eventMillis, long nowMillis) {
        if (eventMillis < 0) {
            return "event time " + Instant.ofEpochMilli(eventMillis) + " is before 1970-01-01T00:00:00Z";
        }
        long limit = nowMillis + maxFuture.toMillis();
        if (eventMillis > limit) {
            return "event time " + Instant.ofEpochMilli(eventMillis) + " is more than " + Durations.format(maxFuture)
                    + " ahead of the wall clock (" + Instant.ofEpochMilli(nowMillis) + "); see time.max_future";
        }
        return null;
    }
}
