package io.gatewatch.app.cli;

import io.gatewatch.app.config.ConfigException;
import io.gatewatch.app.config.GatewatchKeys;
import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.app.reload.ConfigReloader;
import io.gatewatch.app.reload.ReloadMetrics;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.app.run.HashKeys;
import io.gatewatch.schema.parse.Parsers;
import java.nio.file.Path;
import io.gatewatch.alerting.config.AlertingConfig;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the config every subcommand uses: the file given, or the built-in defaults. */
final class ConfigFiles {
    private static final Logger log = LoggerFactory.getLogger(ConfigFiles.class);

    private ConfigFiles() {
    }

    static ConfigLoader loader(Parsers parsers) {
        return new ConfigLoader(parsers.names(), alerting -> {
            List<String> problems = new ArrayList<>();
            AlertingConfig.fromTree(alerting, problems, System::getenv, detectorIds());
            return problems;
        });
    }

    /** What an alert route's {@code detectors} may name: the registry's ids. */
    private static java.util.Set<String> detectorIds() {
        return DetectorRegistry.standard().descriptors().stream().map(d -> d.id())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The validated {@code alerting:} block, or the default (every non-shadow alert to the console). */
    static AlertingConfig alerting(GatewatchConfig config) {
        if (config.alerting() == null) {
            return AlertingConfig.defaults();
        }
        List<String> problems = new ArrayList<>();
        AlertingConfig a = AlertingConfig.fromTree(config.alerting(), problems, System::getenv, detectorIds());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("alerting config was validated at load: " + problems);
        }
        return a;
    }

    /**
     * The standard parsers keyed with the deployment's hash key ({@link HashKeys}); what a command that
     * parses logs hands to the topology.
     */
    static Parsers keyedParsers(GatewatchConfig config) {
        return keyedParsers(config, null);
    }

    /** As {@link #keyedParsers(GatewatchConfig)}, keeping a generated key in {@code stateDir} when the config's folder is read-only. */
    static Parsers keyedParsers(GatewatchConfig config, java.nio.file.Path stateDir) {
        return Parsers.standard(HashKeys.resolve(config.secrets(), System.getenv(), stateDir, log::info));
    }

    /**
     * The file read once into a reloader: its {@code live()} is the running config, and its reloads publish
     * changes of live keys there.
     *
     * @param heldHere live keys (dotted prefixes) this process reads only at start, with the reason
     */
    static ConfigReloader reloader(String path, Parsers parsers, io.micrometer.core.instrument.MeterRegistry registry,
            java.util.Map<String, String> heldHere) throws ConfigException {
        DetectorRegistry detectors = DetectorRegistry.standard();
        return ConfigReloader.open(Path.of(path), loader(parsers), GatewatchKeys.root(parsers.names()), detectors,
                heldHere, new ReloadMetrics(registry));
    }

    static GatewatchConfig load(String path, Parsers parsers) throws ConfigException {
        ConfigLoader loader = loader(parsers);
        return path == null ? loader.defaults() : loader.load(Path.of(path));
    }
}
