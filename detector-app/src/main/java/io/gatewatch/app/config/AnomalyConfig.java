package io.gatewatch.app.config;

import com.fasterxml.jackson.databind.node.TextNode;
import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.AnomalyModelException;
import io.gatewatch.schema.Alert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client whose behaviour over an interval is unlike the traffic a model was trained on (see
 * {@code ./detector train}). Off by default and in shadow mode when turned on, because the model must
 * come from the user's own traffic and its threshold needs watching before it pages anyone.
 *
 * @param model       the model file written by {@code ./detector train}; its header is checked here,
 *                    so a missing or stale model is a config problem, not a failure at start
 * @param threshold   calibrated score (0..1) at or above which an interval is reported
 * @param interval    the interval behaviour is summarised over; must be the one the model was trained on
 * @param minRequests requests an interval needs before it is judged: a client must be busy enough to judge
 */
public record AnomalyConfig(
        DetectorSettings settings,
        Path model,
        double threshold,
        Duration interval,
        int minRequests) implements DetectorConfig {

    public static final String ID = "anomaly";

    @Override
    public String id() {
        return ID;
    }

    public static AnomalyConfig read(ConfigNode n) {
        List<String> keys = new ArrayList<>(List.of(DetectorSettings.KEYS));
        keys.addAll(List.of("model", "threshold", "interval", "min_requests"));
        n.allowOnly(keys.toArray(String[]::new));
        DetectorSettings settings = DetectorSettings.read(n, false, Alert.Mode.SHADOW, Alert.Severity.LOW,
                Duration.ofHours(1));
        String modelText = n.text("model", null);
        double threshold = n.decimal("threshold", 0.75, 0.0, 1.0);
        Duration interval = n.duration("interval", Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofHours(1));
        int minRequests = n.integer("min_requests", 20, 1, 1_000_000);
        Path model = modelText == null ? null : Path.of(modelText);
        if (settings.enabled()) {
            if (model == null) {
                n.problem("model", n.json().get("model"), "required when the anomaly detector is enabled: train one"
                        + " on your own traffic with ./detector train --input access.log --out anomaly.model");
            } else {
                try {
                    AnomalyModel.Header header = AnomalyModel.readHeader(model);
                    if (header.intervalMs() != interval.toMillis()) {
                        n.problem("interval", n.has("interval") ? n.json().get("interval")
                                        : TextNode.valueOf(Durations.format(interval)),
                                "the model was trained on " + Durations.format(Duration.ofMillis(header.intervalMs()))
                                        + " intervals; use that, or retrain with --interval "
                                        + Durations.format(interval));
                    }
                } catch (AnomalyModelException e) {
                    n.problem("model", n.json().get("model"), e.getMessage());
                }
            }
        }
        return new AnomalyConfig(settings, model, threshold, interval, minRequests);
    }
}
