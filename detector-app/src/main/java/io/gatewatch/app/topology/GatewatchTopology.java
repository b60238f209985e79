package io.gatewatch.app.topology;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.KafkaSettings;
import io.gatewatch.app.detect.DetectionEngine;
import io.gatewatch.app.detect.Detectors;
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
 *            └──▶ dlq              └──▶ dlq
 * </pre>
 * The events topic doubles as the repartition by client key, so its partition count is the unit of
 * scale-out.
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

    private GatewatchTopology() {
    }

    /** No side effects: the same method builds production's topology and the tests'. */
    public static Topology build(GatewatchConfig config, Parsers parsers, GatewatchMetrics metrics) {
        KafkaSettings.Topics topics = config.kafka().topics();
        ClientKeyResolver keys = new ClientKeyResolver(config.identityOrder());
        Topology t = new Topology();

        t.addSource(RAW_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.raw());
        t.addProcessor(NORMALIZE, () -> new NormalizeProcessor(parsers, config.inputFormat(), keys, metrics), RAW_SOURCE);
        t.addSink(EVENTS_SINK, topics.events(), new ByteArraySerializer(), new ByteArraySerializer(), NORMALIZE);
        t.addSink(RAW_DLQ_SINK, topics.dlq(), new ByteArraySerializer(), new ByteArraySerializer(), NORMALIZE);

        t.addSource(AutoOffsetReset.earliest(), EVENTS_SOURCE, new EventTimeExtractor(),
                new StringDeserializer(), DecodedEvent.deserializer(), topics.events());
        t.addProcessor(DETECT_CLIENTS, () -> new DetectProcessor(CLIENT_PROFILES,
                new DetectionEngine(Detectors.clientScope(config), config.allowlist(), Alert.Scope.CLIENT),
                new LoginRoutes(config.loginRoutes()), config.grace(), config.idleExpiry(), metrics), EVENTS_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLIENT_PROFILES),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), DETECT_CLIENTS);
        t.addSink(ALERTS_SINK, topics.alerts(), new StringSerializer(), new ByteArraySerializer(), DETECT_CLIENTS);
        t.addSink(EVENTS_DLQ_SINK, topics.dlq(), new StringSerializer(), new ByteArraySerializer(), DETECT_CLIENTS);
        return t;
    }
}
