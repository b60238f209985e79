package io.gatewatch.app.detect;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.RouteGlob;
import io.gatewatch.schema.Alert;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The route-scope detectors over per-route tallies: today the botnet view of credential stuffing, on
 * login routes. Alerts carry no client but the top source addresses.
 */
public final class RouteDetection {
    private final BotnetDetector botnet;
    private final List<RouteGlob> loginRoutes;

    private RouteDetection(BotnetDetector botnet, List<RouteGlob> loginRoutes) {
        this.botnet = botnet;
        this.loginRoutes = loginRoutes;
    }

    /**
     * A route stage that watches nothing, so the topology (and its golden description) keeps the
     * same shape whether or not route-scope detection is enabled.
     */
    public static RouteDetection disabled(GatewatchConfig config) {
        var cs = io.gatewatch.app.config.CredentialStuffingConfig.defaultsDisabled();
        return new RouteDetection(new BotnetDetector(cs), List.of());
    }

    /** Null when no route-scope detector is enabled. */
    public static RouteDetection of(GatewatchConfig config) {
        return config.detectors().stream()
                .map(b -> b.base())
                .filter(c -> c instanceof io.gatewatch.app.config.CredentialStuffingConfig cs
                        && cs.settings().enabled() && cs.botnet().enabled())
                .findFirst()
                .map(c -> new RouteDetection(new BotnetDetector((io.gatewatch.app.config.CredentialStuffingConfig) c),
                        config.loginRoutes()))
                .orElse(null);
    }

    public BotnetDetector botnet() {
        return botnet;
    }

    /** Whether a route's tallies are worth a profile: only login routes have route-scope detectors today. */
    public boolean watches(String route) {
        for (RouteGlob g : loginRoutes) {
            if (g.matches(route)) {
                return true;
            }
        }
        return false;
    }

    public void process(BotnetDetector.State s, RouteTally t, Consumer<Alert> out) {
        Finding f = botnet.observe(s, t);
        if (f == null) {
            return;
        }
        long now = t.second() * 1000;
        var settings = botnet.config().settings();
        switch (AlertGate.decide(s.track, f, now, settings)) {
            case NEW, UPDATE -> out.accept(new Alert(Alert.SCHEMA,
                    DetectionEngine.alertId("route:" + t.route(), botnet.config().id(), s.track.firstSeen),
                    s.track.revision, botnet.config().id(), f.severity(), Alert.Scope.ROUTE, null, f.route(), f.method(),
                    Instant.ofEpochMilli(Math.min(f.firstSeen(), now)), Instant.ofEpochMilli(now), f.score(),
                    f.summary(), f.evidence(), f.sources(), settings.mode()));
            case QUIET -> { }
        }
    }
}
