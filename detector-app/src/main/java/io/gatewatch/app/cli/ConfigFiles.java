package io.gatewatch.app.cli;

import io.gatewatch.app.config.ConfigException;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.schema.parse.Parsers;
import java.nio.file.Path;
import java.util.List;

/** Loads the config every subcommand uses: the file given, or the built-in defaults. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static ConfigLoader loader(Parsers parsers) {
        return new ConfigLoader(parsers.names(), alerting -> List.of());
    }

    static GatewatchConfig load(String path, Parsers parsers) throws ConfigException {
        ConfigLoader loader = loader(parsers);
        return path == null ? loader.defaults() : loader.load(Path.of(path));
    }
}
