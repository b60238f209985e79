package io.gatewatch.alerting.delivery;

import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.sink.SendResult;
import io.gatewatch.alerting.sink.Sink;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Bounded retries of one sink for one alert: retryable failures wait and try again, final ones stop. */
public final class Retrier {
    private final DeliverySettings settings;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public Retrier(DeliverySettings settings, Sleeper sleeper, RandomGenerator random) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.random = random;
    }

    public Outcome deliver(Sink sink, Alert alert) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            SendResult result;
            try {
                result = sink.send(alert);
            } catch (RuntimeException e) {
                // A sink bug must cost one alert, not the worker thread.
                result = new SendResult.Failed("internal error: " + Sink.describe(e));
            }
            switch (result) {
                case SendResult.Delivered d -> {
                    return new Outcome.Delivered(attempt);
                }
                case SendResult.Failed f -> {
                    return new Outcome.Undeliverable(f.reason(), attempt, false);
                }
                case SendResult.Retryable r -> {
                    if (attempt >= settings.maxAttempts()) {
                        return new Outcome.Undeliverable("gave up after " + attempt + " attempts; last: " + r.reason(), attempt);
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("stopped while retrying");
                    }
                    Duration wait = Backoff.delay(settings, attempt, random.nextDouble(), r.retryAfter());
                    sleeper.sleep(wait);
                }
            }
        }
    }
}
