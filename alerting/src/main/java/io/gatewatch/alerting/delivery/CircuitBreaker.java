package io.gatewatch.alerting.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops hammering a dead sink: after {@code threshold} consecutive undeliverable alerts the breaker opens
 * and alerts are dead-lettered without trying for {@code openFor}; then one trial alert is let through,
 * closing the breaker on success and reopening it on failure. Used by one worker thread.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil;
    private State state = State.CLOSED;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether the next alert may be tried. */
    public boolean allow() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            state = State.HALF_OPEN;
        }
        return state != State.OPEN;
    }

    public void succeeded() {
        consecutiveFailures = 0;
        state = State.CLOSED;
    }

    public void failed() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
            state = State.OPEN;
            openUntil = clock.instant().plus(openFor);
        }
    }

    public State state() {
        return state;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }
}
