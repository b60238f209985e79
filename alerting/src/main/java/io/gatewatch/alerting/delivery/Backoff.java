package io.gatewatch.alerting.delivery;

import io.gatewatch.alerting.config.DeliverySettings;
import java.time.Duration;

/**
 * Exponential backoff with jitter: after the n-th failed attempt wait {@code initial * 2^(n-1)}, capped at
 * {@code max}, shortened by a random fraction of up to {@code jitter}. A receiver's {@code Retry-After}
 * (capped at {@code maxRetryAfter}) wins when it is longer.
 */
public final class Backoff {
    private Backoff() {
    }

    /**
     * @param failedAttempts attempts made so far, at least 1
     * @param random         uniform in [0, 1)
     * @param retryAfter     what the receiver asked for, or null
     */
    public static Duration delay(DeliverySettings s, int failedAttempts, double random, Duration retryAfter) {
        long initial = s.initialBackoff().toMillis();
        long max = s.maxBackoff().toMillis();
        int shift = Math.min(failedAttempts - 1, 30);
        long base = initial > (max >> shift) ? max : Math.min(max, initial << shift);
        long jittered = Math.round(base * (1 - s.jitter() * random));
        Duration wait = Duration.ofMillis(Math.max(jittered, 0));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(s.maxRetryAfter()) > 0 ? s.maxRetryAfter() : retryAfter;
            if (asked.compareTo(wait) > 0) {
                return asked;
            }
        }
        return wait;
    }
}
