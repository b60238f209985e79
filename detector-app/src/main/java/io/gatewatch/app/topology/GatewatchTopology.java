package io.gatewatch.app.topology;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.KafkaSettings;
import io.gatewatch.app.detect.DetectionEngine;
import io.gatewatch.app.config.CredentialStuffingConfig;
import io.gatewatch.app.detect.Detectors;
import io.gatewatch.app.detect.RouteDetection;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.parse.Parsers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole Gatewatch topology, every source, processor, store and sink named by hand (a renamed
 * store would orphan its state; a golden test of {@code describe()} guards the names).
 *
 * <pre>
 * raw ─▶ normalize ─▶ events ─▶ detect-clients (client-profiles) ─▶ alerts
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
        KafkaSettings.Topics topics = config.kafka().topics();
        ClientKeyResolver keys = new ClientKeyResolver(config.identityOrder());
        Topology t = new Topology();

        t.addSource(RAW_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.raw());
        t.addProcessor(NORMALIZE, () -> new NormalizeProcessor(parsers, config.inputFormat(), keys,
                new EventTimeWindow(config.maxFuture()), metrics), RAW_SOURCE);
        t.addSink(EVENTS_SINK, topics.events(), new ByteArraySerializer(), new ByteArraySerializer(), NORMALIZE);
        t.addSink(RAW_DLQ_SINK, topics.dlq(), new ByteArraySerializer(), new ByteArraySerializer(), NORMALIZE);

        t.addSource(AutoOffsetReset.earliest(), EVENTS_SOURCE, new EventTimeExtractor(),
                new StringDeserializer(), DecodedEvent.deserializer(), topics.events());
        RouteDetection routes = RouteDetection.of(config);
        t.addProcessor(DETECT_CLIENTS, () -> new DetectProcessor(CLIENT_PROFILES,
                new DetectionEngine(Detectors.clientScope(config), config.allowlist(), Alert.Scope.CLIENT,
                        metrics::suppressed),
                new LoginRoutes(config.loginRoutes()), config.grace(), config.idleExpiry(), metrics,
                loginFailureStatuses(config), routes != null), EVENTS_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLIENT_PROFILES),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), DETECT_CLIENTS);
        t.addSink(ALERTS_SINK, topics.alerts(), new StringSerializer(), new ByteArraySerializer(), DETECT_CLIENTS);
        t.addSink(EVENTS_DLQ_SINK, topics.dlq(), new StringSerializer(), new ByteArraySerializer(), DETECT_CLIENTS);
        t.addSink(ROUTE_TALLY_SINK, topics.routeTallies(), new StringSerializer(), new ByteArraySerializer(), DETECT_CLIENTS);
        t.addProcessor(INVENTORY_ROUTES, () -> new RouteInventoryProcessor(ROUTE_INVENTORY, metrics.registry()), EVENTS_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROUTE_INVENTORY),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), INVENTORY_ROUTES);

        t.addSource(AutoOffsetReset.earliest(), ROUTE_TALLY_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                topics.routeTallies());
        RouteDetection detection = routes != null ? routes : RouteDetection.disabled(config);
        t.addProcessor(DETECT_ROUTES, () -> new RouteDetectProcessor(ROUTE_PROFILES, detection, metrics), ROUTE_TALLY_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROUTE_PROFILES),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), DETECT_ROUTES);
        t.addSink(ROUTE_ALERTS_SINK, topics.alerts(), new StringSerializer(), new ByteArraySerializer(), DETECT_ROUTES);
        t.addSink(ROUTE_DLQ_SINK, topics.dlq(), new StringSerializer(), new ByteArraySerializer(), DETECT_ROUTES);
        return t;
    }

    private static java.util.Set<Integer> loginFailureStatuses(GatewatchConfig config) {
        return config.detectors().stream().map(b -> b.base())
                .filter(c -> c instanceof CredentialStuffingConfig)
                .map(c -> java.util.Set.copyOf(((CredentialStuffingConfig) c).failureStatuses()))
                .findFirst().orElse(java.util.Set.of(401, 403));
    }
}
