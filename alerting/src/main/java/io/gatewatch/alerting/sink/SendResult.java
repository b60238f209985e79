package io.gatewatch.alerting.sink;

import java.time.Duration;

/** How one attempt to hand an alert to a sink ended. Reasons never contain secrets. */
public sealed interface SendResult {
    record Delivered() implements SendResult {
    }

    /**
     * Worth trying again (timeouts, refused connections, 429, 5xx).
     *
     * @param retryAfter how long the receiver asked us to wait, or null
     */
    record Retryable(String reason, Duration retryAfter) implements SendResult {
        public Retryable(String reason) {
            this(reason, null);
        }
    }

    /** Trying again will not help (400, 401, 403, 404, an alert the format cannot render). */
    record Failed(String reason) implements SendResult {
    }

    static SendResult delivered() {
        return new Delivered();
    }
}
