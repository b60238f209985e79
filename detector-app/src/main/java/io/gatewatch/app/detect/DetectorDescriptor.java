package io.gatewatch.app.detect;

import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.DetectorConfig;
import io.gatewatch.schema.detector.DetectorInfo;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything Gatewatch knows about one detector, declared once beside its class: the config loader, the
 * profile codec, the topology, the alert formats (through {@link #info()}) and the docs read it from the
 * {@link DetectorRegistry}; nothing else names a detector.
 *
 * @param info   id, title, ATT&CK technique, OCSF analytic, ECS categories, doc page: what alerting needs
 * @param scope  whose state it keeps: its {@code factory} builds a detector of that scope
 * @param config its YAML block: key, reader, state-shaping keys
 * @param state  its section of the client profile
 * @param factory builds the client-scope detector from a validated config
 * @param routeFactory builds its route-scope part, if it has one (credential stuffing's botnet view)
 * @param peerMetrics the numbers it keeps a quantile sketch of per population (scope {@code POPULATION}):
 *               fed with each client's summary through {@link Peers}, read back to judge a client against
 *               its peers; empty for other scopes
 * @param <C>    its config record
 */
public record DetectorDescriptor<C extends DetectorConfig>(
        DetectorInfo info,
        DetectorScope scope,
        ConfigSection<C> config,
        StateSection<C> state,
        Function<C, Detector<?>> factory,
        Function<C, Optional<RouteDetector<?>>> routeFactory,
        java.util.List<PeerMetric> peerMetrics) {

    public DetectorDescriptor {
        if (!info.id().equals(config.id())) {
            throw new IllegalArgumentException("detector " + info.id() + " reads the config block " + config.id());
        }
        peerMetrics = java.util.List.copyOf(peerMetrics);
        if ((scope == DetectorScope.POPULATION) == peerMetrics.isEmpty()) {
            throw new IllegalArgumentException("detector " + info.id() + " has scope " + scope + " and "
                    + peerMetrics.size() + " peer metrics: population scope declares at least one, no other scope any");
        }
        for (PeerMetric m : peerMetrics) {
            if (!m.detector().equals(info.id())) {
                throw new IllegalArgumentException("detector " + info.id() + " declares peer metric " + m.key()
                        + " of another detector");
            }
        }
    }

    /** A descriptor without population state (client scope, with or without a route part). */
    public DetectorDescriptor(DetectorInfo info, DetectorScope scope, ConfigSection<C> config, StateSection<C> state,
            Function<C, Detector<?>> factory, Function<C, Optional<RouteDetector<?>>> routeFactory) {
        this(info, scope, config, state, factory, routeFactory, java.util.List.of());
    }

    /** A client-scope detector without a route-scope part. */
    public static <C extends DetectorConfig> DetectorDescriptor<C> client(DetectorInfo info, ConfigSection<C> config,
            StateSection<C> state, Function<C, Detector<?>> factory) {
        return new DetectorDescriptor<>(info, DetectorScope.CLIENT, config, state, factory, c -> Optional.empty());
    }

    /** A detector of route scope only: the route stage runs what {@code routeFactory} builds. */
    public static <C extends DetectorConfig> DetectorDescriptor<C> route(DetectorInfo info, ConfigSection<C> config,
            StateSection<C> state, Function<C, RouteDetector<?>> routeFactory) {
        return new DetectorDescriptor<>(info, DetectorScope.ROUTE, config, state, c -> {
            throw new IllegalStateException(info.id() + " is route-scoped: it has no client-scope detector");
        }, c -> Optional.of(routeFactory.apply(c)));
    }

    /**
     * A detector that keeps a client section and, per population (new clients, a network, a user-agent
     * family), a quantile sketch of each of these metrics: it runs in the client stage, judging each client
     * against its peers.
     */
    public static <C extends DetectorConfig> DetectorDescriptor<C> population(DetectorInfo info,
            ConfigSection<C> config, StateSection<C> state, Function<C, Detector<?>> factory,
            java.util.List<PeerMetric> peerMetrics) {
        return new DetectorDescriptor<>(info, DetectorScope.POPULATION, config, state, factory, c -> Optional.empty(),
                peerMetrics);
    }

    public String id() {
        return info.id();
    }

    /** The detector for one validated block (the base or a route override) of this descriptor's config. */
    public Detector<?> create(DetectorConfig c) {
        return factory.apply(config.type().cast(c));
    }

    public Optional<RouteDetector<?>> createRoute(DetectorConfig c) {
        return routeFactory.apply(config.type().cast(c));
    }

    public int fingerprint(DetectorConfig c) {
        return state.fingerprint(config.type().cast(c));
    }
}
