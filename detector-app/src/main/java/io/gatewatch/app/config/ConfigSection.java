package io.gatewatch.app.config;

import io.gatewatch.schema.config.ConfigDef;
import java.util.Set;
import java.util.function.Function;

/**
 * A detector's block under {@code detectors:} in the YAML, as its descriptor declares it: the key, the
 * reader that validates it, its keys' declarations (for the generated JSON Schema and reference), and the
 * keys that shape the state kept per client (a per-route override may not change those, and changing
 * them resets that detector's state).
 *
 * @param <C> the validated config record
 */
public record ConfigSection<C extends DetectorConfig>(
        String id, Class<C> type, Function<ConfigNode, C> reader, ConfigDef keys, Set<String> stateKeys) {

    public ConfigSection {
        stateKeys = Set.copyOf(stateKeys);
    }

    C read(ConfigNode block) {
        return reader.apply(block);
    }
}
