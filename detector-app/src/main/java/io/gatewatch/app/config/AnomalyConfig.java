package io.gatewatch.app.config;

import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.AnomalyModelException;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A client whose behaviour at 1 min, 10 min or 1 h is unlike its peers' in the traffic a model was
 * trained on (see {@code ./detector train} and docs/models.md). Off by default and in shadow mode when
 * turned on, because the model must come from the user's own traffic.
 *
 * @param model                the model file written by {@code ./detector train}; its header is checked
 *                             here, so a missing or stale model is a config problem, not a failure at start
 * @param falsePositivesPerDay the analyst's budget of benign clients alerted a day; the model's calibration
 *                             turns it into a score threshold
 * @param explain              how many features an alert names
 */
public record AnomalyConfig(
        DetectorSettings settings,
        Path model,
        double falsePositivesPerDay,
        int explain) implements DetectorConfig {

    public static final String ID = "anomaly";
    static final List<String> STATE_KEYS = List.of();

    @Override
    public String id() {
        return ID;
    }

    static final DetectorSettings.Keys COMMON = DetectorSettings.keys(false, Alert.Mode.SHADOW, Alert.Severity.LOW,
            Duration.ofHours(1));
    static final ConfigKey<String> MODEL = ConfigKey.text("model", null)
            .doc("the model file from ./detector train; required when enabled");
    static final ConfigKey<Double> FALSE_POSITIVES_PER_DAY = ConfigKey.number("false_positives_per_day", 1.0)
            .range(0.0, 10_000.0).reloadable()
            .doc("benign clients a day you accept being alerted; the model's calibration turns it into its threshold");
    static final ConfigKey<Integer> EXPLAIN = ConfigKey.integer("explain", 3).range(1, 10).reloadable()
            .doc("features named in each alert, those that drove its score most");
    /** The keys of the {@code anomaly:} block. */
    public static final ConfigDef KEYS = ConfigDef.of().plus(COMMON.entries()).plus(MODEL, FALSE_POSITIVES_PER_DAY,
            EXPLAIN);

    public static AnomalyConfig read(ConfigNode n) {
        n.allowOnly(KEYS);
        DetectorSettings settings = DetectorSettings.read(n, COMMON);
        String modelText = n.get(MODEL);
        double budget = n.get(FALSE_POSITIVES_PER_DAY);
        int explain = n.get(EXPLAIN);
        Path model = modelText == null ? null : Path.of(modelText);
        if (settings.enabled()) {
            if (model == null) {
                n.problem("model", n.json().get("model"), "required when the anomaly detector is enabled: train one"
                        + " on your own traffic with ./detector train --input access.log --out anomaly.model");
            } else {
                try {
                    AnomalyModel.readHeader(model);
                } catch (AnomalyModelException e) {
                    n.problem("model", n.json().get("model"), e.getMessage());
                }
            }
        }
        return new AnomalyConfig(settings, model, budget, explain);
    }
}
