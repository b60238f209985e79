package io.gatewatch.app.topology;

import io.gatewatch.app.detect.RouteDetection;
import io.gatewatch.app.detect.RouteHit;
import io.gatewatch.app.detect.RouteTallies;
import io.gatewatch.app.detect.RouteTally;
import io.gatewatch.schema.ApiEvent;
import java.util.List;
import java.util.Set;

/**
 * The client task's side of the route stage: counts each event of a route some route detector watches
 * into that route's open tally, with what only the client task knows (whether its client is new). What
 * a login failure is and how long a client stays new come from the route detectors themselves, so the
 * topology knows no detector's config.
 */
final class RouteFeed {
    private final RouteTallies tallies = new RouteTallies();
    private RouteDetection routes;
    private Set<Integer> loginFailureStatuses;
    private long newClientMs;

    /**
     * Feeds these route detectors from now on (at start and on each config reload); the open tallies are
     * kept, so a reload loses no second of a route's traffic.
     */
    void use(RouteDetection routes) {
        this.routes = routes;
        this.loginFailureStatuses = routes.loginFailureStatuses();
        this.newClientMs = routes.newClientWindow().toMillis();
    }

    boolean isOn() {
        return !routes.isEmpty();
    }

    /**
     * @param clientFirstSeen when the event's client was first seen (its profile's first-seen time)
     * @return the tallies this event closed (usually none); empty when no route detector watches the route
     */
    List<RouteTally> count(ApiEvent e, String route, long ts, boolean login, long clientFirstSeen) {
        if (route == null || !routes.watches(route, login)) {
            return List.of();
        }
        Integer status = e.status();
        boolean failed = login && status != null && loginFailureStatuses.contains(status);
        boolean succeeded = login && !failed && status != null && status >= 200 && status < 400;
        boolean fresh = newClientMs > 0 && ts - clientFirstSeen < newClientMs;
        return tallies.add(new RouteHit(route, e.method(), ts, e.clientIp(), status,
                e.latencyMs() == null ? -1 : e.latencyMs(), e.bytesOut() == null ? 0 : e.bytesOut(), fresh, login,
                failed, succeeded));
    }

    List<RouteTally> closeBefore(long second) {
        return tallies.closeBefore(second);
    }
}
