package io.gatewatch.app.detect;

import io.gatewatch.app.config.RouteGlob;
import io.gatewatch.models.behaviour.BehaviourFeatures;
import io.gatewatch.models.behaviour.IntervalFeatures;
import io.gatewatch.schema.ApiEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a log's events into the training vectors of the anomaly model, with the same accumulator the
 * detector runs per client, keyed by client IP. For {@code ./detector train}: no Kafka, one pass, one
 * accumulator per address in memory.
 */
public final class BehaviourVectors {
    private final long intervalMs;
    private final int minRequests;
    private final List<RouteGlob> loginRoutes;
    private final Map<String, IntervalFeatures> clients = new HashMap<>();
    private final Set<String> contributing = new HashSet<>();
    private final List<BehaviourFeatures> vectors = new ArrayList<>();

    /** @param minRequests intervals with fewer requests are left out, as the detector leaves them unjudged */
    public BehaviourVectors(long intervalMs, int minRequests, List<RouteGlob> loginRoutes) {
        this.intervalMs = intervalMs;
        this.minRequests = minRequests;
        this.loginRoutes = List.copyOf(loginRoutes);
    }

    public void add(ApiEvent e) {
        String ip = e.clientIp() == null ? "-" : e.clientIp();
        String route = e.route() != null ? e.route() : e.path();
        BehaviourFeatures closed = clients.computeIfAbsent(ip, k -> new IntervalFeatures(intervalMs)).add(
                e.ts().toEpochMilli(), route, e.path(), e.method(), e.status(), e.bytesOut(),
                e.query() != null && !e.query().isEmpty(), isLogin(route));
        keep(ip, closed);
    }

    /** Every vector, the intervals still open at the end of the log included. */
    public List<BehaviourFeatures> finish() {
        clients.forEach((ip, f) -> keep(ip, f.finish()));
        clients.clear();
        return List.copyOf(vectors);
    }

    /** Addresses that gave at least one vector. */
    public int clients() {
        return contributing.size();
    }

    private void keep(String ip, BehaviourFeatures v) {
        if (v != null && v.requests() >= minRequests) {
            vectors.add(v);
            contributing.add(ip);
        }
    }

    private boolean isLogin(String route) {
        if (route == null) {
            return false;
        }
        for (RouteGlob g : loginRoutes) {
            if (g.matches(route)) {
                return true;
            }
        }
        return false;
    }
}
