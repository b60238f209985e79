package io.gatewatch.app.detect;

import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.schema.ApiEvent;

/**
 * A detector is a pure function of (its section of a profile, the event, its config): it updates the
 * section and may return a finding. It knows nothing of Kafka, stores or cooldowns, so it is unit
 * tested with plain objects.
 *
 * @param <S> the state it keeps per client (or per route)
 */
public sealed interface Detector<S extends Section> permits CredentialStuffingDetector, ReconnaissanceDetector,
        TrafficSpikeDetector, DataHarvestingDetector, AnomalyDetector {

    /** The {@code detector} field of its alerts and its YAML key. */
    String id();

    /** A stable one-byte tag naming its section in the binary profile; never reuse a retired tag. */
    int tag();

    DetectorSettings settings();

    S newSection();

    S readSection(ByteReader in);

    /** Folds the event into the section; a finding when a threshold is crossed, else null. */
    Finding observe(S section, ApiEvent event, EventFacts facts);
}
