package io.gatewatch.alerting.sink;

import io.gatewatch.schema.Alert;

/**
 * A destination for alerts. {@link #send} makes one attempt and reports how it went; retries, backoff and
 * the circuit breaker live in the delivery worker. Each sink is called from its own single worker thread.
 */
public interface Sink extends AutoCloseable {
    String name();

    SendResult send(Alert alert);

    @Override
    default void close() {
    }

    /**
     * {@code <alert_id>:<revision>}: one alert revision's identity, the same on every retry, redelivery and
     * restart, sent where a receiver can use it to drop repeats (the {@code Idempotency-Key} HTTP header).
     */
    static String idempotencyKey(Alert alert) {
        return alert.alertId() + ":" + alert.revision();
    }

    /** A short, secret-free description of a failure, e.g. {@code ConnectException: Connection refused}. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
