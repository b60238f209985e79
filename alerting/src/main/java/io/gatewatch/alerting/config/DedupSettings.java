package io.gatewatch.alerting.config;

import java.time.Duration;

/**
 * One notification plus updates per (client key or route, detector) while alerts keep coming within
 * {@code cooldown} of each other (event time). Zero turns it off.
 *
 * @param maxKeys dedup threads remembered; the least recently used are forgotten beyond it
 */
public record DedupSettings(Duration cooldown, int maxKeys) {
    public static DedupSettings defaults() {
        return new DedupSettings(AlertingKeys.DEDUP_COOLDOWN.defaultValue(), AlertingKeys.DEDUP_MAX_KEYS.defaultValue());
    }
}
