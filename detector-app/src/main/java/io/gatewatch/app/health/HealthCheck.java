package io.gatewatch.app.health;

import java.util.Map;

/**
 * One part of the process that {@code /health} answers for: the Kafka Streams client, the alerting
 * service. Checks are cheap and safe to call from any thread.
 */
public interface HealthCheck {
    String name();

    Status check();

    /**
     * @param live    false when the part is dead and will not recover: restart the process
     * @param ready   true when the part is doing its job now
     * @param state   a short word for the part's state, e.g. the Streams state {@code RUNNING}
     * @param reason  why it is not live or not ready; null when it is both
     * @param details bounded figures behind the verdict (lag, limits), shown as they are
     */
    record Status(boolean live, boolean ready, String state, String reason, Map<String, Object> details) {
        public Status {
            details = Map.copyOf(details);
        }

        public static Status up(String state, Map<String, Object> details) {
            return new Status(true, true, state, null, details);
        }
    }
}
