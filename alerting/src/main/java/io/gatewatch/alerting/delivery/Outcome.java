package io.gatewatch.alerting.delivery;

/** How the delivery of one alert to one sink ended, after all attempts. */
public sealed interface Outcome {
    int attempts();

    record Delivered(int attempts) implements Outcome {
    }

    /** Goes to the dead-letter topic with this reason. */
    record Undeliverable(String reason, int attempts) implements Outcome {
    }
}
