package io.gatewatch.app.detect;

import io.gatewatch.app.config.AnomalyConfig;
import io.gatewatch.app.config.CredentialStuffingConfig;
import io.gatewatch.app.config.DataHarvestingConfig;
import io.gatewatch.app.config.DetectorBlock;
import io.gatewatch.app.config.DetectorConfig;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.ReconnaissanceConfig;
import io.gatewatch.app.config.TrafficSpikeConfig;
import java.util.List;

/** Builds the detectors from their config; the switch is exhaustive over the sealed configs. */
public final class Detectors {
    private Detectors() {
    }

    /** A slot per detector enabled in its block or in any of its route overrides. */
    public static List<DetectorSlot> clientScope(GatewatchConfig config) {
        return config.detectors().stream()
                .filter(b -> b.settings().enabled() || b.overrides().stream().anyMatch(o -> o.config().settings().enabled()))
                .map(Detectors::slot)
                .toList();
    }

    static DetectorSlot slot(DetectorBlock block) {
        return new DetectorSlot(of(block.base()), block.overrides().stream()
                .map(o -> new DetectorSlot.Routed(o.route(), of(o.config())))
                .toList());
    }

    static Detector<?> of(DetectorConfig c) {
        return switch (c) {
            case CredentialStuffingConfig cs -> new CredentialStuffingDetector(cs);
            case ReconnaissanceConfig rc -> new ReconnaissanceDetector(rc);
            case TrafficSpikeConfig ts -> new TrafficSpikeDetector(ts);
            case DataHarvestingConfig dh -> new DataHarvestingDetector(dh);
            case AnomalyConfig an -> new AnomalyDetector(an);
        };
    }
}
