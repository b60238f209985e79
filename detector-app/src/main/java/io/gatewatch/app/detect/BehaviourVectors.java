package io.gatewatch.app.detect;

import io.gatewatch.app.config.RouteGlob;
import io.gatewatch.models.behaviour.AnomalyTrainer;
import io.gatewatch.models.behaviour.MultiScaleFeatures;
import io.gatewatch.models.behaviour.Snapshot;
import io.gatewatch.schema.ApiEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a log's events into the anomaly model's training snapshots, with the same accumulator the
 * detector runs per client, keyed as the topology keys clients (the configured identity order). For
 * {@code ./detector train}: no Kafka, one pass, one accumulator per client in memory. A snapshot's content does not depend on whether the client's next
 * request or the stream's clock closed its minute, so none is lost by reading a file.
 */
public final class BehaviourVectors {
    private final List<RouteGlob> loginRoutes;
    private final Function<ApiEvent, String> keys;
    private final Map<String, MultiScaleFeatures> clients = new HashMap<>();
    private final List<AnomalyTrainer.Example> examples = new ArrayList<>();

    /** Keyed by client IP. */
    public BehaviourVectors(List<RouteGlob> loginRoutes) {
        this(loginRoutes, e -> "ip:" + (e.clientIp() == null ? "-" : e.clientIp()));
    }

    /** @param keys the client key of an event, as the topology resolves it */
    public BehaviourVectors(List<RouteGlob> loginRoutes, Function<ApiEvent, String> keys) {
        this.loginRoutes = List.copyOf(loginRoutes);
        this.keys = keys;
    }

    public void add(ApiEvent e) {
        String ip = keys.apply(e);
        String route = e.route() != null ? e.route() : e.path();
        Snapshot closed = clients.computeIfAbsent(ip, k -> new MultiScaleFeatures()).add(e.ts().toEpochMilli(),
                route, e.path(), e.query(), e.method(), e.status(), e.bytesOut(), e.userAgent(), isLogin(route));
        keep(ip, closed);
    }

    /** Every snapshot, the minutes still open at the end of the log included. */
    public List<AnomalyTrainer.Example> finish() {
        clients.forEach((ip, f) -> keep(ip, f.finish()));
        clients.clear();
        return List.copyOf(examples);
    }

    private void keep(String ip, Snapshot s) {
        if (s != null) {
            examples.add(new AnomalyTrainer.Example(ip, s));
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
