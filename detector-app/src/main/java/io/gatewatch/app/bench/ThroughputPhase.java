package io.gatewatch.app.bench;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.run.LineProducer;
import io.gatewatch.app.run.Pipeline;
import io.gatewatch.app.run.TempDirs;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.app.topology.StreamsSettings;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Pre-loads N lines into the raw topic, then reads them from the earliest offset to the end twice:
 * with a passthrough topology (the floor) and with the whole Gatewatch topology as the default
 * config builds it.
 */
final class ThroughputPhase {
    private static final long TIMEOUT_NANOS = Duration.ofMinutes(10).toNanos();
    /** Event time of the first pre-loaded line; the rest follow at the configured rate. */
    private static final Instant EPOCH = Instant.parse("2025-03-01T12:00:00Z");
    private static final int BRUTE_FORCERS = 16;
    private static final int PROBERS = 8;

    record Result(long events, Stopwatch.Timing passthrough, Stopwatch.Timing full, long heapPeakBytes,
            long heapLivePeakBytes, StoreFootprint footprint, long alerts, long deadLettered) {
        double passthroughEps() {
            return events / passthrough.processingSeconds();
        }

        double fullEps() {
            return events / full.processingSeconds();
        }

        /** Passthrough's CPU per event over the full topology's, in the applications' own threads. */
        double cpuRatio() {
            return (double) passthrough.appCpuNanos() / full.appCpuNanos();
        }
    }

    private final EmbeddedKafka kafka;
    private final BenchOptions options;
    private final Parsers parsers;
    private final HeapWatch heap;
    private final PrintStream err;

    ThroughputPhase(EmbeddedKafka kafka, BenchOptions options, Parsers parsers, HeapWatch heap, PrintStream err) {
        this.kafka = kafka;
        this.options = options;
        this.parsers = parsers;
        this.heap = heap;
        this.err = err;
    }

    Result run() {
        GatewatchConfig full = BenchConfigs.defaults(parsers, options, "gatewatch-bench-full", "gatewatch");
        GatewatchConfig passthrough = BenchConfigs.defaults(parsers, options, "gatewatch-bench-passthrough",
                "gatewatch");
        String raw = full.kafka().topics().raw();
        String passthroughSink = "gatewatch.bench.passthrough";
        TopicSetup.ensure(kafka.bootstrapServers(), full.kafka());
        kafka.createTopics(options.partitions(), passthroughSink);
        preload(raw);

        Stopwatch.Timing pass = runPassthrough(passthrough, raw, passthroughSink);
        heap.reset();
        return runFull(full, pass);
    }

    private void preload(String raw) {
        err.printf("bench: pre-loading %,d lines (%,d clients) into %s (%d partitions)...%n", options.events(),
                options.clients(), raw, options.partitions());
        long started = System.nanoTime();
        SyntheticTraffic traffic = new SyntheticTraffic(BenchOptions.SEED, options.clients());
        long base = EPOCH.toEpochMilli();
        long bytes = 0;
        try (LineProducer producer = new LineProducer(kafka.bootstrapServers(), raw, "nginx")) {
            for (long i = 0; i < options.events(); i++) {
                long ts = base + i * 1000 / options.rate();
                String line;
                if (i % BenchOptions.ATTACK_EVERY == BenchOptions.ATTACK_EVERY - 1) {
                    long attack = i / BenchOptions.ATTACK_EVERY;
                    line = attack % 3 == 2
                            ? traffic.probe((int) (attack / 3 % PROBERS), ts)
                            : traffic.bruteForce((int) (attack % BRUTE_FORCERS), ts);
                } else {
                    line = traffic.background(ts);
                }
                bytes += line.length();
                producer.send(line);
                if ((i + 1) % 500_000 == 0) {
                    err.printf("bench: %,d lines sent%n", i + 1);
                }
            }
            producer.flush();
        }
        err.printf("bench: pre-loaded %,d lines, %.0f B on average, in %.1f s%n", options.events(),
                (double) bytes / options.events(), (System.nanoTime() - started) / 1e9);
    }

    private Stopwatch.Timing runPassthrough(GatewatchConfig config, String raw, String sink) {
        err.println("bench: (a) passthrough topology, raw -> " + sink + "...");
        LongAdder processed = new LongAdder();
        Path stateDir = TempDirs.create("gatewatch-bench-pass");
        try {
            KafkaStreams streams = new KafkaStreams(PassthroughTopology.build(raw, sink, processed),
                    StreamsSettings.of(config.kafka(), kafka.bootstrapServers(), stateDir));
            heap.reset();
            long started = System.nanoTime();
            long startedCpu = CpuMeter.processNanos();
            streams.start();
            try {
                Stopwatch.Timing t = Stopwatch.time(started, startedCpu, config.kafka().applicationId(), processed::sum,
                        () -> processed.sum() >= options.events(),
                        TIMEOUT_NANOS, () -> failIfDead(streams), heap,
                        () -> err.printf("bench:   %,d records%n", processed.sum()));
                err.printf("bench: (a) passthrough: %,d records in %.2f s (startup %.2f s): %,.0f events/s;"
                                + " CPU per event %.2f us in its threads, %.2f us in the process; %,.0f B allocated per event"
                                + " in its threads; heap peak %d MB%n",
                        processed.sum(), t.processingSeconds(), t.startupSeconds(), options.events() / t.processingSeconds(),
                        t.appCpuMicrosPer(options.events()), t.processCpuMicrosPer(options.events()),
                        t.appAllocBytesPer(options.events()), heap.peakBytes() >> 20);
                return t;
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }

    private Result runFull(GatewatchConfig config, Stopwatch.Timing pass) {
        err.println("bench: (b) the Gatewatch topology (default config: parse, every detector, alerts)...");
        GatewatchMetrics metrics = GatewatchMetrics.inMemory();
        Path stateDir = TempDirs.create("gatewatch-bench-full");
        long n = options.events();
        try {
            Pipeline pipeline = new Pipeline(config, parsers, metrics, kafka.bootstrapServers(), stateDir);
            StoreFootprint.Live live;
            Stopwatch.Timing t;
            long heapPeak;
            long heapLive;
            try {
                long started = System.nanoTime();
                long startedCpu = CpuMeter.processNanos();
                pipeline.start();
                t = Stopwatch.time(started, startedCpu, config.kafka().applicationId(),
                        () -> (long) metrics.count("gatewatch.raw.records"),
                        () -> metrics.count("gatewatch.raw.records") >= n
                                && metrics.count("gatewatch.events.detected") + metrics.count("gatewatch.dlq.records") >= n,
                        TIMEOUT_NANOS, () -> {
                            if (pipeline.failure() != null) {
                                throw new IllegalStateException("the topology failed: " + pipeline.failure(), pipeline.failure());
                            }
                        }, heap, () -> err.printf("bench:   %,.0f raw records, %,.0f events detected%n",
                                metrics.count("gatewatch.raw.records"), metrics.count("gatewatch.events.detected")));
                heapPeak = heap.peakBytes();
                heapLive = heap.livePeakBytes();
                err.printf("bench: (b) Gatewatch: %,d lines in %.2f s (startup %.2f s): %,.0f events/s;"
                                + " CPU per event %.2f us in its threads, %.2f us in the process; %,.0f B allocated per event"
                                + " in its threads; heap peak %d MB%n",
                        n, t.processingSeconds(), t.startupSeconds(), n / t.processingSeconds(), t.appCpuMicrosPer(n),
                        t.processCpuMicrosPer(n), t.appAllocBytesPer(n), heapPeak >> 20);
                // the timing above ends at the last event's arrival; the state is read after the held ones
                HeldEvents.awaitRelease(metrics, Duration.ofSeconds(60));
                live = StoreFootprint.live(pipeline.streams());
            } finally {
                pipeline.close();
            }
            StoreFootprint footprint;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                footprint = StoreFootprint.measure(live, stateDir, config.kafka().applicationId(), admin);
            }
            StoreFootprint.describe(footprint).forEach(line -> err.println("bench:   " + line));
            return new Result(n, pass, t, heapPeak, heapLive, footprint, (long) metrics.count("gatewatch.alerts"),
                    (long) metrics.count("gatewatch.dlq.records"));
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }

    private static void failIfDead(KafkaStreams streams) {
        KafkaStreams.State s = streams.state();
        if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_ERROR) {
            throw new IllegalStateException("the passthrough topology stopped: " + s);
        }
    }
}
