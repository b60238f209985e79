package io.gatewatch.app.config;

import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The toy detector's block (test code only): more than {@code maxHits} requests to {@code /toy/**} within
 * {@code window} fires. {@code window} shapes its state.
 */
public record ToyConfig(DetectorSettings settings, Duration window, int maxHits) implements DetectorConfig {
    public static final String ID = "toy_probe";

    @Override
    public String id() {
        return ID;
    }

    public static ToyConfig read(ConfigNode n) {
        List<String> keys = new ArrayList<>(List.of(DetectorSettings.KEYS));
        keys.addAll(List.of("window", "max_hits"));
        n.allowOnly(keys.toArray(String[]::new));
        return new ToyConfig(DetectorSettings.read(n, Alert.Severity.LOW, Duration.ofMinutes(5)),
                n.duration("window", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1)),
                n.integer("max_hits", 3, 1, 1000));
    }
}
