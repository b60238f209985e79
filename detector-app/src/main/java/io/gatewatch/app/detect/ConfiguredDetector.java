package io.gatewatch.app.detect;

import io.gatewatch.app.config.DetectorConfig;
import io.gatewatch.app.config.DetectorSettings;

/**
 * What every detector derives from its descriptor and its config alike: the descriptor itself, the
 * fingerprint of its section's shape under this config, and its common settings.
 *
 * @param <S> the state it keeps per client
 * @param <C> its config record
 */
public abstract class ConfiguredDetector<S extends Section, C extends DetectorConfig> implements Detector<S> {
    private final DetectorDescriptor<C> descriptor;
    protected final C config;

    protected ConfiguredDetector(DetectorDescriptor<C> descriptor, C config) {
        this.descriptor = descriptor;
        this.config = config;
    }

    @Override
    public final DetectorDescriptor<?> descriptor() {
        return descriptor;
    }

    @Override
    public final int fingerprint() {
        return descriptor.state().fingerprint(config);
    }

    @Override
    public final DetectorSettings settings() {
        return config.settings();
    }
}
