package io.gatewatch.app.reload;

import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchKeys;
import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.schema.parse.Parsers;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A reloader over a real file with production's loader, keys and detectors (test code only). */
public final class Reloaders {
    private Reloaders() {
    }

    public static ConfigReloader open(Path file, MeterRegistry registry, Map<String, String> heldHere) throws Exception {
        Parsers parsers = Parsers.standard();
        ConfigLoader loader = new ConfigLoader(parsers.names(), alerting -> {
            List<String> problems = new ArrayList<>();
            AlertingConfig.fromTree(alerting, problems);
            return problems;
        });
        return ConfigReloader.open(file, loader, GatewatchKeys.root(parsers.names()), DetectorRegistry.standard(),
                heldHere, new ReloadMetrics(registry));
    }
}
