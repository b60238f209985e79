package io.gatewatch.app.detect;

import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.models.codec.ByteReader;

/**
 * A detector of route scope: a pure function of (its section of a route's profile, one per-route
 * summary, its config). The topology's route stage runs every route detector the registry's enabled
 * descriptors declare, keeping one tagged section per detector in each route's profile, so a new one
 * needs no wiring.
 *
 * @param <S> the state it keeps per route
 */
public interface RouteDetector<S extends Section> {

    DetectorDescriptor<?> descriptor();

    default String id() {
        return descriptor().id();
    }

    /** Its route section's tag in the route profile (its own namespace, apart from client tags). */
    int routeTag();

    /** The fingerprint of its route section's shape under this config. */
    int fingerprint();

    DetectorSettings settings();

    /**
     * Whether it watches this route: tallies are sent to the route stage only for routes some route
     * detector watches, and each route detector sees only its own routes.
     */
    boolean watches(String route, boolean loginRoute);

    /**
     * The statuses of a login route it counts as failed logins; empty when it does not care. The route
     * tallies count a failure when any route detector's set names the status.
     */
    default java.util.Set<Integer> loginFailureStatuses() {
        return java.util.Set.of();
    }

    /** How long a client counts as new in the route tallies; zero when it does not care. */
    default java.time.Duration newClientWindow() {
        return java.time.Duration.ZERO;
    }

    S newSection();

    S readSection(ByteReader in);

    /**
     * Folds one tally into the section; a finding when its threshold is crossed, else null.
     *
     * @param alertOpen whether this route has had an alert from it (a learned baseline must not learn an attack)
     */
    Finding observe(S section, RouteTally tally, boolean alertOpen);
}
