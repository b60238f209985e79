package io.gatewatch.app.bench;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.detect.ClientProfile;
import io.gatewatch.app.detect.DetectionEngine;
import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.app.detect.EventFacts;
import io.gatewatch.app.detect.ProfileCodec;
import io.gatewatch.app.topology.ClientAddress;
import io.gatewatch.app.topology.ClientKeyResolver;
import io.gatewatch.app.topology.LoginRoutes;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.ApiEventSerde;
import io.gatewatch.schema.JsonSerde;
import io.gatewatch.schema.parse.CombinedLogParser;
import io.gatewatch.schema.parse.ParseResult;
import io.gatewatch.schema.parse.Parsers;
import io.gatewatch.schema.parse.RouteTemplater;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-event work of the topology without Kafka: each benchmark takes the next of 8,192 generated
 * lines (the bench's traffic: Zipf clients, route mix, attacks), so caches and branches see a real mix.
 * The client-profile store is a HashMap of encoded profiles, standing in for RocksDB behind the cache.
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the allocation per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmarks {
    private static final int N = 8_192;
    private final String[] lines = new String[N];
    private final String[] paths = new String[N];
    private final ApiEvent[] events = new ApiEvent[N];
    private final byte[][] eventJson = new byte[N][];
    private final String[] keys = new String[N];
    private final Map<String, byte[]> store = new HashMap<>();
    private CombinedLogParser parser;
    private Serializer<ApiEvent> toJson;
    private Deserializer<ApiEvent> fromJson;
    private Serializer<ApiEvent> toJsonByDataBinding;
    private Deserializer<ApiEvent> fromJsonByDataBinding;
    private ClientKeyResolver keyResolver;
    private LoginRoutes loginRoutes;
    private DetectionEngine engine;
    private ProfileCodec codec;
    private boolean needsAddress;
    private byte[] busiestProfile;
    private int i;

    @Setup
    public void setUp() throws Exception {
        Parsers parsers = Parsers.standard();
        GatewatchConfig config = new ConfigLoader(parsers.names(), n -> List.of()).defaults();
        parser = CombinedLogParser.nginx(io.gatewatch.schema.SecretHasher.random());
        ApiEventSerde serde = new ApiEventSerde();
        toJson = serde.serializer();
        fromJson = serde.deserializer();
        JsonSerde<ApiEvent> bound = new JsonSerde<>(ApiEvent.class);
        toJsonByDataBinding = bound.serializer();
        fromJsonByDataBinding = bound.deserializer();
        keyResolver = new ClientKeyResolver(config.identityOrder());
        loginRoutes = new LoginRoutes(config.loginRoutes());
        engine = new DetectionEngine(DetectorRegistry.standard().clientScope(config.detectors()), config.allowlist(), Alert.Scope.CLIENT);
        codec = new ProfileCodec(engine.detectors());
        needsAddress = engine.needsClientAddress();

        SyntheticTraffic traffic = new SyntheticTraffic(BenchOptions.SEED, 100_000);
        long ts = 1_740_830_400_000L;
        for (int k = 0; k < N; k++, ts += 50) {
            lines[k] = k % BenchOptions.ATTACK_EVERY == 0 ? traffic.bruteForce(k % 16, ts) : traffic.background(ts);
            ApiEvent e = ((ParseResult.Parsed) parser.parse(lines[k])).events().getFirst();
            events[k] = e;
            paths[k] = e.path();
            eventJson[k] = toJson.serialize(null, e);
            keys[k] = keyResolver.keyOf(e);
        }
        for (int k = 0; k < N; k++) {
            runDetect(events[k], keys[k], alert -> { });
        }
        busiestProfile = store.get(keys[0]);
        for (byte[] p : store.values()) {
            if (p.length > busiestProfile.length) {
                busiestProfile = p;
            }
        }
    }

    private int next() {
        return i++ & (N - 1);
    }

    @Benchmark
    public ParseResult parseLine() {
        return parser.parse(lines[next()]);
    }

    @Benchmark
    public String templateRoute() {
        return RouteTemplater.template(paths[next()]);
    }

    @Benchmark
    public byte[] serializeEvent() {
        return toJson.serialize(null, events[next()]);
    }

    @Benchmark
    public ApiEvent deserializeEvent() {
        return fromJson.deserialize(null, eventJson[next()]);
    }

    /** What the topology used before the hand-written serde: Jackson data binding. */
    @Benchmark
    public byte[] serializeEventDataBinding() {
        return toJsonByDataBinding.serialize(null, events[next()]);
    }

    @Benchmark
    public ApiEvent deserializeEventDataBinding() {
        return fromJsonByDataBinding.deserialize(null, eventJson[next()]);
    }

    @Benchmark
    public ClientProfile decodeProfile() {
        return codec.decode(busiestProfile);
    }

    @Benchmark
    public byte[] encodeProfile(ProfileHolder holder) {
        return codec.encode(holder.profile);
    }

    /** The detect processor's work for one event: get, decode, every detector, encode, put. */
    @Benchmark
    public void detect(Blackhole bh) {
        int k = next();
        runDetect(events[k], keys[k], bh::consume);
    }

    /**
     * Everything both processors do for one line, less Kafka: parse, template, key, event to JSON
     * (normalize); JSON to event, get, decode, detect, encode, put (detect).
     */
    @Benchmark
    public void perEvent(Blackhole bh) {
        int k = next();
        ApiEvent parsed = ((ParseResult.Parsed) parser.parse(lines[k])).events().getFirst();
        String key = keyResolver.keyOf(parsed);
        byte[] json = toJson.serialize(null, parsed);
        bh.consume(key.getBytes(StandardCharsets.UTF_8));
        ApiEvent e = fromJson.deserialize(null, json);
        runDetect(e, key, bh::consume);
    }

    private void runDetect(ApiEvent e, String key, Consumer<Object> sink) {
        String route = e.route() != null ? e.route() : e.path();
        byte[] stored = store.get(key);
        ClientProfile profile = stored == null ? codec.newProfile() : codec.decode(stored);
        engine.process(profile, e, new EventFacts(e.ts().toEpochMilli(), key, route, loginRoutes.isLogin(route)),
                needsAddress ? ClientAddress.numeric(e.clientIp()) : null, sink::accept);
        store.put(key, codec.encode(profile));
    }

    /** A decoded profile with credential-stuffing state in it, for the encoder. */
    @State(Scope.Thread)
    public static class ProfileHolder {
        ClientProfile profile;

        @Setup
        public void setUp(HotPathBenchmarks b) {
            profile = b.codec.decode(b.busiestProfile);
        }
    }
}
