package io.gatewatch.app.topology;

import io.gatewatch.app.detect.DetectionEngine;
import io.gatewatch.app.detect.RouteDetection;

/**
 * What the client detect stage builds from the config and rebuilds on a reload: the engine (thresholds,
 * modes, allowlists, route overrides), the login routes, and the route detectors its tallies feed.
 */
record ClientStage(DetectionEngine engine, LoginRoutes loginRoutes, RouteDetection routes) {
}
