package io.gatewatch.app.topology;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.KafkaSettings;
import io.gatewatch.app.config.LiveConfig;
import io.gatewatch.app.detect.DetectionEngine;
import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.app.detect.RouteDetection;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.parse.Parsers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole Gatewatch topology, every source, processor, store and sink named by hand (a renamed
 * store would orphan its state; a golden test of {@code describe()} guards the names).
 *
 * <pre>
 * raw ─▶ normalize ─▶ events ─▶ detect-clients (client-profiles, population-profiles) ─▶ alerts
 *            └──▶ dlq          │   ├──▶ dlq
 *                              │   └──▶ route-tallies ─▶ detect-routes (route-profiles) ─▶ alerts
 *                              └──▶ inventory-routes (route-inventory): the API inventory, per task
 * </pre>
 * The events topic doubles as the repartition by client key, so its partition count is the unit of
 * scale-out. Route-scope detectors get one summary per route, second and client task instead of
 * every event, so a hot route does not pin the whole load on one partition.
 */
public final class GatewatchTopology {
    public static final String RAW_SOURCE = "raw-source";
    public static final String NORMALIZE = "normalize";
    public static final String EVENTS_SINK = "events-sink";
    public static final String RAW_DLQ_SINK = "raw-dlq-sink";
    public static final String EVENTS_SOURCE = "events-source";
    public static final String DETECT_CLIENTS = "detect-clients";
    public static final String CLIENT_PROFILES = "client-profiles";
    /** Per client-stage task: the peer baselines of its populations (see {@code Populations}). */
    public static final String POPULATION_PROFILES = "population-profiles";
    /** Events held until every raw partition has passed their time (see ReorderBuffer). */
    public static final String CLIENT_REORDER = "client-reorder";
    public static final String ALERTS_SINK = "alerts-sink";
    public static final String EVENTS_DLQ_SINK = "events-dlq-sink";
    public static final String ROUTE_TALLY_SINK = "route-tally-sink";
    public static final String ROUTE_TALLY_SOURCE = "route-tally-source";
    public static final String DETECT_ROUTES = "detect-routes";
    public static final String ROUTE_PROFILES = "route-profiles";
    public static final String ROUTE_ALERTS_SINK = "route-alerts-sink";
    public static final String ROUTE_DLQ_SINK = "route-dlq-sink";
    public static final String INVENTORY_ROUTES = "inventory-routes";
    public static final String ROUTE_INVENTORY = "route-inventory";

    private GatewatchTopology() {
    }

    /** No side effects: the same method builds production's topology and the tests'. */
    public static Topology build(GatewatchConfig config, Parsers parsers, GatewatchMetrics metrics) {
        return build(config, parsers, metrics, DetectorRegistry.standard());
    }

    /**
     * @param detectors the detectors to run: production passes {@link DetectorRegistry#standard()}; a
     *                  test may add its own
     */
    public static Topology build(GatewatchConfig config, Parsers parsers, GatewatchMetrics metrics,
            DetectorRegistry detectors) {
        return build(LiveConfig.fixed(config), parsers, metrics, detectors);
    }

    /**
     * With a config that may be reloaded: the detect processors rebuild their engines from {@code live}
     * when its generation moves; everything else is built once from the config it holds now (the reload
     * refuses changes to those keys).
     */
    public static Topology build(LiveConfig live, Parsers parsers, GatewatchMetrics metrics, DetectorRegistry detectors) {
        GatewatchConfig config = live.config();
        KafkaSettings.Topics names = config.kafka().topics();
        Topic<byte[], byte[]> raw = Topic.ofBytes(names.raw());
        Topic<String, DecodedEvent> events = new Topic<>(names.events(), Serdes.String(), DecodedEvent.serde());
        Topic<String, byte[]> alerts = Topic.keyedByString(names.alerts());
        Topic<byte[], byte[]> dlq = Topic.ofBytes(names.dlq());
        Topic<String, byte[]> routeTallies = Topic.keyedByString(names.routeTallies());
        ClientKeyResolver keys = new ClientKeyResolver(config.identityOrder());
        Topology t = new Topology();

        raw.addSource(t, RAW_SOURCE);
        EventTimeWindow timeWindow = EventTimeWindow.live(() -> live.config().maxFuture());
        t.addProcessor(NORMALIZE, () -> new NormalizeProcessor(parsers, config.inputFormat(), keys,
                timeWindow, metrics), RAW_SOURCE);
        // the normaliser writes each event as the JSON bytes it has just serialised
        events.as(Serdes.ByteArray(), Serdes.ByteArray()).addSink(t, EVENTS_SINK, NORMALIZE);
        dlq.addSink(t, RAW_DLQ_SINK, NORMALIZE);

        events.addSource(t, EVENTS_SOURCE, new EventTimeExtractor(timeWindow, System::currentTimeMillis));
        t.addProcessor(DETECT_CLIENTS, () -> new DetectProcessor(CLIENT_PROFILES, live.track(c -> new ClientStage(
                new DetectionEngine(detectors.clientScope(c.detectors()), c.allowlist(), Alert.Scope.CLIENT,
                        metrics::suppressed),
                new LoginRoutes(c.loginRoutes()), RouteDetection.of(c, detectors))),
                timeWindow, config.grace(), config.idleExpiry(), metrics, config.populations()), EVENTS_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLIENT_PROFILES),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), DETECT_CLIENTS);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POPULATION_PROFILES),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), DETECT_CLIENTS);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLIENT_REORDER),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), DETECT_CLIENTS);
        alerts.addSink(t, ALERTS_SINK, DETECT_CLIENTS);
        dlq.as(Serdes.String(), Serdes.ByteArray()).addSink(t, EVENTS_DLQ_SINK, DETECT_CLIENTS);
        routeTallies.addSink(t, ROUTE_TALLY_SINK, DETECT_CLIENTS);
        t.addProcessor(INVENTORY_ROUTES, () -> new RouteInventoryProcessor(ROUTE_INVENTORY, metrics.registry()), EVENTS_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROUTE_INVENTORY),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), INVENTORY_ROUTES);

        // The route stage exists even with no route detector enabled, so the topology keeps one shape.
        routeTallies.addSourceFromEarliest(t, ROUTE_TALLY_SOURCE);
        t.addProcessor(DETECT_ROUTES, () -> new RouteDetectProcessor(ROUTE_PROFILES,
                live.track(c -> RouteDetection.of(c, detectors)), metrics), ROUTE_TALLY_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROUTE_PROFILES),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), DETECT_ROUTES);
        alerts.addSink(t, ROUTE_ALERTS_SINK, DETECT_ROUTES);
        dlq.as(Serdes.String(), Serdes.ByteArray()).addSink(t, ROUTE_DLQ_SINK, DETECT_ROUTES);
        return t;
    }
}
