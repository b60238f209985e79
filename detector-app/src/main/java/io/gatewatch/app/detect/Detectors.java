package io.gatewatch.app.detect;

import io.gatewatch.app.config.CredentialStuffingConfig;
import io.gatewatch.app.config.DetectorConfig;
import io.gatewatch.app.config.GatewatchConfig;
import java.util.List;

/** Builds the enabled detectors from their config; the switch is exhaustive over the sealed configs. */
public final class Detectors {
    private Detectors() {
    }

    public static List<Detector<?>> clientScope(GatewatchConfig config) {
        return config.detectors().stream()
                .filter(c -> c.settings().enabled())
                .<Detector<?>>map(Detectors::of)
                .toList();
    }

    static Detector<?> of(DetectorConfig c) {
        return switch (c) {
            case CredentialStuffingConfig cs -> new CredentialStuffingDetector(cs);
        };
    }
}
