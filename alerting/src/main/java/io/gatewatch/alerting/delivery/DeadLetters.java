package io.gatewatch.alerting.delivery;

/** Where undeliverable alerts go (by default the Kafka topic {@code gatewatch.alerts.dlq}). */
@FunctionalInterface
public interface DeadLetters {
    /** Records the letter durably before returning, so the input offset may then be committed. */
    void send(DeadLetter letter);
}
