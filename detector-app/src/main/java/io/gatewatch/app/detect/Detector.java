package io.gatewatch.app.detect;

import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.schema.ApiEvent;

/**
 * A detector is a pure function of (its section of a profile, the event, its config): it updates the
 * section and may return a finding. It knows nothing of Kafka, stores or cooldowns, so it is unit
 * tested with plain objects. Not sealed: the set of detectors is the {@link DetectorRegistry}'s, and a
 * test may register one of its own.
 *
 * @param <S> the state it keeps per client
 */
public interface Detector<S extends Section> {

    /** Its id, state tag and version: the {@code DESCRIPTOR} declared beside its class. */
    DetectorDescriptor<?> descriptor();

    /** The {@code detector} field of its alerts and its YAML key. */
    default String id() {
        return descriptor().id();
    }

    /**
     * The fingerprint of its section's shape under this config ({@link StateSection#fingerprint}): a
     * stored section with another fingerprint is dropped, not decoded.
     */
    int fingerprint();

    DetectorSettings settings();

    S newSection();

    S readSection(ByteReader in);

    /** Folds the event into the section; a finding when a threshold is crossed, else null. */
    Finding observe(S section, ApiEvent event, EventFacts facts);

    /** Whether {@link #onStreamTime} does anything: the topology then punctuates profiles for it. */
    default boolean wantsStreamTime() {
        return false;
    }

    /**
     * Stream time has passed while the key sent nothing: a detector that judges closed periods (a silent
     * client's last minute) may judge them now. A finding, else null.
     */
    default Finding onStreamTime(S section, long streamTime, String key) {
        return null;
    }
}
