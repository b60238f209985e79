package io.gatewatch.alerting.config;

import java.time.Duration;

/**
 * How hard one sink tries before an alert goes to the dead-letter topic.
 *
 * @param maxAttempts      tries per alert, the first included
 * @param initialBackoff   wait before the second try; doubled each further try up to {@code maxBackoff}
 * @param jitter           0..1: each wait is shortened by up to this fraction, at random, so sinks that
 *                         failed together do not retry together
 * @param maxRetryAfter    a receiver's {@code Retry-After} is honoured up to this long
 * @param queueCapacity    alerts waiting for this sink; beyond it new ones are dead-lettered at once
 * @param breakerThreshold consecutive undeliverable alerts that open the circuit breaker
 * @param breakerOpenFor   how long an open breaker dead-letters without trying
 * @param timeout          per attempt (connect plus response)
 */
public record DeliverySettings(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double jitter,
        Duration maxRetryAfter,
        int queueCapacity,
        int breakerThreshold,
        Duration breakerOpenFor,
        Duration timeout) {

    public static DeliverySettings defaults() {
        return new DeliverySettings(AlertingKeys.MAX_ATTEMPTS.defaultValue(), AlertingKeys.INITIAL_BACKOFF.defaultValue(),
                AlertingKeys.MAX_BACKOFF.defaultValue(), AlertingKeys.JITTER.defaultValue(),
                AlertingKeys.MAX_RETRY_AFTER.defaultValue(), AlertingKeys.QUEUE_CAPACITY.defaultValue(),
                AlertingKeys.FAILURE_THRESHOLD.defaultValue(), AlertingKeys.OPEN_FOR.defaultValue(),
                AlertingKeys.TIMEOUT.defaultValue());
    }
}
