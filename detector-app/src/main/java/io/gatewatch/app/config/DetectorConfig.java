package io.gatewatch.app.config;

/**
 * One detector's validated block of the YAML. Sealed, so that every switch over the detectors is
 * checked by the compiler when one is added.
 */
public sealed interface DetectorConfig permits CredentialStuffingConfig, ReconnaissanceConfig,
        TrafficSpikeConfig, DataHarvestingConfig, AnomalyConfig {

    /** The YAML key under {@code detectors:} and the {@code detector} field of its alerts. */
    String id();

    DetectorSettings settings();
}
