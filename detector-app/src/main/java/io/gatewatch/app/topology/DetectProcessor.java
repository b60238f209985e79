package io.gatewatch.app.topology;

import io.gatewatch.app.config.LiveConfig;
import io.gatewatch.app.detect.ClientProfile;
import io.gatewatch.app.detect.DetectionEngine;
import io.gatewatch.app.detect.EventFacts;
import io.gatewatch.app.detect.Populations;
import io.gatewatch.app.detect.ProfileCodec;
import io.gatewatch.app.detect.RouteDetection;
import io.gatewatch.app.detect.RouteTally;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.models.codec.CorruptDataException;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.JsonSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One get and one put of the key's profile per event; the engine does the rest. Idle profiles are
 * expired by a stream-time punctuator, so a replay expires them as the live run would have.
 */
final class DetectProcessor implements Processor<String, DecodedEvent, String, byte[]> {
    static final String STAGE = "detect";
    private final String storeName;
    private final LiveConfig.Tracked<ClientStage> stage;
    private DetectionEngine engine;
    private boolean needsAddress;
    private ProfileCodec codec;
    private LoginRoutes loginRoutes;
    private final EventTimeWindow timeWindow;
    private final StreamClock clock;
    private final Duration grace;
    private final Duration idleExpiry;
    private final GatewatchMetrics metrics;
    private final Serializer<Alert> alertJson = new JsonSerde<>(Alert.class).serializer();
    private final List<Alert> pending = new ArrayList<>(2);
    private final RouteFeed routeFeed = new RouteFeed();
    private boolean tallyRoutes;
    private boolean tallyScheduled;
    private final ByteWriter tallyBytes = new ByteWriter(256);
    private boolean eventsSincePunctuation;
    /** Judges clients gone silent once a stream minute; null when no detector wants it. */
    private SilentClients silent;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;
    private final io.gatewatch.app.config.PopulationSettings populationSettings;
    private Populations populations;
    private ReorderBuffer reorder;

    /**
     * @param stage what a reload may change (engine, login routes, route detectors), rebuilt when the
     *              config generation moves; the state sections it reads keep their shape (live keys shape none)
     * @param populations how the task's peer baselines are kept (they shape state: not live)
     */
    DetectProcessor(String storeName, LiveConfig.Tracked<ClientStage> stage, EventTimeWindow timeWindow,
            Duration grace, Duration idleExpiry, GatewatchMetrics metrics,
            io.gatewatch.app.config.PopulationSettings populations) {
        this.populationSettings = populations;
        this.storeName = storeName;
        this.stage = stage;
        this.timeWindow = timeWindow;
        this.clock = new StreamClock();
        this.grace = grace;
        this.idleExpiry = idleExpiry;
        this.metrics = metrics;
        apply(stage.get());
        metrics.deadLetterStage(STAGE);
    }

    /** Takes the current generation's engine; stored sections of detectors still enabled decode as before. */
    private void apply(ClientStage s) {
        this.engine = s.engine();
        this.needsAddress = engine.needsClientAddress();
        this.codec = new ProfileCodec(engine.detectors(), new SectionResetLog(STAGE, metrics));
        this.loginRoutes = s.loginRoutes();
        this.silent = engine.wantsStreamTime() ? new SilentClients(engine, codec) : null;
        this.routeFeed.use(s.routes());
        this.tallyRoutes = routeFeed.isOn();
        if (tallyRoutes && !tallyScheduled && context != null) {
            scheduleTallies();
        }
    }

    private void scheduleTallies() {
        tallyScheduled = true;
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> closeTallies());
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.reorder = new ReorderBuffer(context.getStateStore(GatewatchTopology.CLIENT_REORDER),
                rawPartitions(context.appConfigs().get(StreamsSettings.RAW_PARTITIONS)),
                metrics::held);
        context.schedule(Duration.ofMillis(250), PunctuationType.WALL_CLOCK_TIME,
                now -> reorder.punctuate(now, this::detect));
        Duration every = Duration.ofMillis(Math.max(60_000, idleExpiry.toMillis() / 24));
        context.schedule(every, PunctuationType.STREAM_TIME, this::expireIdle);
        if (tallyRoutes) {
            scheduleTallies();
        }
        initPopulations(context.getStateStore(GatewatchTopology.POPULATION_PROFILES));
    }

    /** The task's populations come back from their store; dirty ones are written every 30 s of stream time. */
    private void initPopulations(KeyValueStore<String, byte[]> populationStore) {
        populations = new Populations(populationSettings, new Populations.Storage() {
            @Override
            public void put(String population, byte[] bytes) {
                populationStore.put(population, bytes);
            }

            @Override
            public void delete(String population) {
                populationStore.delete(population);
            }
        });
        try (KeyValueIterator<String, byte[]> it = populationStore.all()) {
            it.forEachRemaining(kv -> populations.restore(kv.key, kv.value));
        }
        context.schedule(Duration.ofSeconds(30), PunctuationType.STREAM_TIME, populations::flush);
    }

    private static int rawPartitions(Object configured) {
        return configured == null ? 0 : Integer.parseInt(configured.toString());
    }

    @Override
    public void process(Record<String, DecodedEvent> record) {
        if (stage.refresh()) {
            apply(stage.get());
        }
        metrics.detectStage();
        switch (record.value()) {
            case DecodedEvent.Bad bad -> deadLetter(record, bad.bytes(), "not an ApiEvent: " + bad.reason());
            case DecodedEvent.Ok ok -> {
                long ts = ok.event().ts().toEpochMilli();
                String refused = timeWindow.reject(ts, context.currentSystemTimeMs());
                if (refused != null) {
                    deadLetter(record, ok.bytes(), refused);
                } else if (record.key() == null || reorder.admit(record.key(), ok.event(), ok.bytes(), ts,
                        RawProgress.of(record.headers()), context.recordMetadata().map(m -> m.offset()).orElse(0L),
                        context.currentSystemTimeMs(), this::detect)) {
                    detect(record.key(), ok.event(), ts);
                }
            }
        }
    }

    private void deadLetter(Record<String, DecodedEvent> record, byte[] bytes, String reason) {
        metrics.deadLettered(STAGE);
        context.forward(new Record<>(record.key(), bytes, record.timestamp(),
                DeadLetters.headers(record.headers(), STAGE, reason, context.recordMetadata().orElse(null))),
                GatewatchTopology.EVENTS_DLQ_SINK);
    }

    /**
     * Late means late for this client: more than the grace behind its own newest event. Against the
     * task's newest event instead, a backlog read from several partitions (their tasks are never in step
     * by event time) or one gateway ahead of the others would make everyone else late.
     */
    private void detect(String key, ApiEvent e, long ts) {
        ClientProfile profile = load(key);
        if (profile.lastSeen() > 0 && ts < profile.lastSeen() - grace.toMillis()) {
            metrics.late();
            return;
        }
        clock.observe(ts);
        metrics.eventTime(ts);
        if (silent != null) {
            silent.maybeRun(clock.now(), store, this::forwardAlert);
        }
        String route = e.route() != null ? e.route() : e.path();
        EventFacts facts = new EventFacts(ts, key, route, loginRoutes.isLogin(route),
                populations.of(key, e.clientIp(), e.userAgent(), ts));
        engine.process(profile, e, facts, needsAddress ? ClientAddress.numeric(e.clientIp()) : null, pending::add);
        store.put(key, codec.encode(profile));
        if (tallyRoutes) {
            List<RouteTally> closed = routeFeed.count(e, route, ts, facts.loginRoute(), profile.firstSeen());
            eventsSincePunctuation = true;
            for (RouteTally t : closed) {
                forwardTally(t);
            }
        }
        for (Alert a : pending) {
            forwardAlert(key, a);
        }
        pending.clear();
    }

    private void forwardAlert(String key, Alert a) {
        metrics.alert(a.detector(), a.severity().json(), a.mode().json(), a.isUpdate());
        context.forward(new Record<>(key, alertJson.serialize(null, a), a.detectedAt().toEpochMilli()),
                GatewatchTopology.ALERTS_SINK);
    }

    /** Every wall-clock second: close tallies of past seconds, and all of them once traffic pauses. */
    private void closeTallies() {
        long before = eventsSincePunctuation ? Math.floorDiv(clock.now(), 1000) : Long.MAX_VALUE;
        eventsSincePunctuation = false;
        for (RouteTally t : routeFeed.closeBefore(before)) {
            forwardTally(t);
        }
    }

    private void forwardTally(RouteTally t) {
        metrics.routeTallySent();
        context.forward(new Record<>(t.route(), t.encode(tallyBytes), t.second() * 1000),
                GatewatchTopology.ROUTE_TALLY_SINK);
    }

    private ClientProfile load(String key) {
        byte[] bytes = store.get(key);
        if (bytes == null) {
            return codec.newProfile();
        }
        try {
            return codec.decode(bytes);
        } catch (CorruptDataException e) {
            metrics.corruptProfile();
            return codec.newProfile();
        }
    }

    @Override
    public void close() {
        if (reorder != null) {
            reorder.close();
        }
    }

    private void expireIdle(long streamTime) {
        // stream time runs ahead of the events still held for ordering: their clients are not idle
        long cutoff = Math.min(streamTime, reorder.passed(context.currentSystemTimeMs())) - idleExpiry.toMillis();
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (ProfileCodec.lastSeen(kv.value) < cutoff) {
                    idle.add(kv.key);
                }
            }
        }
        idle.forEach(store::delete);
        metrics.expired(idle.size());
    }
}
