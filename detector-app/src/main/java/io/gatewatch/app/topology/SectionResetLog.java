package io.gatewatch.app.topology;

import io.gatewatch.app.detect.ProfileCodec;
import io.gatewatch.app.metrics.GatewatchMetrics;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the sections dropped because the config reshaped them, and logs the first of each detector
 * once per task with the stored and current shape: the operator sees which detector relearns and why.
 */
final class SectionResetLog implements ProfileCodec.SectionResets {
    private static final Logger LOG = LoggerFactory.getLogger(SectionResetLog.class);
    private final String stage;
    private final GatewatchMetrics metrics;
    private final Set<String> logged = new HashSet<>();

    SectionResetLog(String stage, GatewatchMetrics metrics) {
        this.stage = stage;
        this.metrics = metrics;
    }

    @Override
    public void reset(String detector, int stored, int current) {
        metrics.sectionReset(detector);
        if (logged.add(detector)) {
            LOG.info("{}: {} state was written under shape {} and the config now gives {}: it is reset, key by key on"
                    + " first touch, and relearns; other detectors keep theirs", stage, detector, show(stored), show(current));
        }
    }

    private static String show(int shape) {
        return shape < 0 ? "(profile format 1, no fingerprint)" : String.format("v%d/%04x", shape >>> 16, shape & 0xFFFF);
    }
}
