package io.gatewatch.app.detect;

import io.gatewatch.app.config.RouteGlob;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One detector with its per-route overrides: the same state section, different thresholds by route.
 * The choice is memoised per route (routes are templated, so few); one slot per processor instance.
 */
public final class DetectorSlot {
    /** A detector configured for the routes matching a pattern. */
    public record Routed(RouteGlob route, Detector<?> detector) {
    }

    private static final int MAX_MEMO = 10_000;
    private final Detector<?> base;
    private final List<Routed> overrides;
    private final Map<String, Detector<?>> memo = new HashMap<>();

    public DetectorSlot(Detector<?> base, List<Routed> overrides) {
        this.base = base;
        this.overrides = List.copyOf(overrides);
    }

    public Detector<?> base() {
        return base;
    }

    /** The detector for this route: the first matching override, else the base; null if disabled there. */
    Detector<?> forRoute(String route) {
        if (overrides.isEmpty() || route == null) {
            return base.settings().enabled() ? base : null;
        }
        Detector<?> d = memo.get(route);
        if (d == null) {
            d = base;
            for (Routed r : overrides) {
                if (r.route().matches(route)) {
                    d = r.detector();
                    break;
                }
            }
            if (memo.size() < MAX_MEMO) {
                memo.put(route, d);
            }
        }
        return d.settings().enabled() ? d : null;
    }
}
