package io.gatewatch.app.config;

/**
 * One detector's validated block of the YAML. Open rather than sealed: the set of detectors is the
 * registry's ({@code io.gatewatch.app.detect.DetectorRegistry}), so that a detector is added in one place.
 */
public interface DetectorConfig {

    /** The YAML key under {@code detectors:} and the {@code detector} field of its alerts. */
    String id();

    DetectorSettings settings();
}
