package io.gatewatch.app.topology;

import io.gatewatch.app.detect.DetectionEngine;
import io.gatewatch.app.detect.RouteDetection;
import java.util.Set;

/**
 * What the client detect stage builds from the config and rebuilds on a reload: the engine (thresholds,
 * modes, allowlists, route overrides), the login routes, and the route detectors its tallies feed.
 *
 * @param loginFailureStatuses statuses of a login route that are failed logins, for the route tallies
 */
record ClientStage(DetectionEngine engine, LoginRoutes loginRoutes, Set<Integer> loginFailureStatuses,
        RouteDetection routes) {
}
