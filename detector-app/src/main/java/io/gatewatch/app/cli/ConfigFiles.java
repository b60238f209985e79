package io.gatewatch.app.cli;

import io.gatewatch.app.config.ConfigException;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.schema.parse.Parsers;
import java.nio.file.Path;
import io.gatewatch.alerting.config.AlertingConfig;
import java.util.ArrayList;
import java.util.List;

/** Loads the config every subcommand uses: the file given, or the built-in defaults. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static ConfigLoader loader(Parsers parsers) {
        return new ConfigLoader(parsers.names(), alerting -> {
            List<String> problems = new ArrayList<>();
            AlertingConfig.fromTree(alerting, problems);
            return problems;
        });
    }

    /** The validated {@code alerting:} block, or the default (every non-shadow alert to the console). */
    static AlertingConfig alerting(GatewatchConfig config) {
        if (config.alerting() == null) {
            return AlertingConfig.defaults();
        }
        List<String> problems = new ArrayList<>();
        AlertingConfig a = AlertingConfig.fromTree(config.alerting(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("alerting config was validated at load: " + problems);
        }
        return a;
    }

    static GatewatchConfig load(String path, Parsers parsers) throws ConfigException {
        ConfigLoader loader = loader(parsers);
        return path == null ? loader.defaults() : loader.load(Path.of(path));
    }
}
