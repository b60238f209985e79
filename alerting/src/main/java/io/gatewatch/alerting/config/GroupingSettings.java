package io.gatewatch.alerting.config;

import java.time.Duration;
import java.util.Set;

/**
 * Holds alerts for people sinks {@code groupWait} per (sink, detector, method and route); when at least
 * {@code groupThreshold} arrived they go out as one message with the count and top client keys.
 *
 * @param sinks the sinks grouped; empty means every people sink (Slack, webhook)
 */
public record GroupingSettings(boolean enabled, Duration groupWait, int groupThreshold, Set<String> sinks) {
    public GroupingSettings {
        sinks = Set.copyOf(sinks);
    }

    public static GroupingSettings disabled() {
        return new GroupingSettings(false, AlertingKeys.GROUP_WAIT.defaultValue(), AlertingKeys.GROUP_THRESHOLD.defaultValue(),
                Set.of());
    }
}
