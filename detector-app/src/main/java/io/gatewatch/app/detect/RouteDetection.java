package io.gatewatch.app.detect;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.RouteGlob;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The route-scope detectors the registry's enabled descriptors declare, over per-route tallies: each
 * keeps a section of the route's profile (the same tagged, fingerprinted format as a client's) and an
 * alert track. Alerts carry no client but the top source addresses.
 */
public final class RouteDetection {
    private final List<RouteDetector<?>> detectors;
    private final List<RouteGlob> loginRoutes;
    private final Set<Integer> loginFailureStatuses;
    private final Duration newClientWindow;

    public RouteDetection(List<RouteDetector<?>> detectors, List<RouteGlob> loginRoutes) {
        this.detectors = List.copyOf(detectors);
        this.loginRoutes = List.copyOf(loginRoutes);
        Set<Integer> statuses = new TreeSet<>();
        Duration window = Duration.ZERO;
        for (RouteDetector<?> d : detectors) {
            statuses.addAll(d.loginFailureStatuses());
            window = d.newClientWindow().compareTo(window) > 0 ? d.newClientWindow() : window;
        }
        this.loginFailureStatuses = statuses.isEmpty() ? DEFAULT_LOGIN_FAILURES : Set.copyOf(statuses);
        this.newClientWindow = window;
    }

    /** What a login route's failure is when no route detector says: the credential-stuffing defaults. */
    static final Set<Integer> DEFAULT_LOGIN_FAILURES = Set.of(401, 403);

    /** The statuses the route tallies count as failed logins: every route detector's, joined. */
    public Set<Integer> loginFailureStatuses() {
        return loginFailureStatuses;
    }

    /** How long a client counts as new in the route tallies: the longest any route detector asks for. */
    public Duration newClientWindow() {
        return newClientWindow;
    }

    public static RouteDetection of(GatewatchConfig config, DetectorRegistry registry) {
        return new RouteDetection(registry.routeScope(config.detectors()), config.loginRoutes());
    }

    public List<RouteDetector<?>> detectors() {
        return detectors;
    }

    public boolean isEmpty() {
        return detectors.isEmpty();
    }

    /** Whether any route detector wants this route's tallies. */
    public boolean watches(String route, boolean loginRoute) {
        for (RouteDetector<?> d : detectors) {
            if (d.watches(route, loginRoute)) {
                return true;
            }
        }
        return false;
    }

    public void process(ClientProfile p, RouteTally t, Consumer<Alert> out) {
        long now = t.second() * 1000;
        boolean login = isLogin(t.route());
        if (p.firstSeen == 0) {
            p.firstSeen = now;
        }
        p.lastSeen = Math.max(p.lastSeen, now);
        for (int i = 0; i < detectors.size(); i++) {
            RouteDetector<?> d = detectors.get(i);
            if (!d.settings().enabled() || !d.watches(t.route(), login)) {
                continue;
            }
            AlertTrack track = p.tracks[i];
            Finding f = observe(d, p.sections[i], t, track.isActive());
            if (f == null) {
                continue;
            }
            switch (AlertGate.decide(track, f, now, d.settings())) {
                case NEW, UPDATE -> out.accept(new Alert(Alert.SCHEMA,
                        DetectionEngine.alertId("route:" + t.route(), d.id(), track.firstSeen),
                        track.revision, d.id(), f.severity(), Alert.Scope.ROUTE, null, f.route(), f.method(),
                        Instant.ofEpochMilli(Math.min(f.firstSeen(), now)), Instant.ofEpochMilli(now), f.score(),
                        f.summary(), f.evidence(), f.sources(), d.settings().mode()));
                case QUIET -> { }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <S extends Section> Finding observe(RouteDetector<S> d, Section s, RouteTally t, boolean alertOpen) {
        return d.observe((S) s, t, alertOpen);
    }

    private boolean isLogin(String route) {
        for (RouteGlob g : loginRoutes) {
            if (g.matches(route)) {
                return true;
            }
        }
        return false;
    }
}
