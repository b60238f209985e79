package io.gatewatch.app.config;

import com.fasterxml.jackson.databind.node.TextNode;
import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.AnomalyModelException;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.nio.file.Path;
import java.time.Duration;
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
    static final List<String> STATE_KEYS = List.of("interval", "model");

    @Override
    public String id() {
        return ID;
    }

    static final DetectorSettings.Keys COMMON = DetectorSettings.keys(false, Alert.Mode.SHADOW, Alert.Severity.LOW,
            Duration.ofHours(1));
    static final ConfigKey<String> MODEL = ConfigKey.text("model", null)
            .doc("the model file from ./detector train; required when enabled");
    static final ConfigKey<Double> THRESHOLD = ConfigKey.number("threshold", 0.75).range(0.0, 1.0).reloadable()
            .doc("calibrated score at or above which an interval is reported; 0.5 = the 99th percentile of the training data");
    static final ConfigKey<Duration> INTERVAL = ConfigKey.duration("interval", Duration.ofMinutes(1))
            .between(Duration.ofSeconds(10), Duration.ofHours(1)).doc("must be the interval the model was trained on");
    static final ConfigKey<Integer> MIN_REQUESTS = ConfigKey.integer("min_requests", 20).range(1, 1_000_000)
            .reloadable().doc("quieter intervals are not judged");
    /** The keys of the {@code anomaly:} block. */
    public static final ConfigDef KEYS = ConfigDef.of().plus(COMMON.entries()).plus(MODEL, THRESHOLD, INTERVAL,
            MIN_REQUESTS);

    public static AnomalyConfig read(ConfigNode n) {
        n.allowOnly(KEYS);
        DetectorSettings settings = DetectorSettings.read(n, COMMON);
        String modelText = n.get(MODEL);
        double threshold = n.get(THRESHOLD);
        Duration interval = n.get(INTERVAL);
        int minRequests = n.get(MIN_REQUESTS);
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
