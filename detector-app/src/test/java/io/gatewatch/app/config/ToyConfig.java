package io.gatewatch.app.config;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.time.Duration;

/**
 * The toy detector's block (test code only): more than {@code maxHits} requests to {@code /toy/**} within
 * {@code window} fires. {@code window} shapes its state.
 */
public record ToyConfig(DetectorSettings settings, Duration window, int maxHits) implements DetectorConfig {
    public static final String ID = "toy_probe";
    static final DetectorSettings.Keys COMMON = DetectorSettings.keys(true, Alert.Mode.ALERT, Alert.Severity.LOW,
            Duration.ofMinutes(5));
    static final ConfigKey<Duration> WINDOW = ConfigKey.duration("window", Duration.ofMinutes(1))
            .between(Duration.ofSeconds(1), Duration.ofHours(1)).doc("hits are counted within this window");
    static final ConfigKey<Integer> MAX_HITS = ConfigKey.integer("max_hits", 3).range(1, 1000)
            .doc("hits tolerated in the window; one more fires");
    public static final ConfigDef KEYS = ConfigDef.of().plus(COMMON.entries()).plus(WINDOW, MAX_HITS);

    @Override
    public String id() {
        return ID;
    }

    public static ToyConfig read(ConfigNode n) {
        n.allowOnly(KEYS);
        return new ToyConfig(DetectorSettings.read(n, COMMON), n.get(WINDOW), n.get(MAX_HITS));
    }
}
