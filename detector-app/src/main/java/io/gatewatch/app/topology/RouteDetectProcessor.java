package io.gatewatch.app.topology;

import io.gatewatch.app.config.LiveConfig;
import io.gatewatch.app.detect.ClientProfile;
import io.gatewatch.app.detect.ProfileCodec;
import io.gatewatch.app.detect.RouteDetection;
import io.gatewatch.app.detect.RouteTally;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.models.codec.CorruptDataException;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** One get and one put of a route's profile per tally (one tally per route, second and client task). */
final class RouteDetectProcessor implements Processor<String, byte[], String, byte[]> {
    static final String STAGE = "detect-routes";
    private final String storeName;
    private final LiveConfig.Tracked<RouteDetection> tracked;
    private RouteDetection detection;
    private final GatewatchMetrics metrics;
    private final Serializer<Alert> alertJson = new JsonSerde<>(Alert.class).serializer();
    private ProfileCodec codec;
    private final List<Alert> pending = new ArrayList<>(1);
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;

    /** @param detection the route detectors, rebuilt when the config generation moves (a reload) */
    RouteDetectProcessor(String storeName, LiveConfig.Tracked<RouteDetection> detection, GatewatchMetrics metrics) {
        this.storeName = storeName;
        this.tracked = detection;
        this.metrics = metrics;
        apply();
        metrics.deadLetterStage(STAGE);
    }

    private void apply() {
        detection = tracked.get();
        codec = ProfileCodec.forRoutes(detection.detectors(), new SectionResetLog(STAGE, metrics));
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (tracked.refresh()) {
            apply();
        }
        metrics.routeTallyDetected();
        RouteTally tally;
        try {
            tally = RouteTally.decode(record.value());
        } catch (CorruptDataException | NullPointerException e) {
            metrics.deadLettered(STAGE);
            context.forward(new Record<>(record.key(), record.value() == null ? new byte[0] : record.value(),
                    record.timestamp(), DeadLetters.headers(record.headers(), STAGE, "not a route tally: " + e.getMessage(),
                            context.recordMetadata().orElse(null))), GatewatchTopology.ROUTE_DLQ_SINK);
            return;
        }
        byte[] stored = store.get(tally.route());
        ClientProfile profile;
        try {
            profile = stored == null ? codec.newProfile() : codec.decode(stored);
        } catch (CorruptDataException e) {
            metrics.corruptProfile();
            profile = codec.newProfile();
        }
        detection.process(profile, tally, pending::add);
        store.put(tally.route(), codec.encode(profile));
        for (Alert a : pending) {
            metrics.alert(a.detector(), a.severity().json(), a.mode().json(), a.isUpdate());
            context.forward(new Record<>("route:" + tally.route(), alertJson.serialize(null, a), record.timestamp()),
                    GatewatchTopology.ROUTE_ALERTS_SINK);
        }
        pending.clear();
    }
}
