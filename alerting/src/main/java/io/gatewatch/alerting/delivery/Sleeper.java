package io.gatewatch.alerting.delivery;

import java.time.Duration;

/** Waits between attempts; injected so tests move time instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return d -> Thread.sleep(d);
    }
}
