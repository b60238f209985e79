package io.gatewatch.alerting.delivery;

/** How the delivery of one alert to one sink ended, after all attempts. */
public sealed interface Outcome {
    int attempts();

    record Delivered(int attempts) implements Outcome {
    }

    /**
     * Goes to the dead-letter topic with this reason.
     *
     * @param redeliverable the sink may take it later (it was down, busy or its breaker open), so the dead
     *                      letter is redelivered by itself once the sink recovers; false for a final refusal
     *                      (a 4xx, an alert the format cannot render), redelivered only on demand
     */
    record Undeliverable(String reason, int attempts, boolean redeliverable) implements Outcome {
        public Undeliverable(String reason, int attempts) {
            this(reason, attempts, true);
        }
    }

    /** Already delivered or dead-lettered before (a record consumed again after a restart): not sent again. */
    record AlreadyHandled() implements Outcome {
        @Override
        public int attempts() {
            return 0;
        }
    }
}
