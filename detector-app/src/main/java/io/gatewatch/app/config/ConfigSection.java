package io.gatewatch.app.config;

import java.util.Set;
import java.util.function.Function;

/**
 * A detector's block under {@code detectors:} in the YAML, as its descriptor declares it: the key, the
 * reader that validates it, and the keys that shape the state kept per client (a per-route override may
 * not change those, and changing them resets that detector's state).
 *
 * @param <C> the validated config record
 */
public record ConfigSection<C extends DetectorConfig>(
        String id, Class<C> type, Function<ConfigNode, C> reader, Set<String> stateKeys) {

    public ConfigSection {
        stateKeys = Set.copyOf(stateKeys);
    }

    C read(ConfigNode block) {
        return reader.apply(block);
    }
}
