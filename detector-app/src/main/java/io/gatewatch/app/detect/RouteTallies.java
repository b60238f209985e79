package io.gatewatch.app.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open per-route tallies of one client task. A route's tally is closed when an event of a later
 * second arrives for it, or when {@link #closeBefore} is called as event time (or the wall clock)
 * moves on.
 */
public final class RouteTallies {
    private static final int MAX_OPEN_ROUTES = 5_000;
    private final Map<String, Open> open = new HashMap<>();

    private static final class Open {
        final String route;
        long second;
        int requests;
        int attempts;
        int failures;
        final Map<String, Integer> ips = new LinkedHashMap<>();
        final java.util.Set<String> succeeded = new java.util.LinkedHashSet<>();

        Open(String route, long second) {
            this.route = route;
            this.second = second;
        }

        RouteTally close() {
            return new RouteTally(route, second, requests, attempts, failures, Map.copyOf(ips), java.util.Set.copyOf(succeeded));
        }
    }

    /** Counts one event; returns the tallies this closed (usually none). */
    public List<RouteTally> add(String route, long ts, boolean loginAttempt, boolean loginFailure, boolean loginSuccess,
            String ip) {
        long second = Math.floorDiv(ts, 1000);
        List<RouteTally> closed = List.of();
        Open o = open.get(route);
        if (o != null && o.second != second) {
            if (second < o.second) {
                // an out-of-order event is added to the open second: the route view tolerates a second's blur
                second = o.second;
            } else {
                closed = List.of(o.close());
                open.remove(route);
                o = null;
            }
        }
        if (o == null) {
            if (open.size() >= MAX_OPEN_ROUTES) {
                closed = new ArrayList<>(closed);
                closed.addAll(closeBefore(Long.MAX_VALUE));
            }
            o = new Open(route, second);
            open.put(route, o);
        }
        o.requests++;
        if (loginAttempt) {
            o.attempts++;
        }
        if (loginSuccess && ip != null && o.succeeded.size() < RouteTally.MAX_IPS) {
            o.succeeded.add(ip);
        }
        if (loginFailure) {
            o.failures++;
            if (ip != null && (o.ips.containsKey(ip) || o.ips.size() < RouteTally.MAX_IPS)) {
                o.ips.merge(ip, 1, Integer::sum);
            }
        }
        return closed;
    }

    /** Closes every tally of a second before the given one. */
    public List<RouteTally> closeBefore(long second) {
        List<RouteTally> closed = new ArrayList<>();
        var it = open.values().iterator();
        while (it.hasNext()) {
            Open o = it.next();
            if (o.second < second) {
                closed.add(o.close());
                it.remove();
            }
        }
        return closed;
    }

    public boolean isEmpty() {
        return open.isEmpty();
    }
}
