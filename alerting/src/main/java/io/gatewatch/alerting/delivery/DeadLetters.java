package io.gatewatch.alerting.delivery;

/** Where undeliverable alerts go (by default the Kafka topic {@code gatewatch.alerts.dlq}). */
@FunctionalInterface
public interface DeadLetters {
    /** Records the letter durably before returning, so the input offset may then be committed. */
    void send(DeadLetter letter);

    /**
     * As {@link #send(DeadLetter)}, marking whether the letter is redelivered by itself once its sink
     * recovers ({@code true} for outages, {@code false} for final refusals, redelivered only on demand).
     */
    default void send(DeadLetter letter, boolean redeliverable) {
        send(letter);
    }
}
