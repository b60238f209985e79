package io.gatewatch.app.config;

/**
 * A detector's settings for the routes matching a pattern: the detector's own block with the
 * override's keys laid over it. Keys that shape the per-client state (windows) cannot be overridden,
 * since one client's state serves all its routes.
 */
public record RouteOverride(RouteGlob route, DetectorConfig config) {
}
