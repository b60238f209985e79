package io.gatewatch.app.bench;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.run.AlertTail;
import io.gatewatch.app.run.LineProducer;
import io.gatewatch.app.run.Pipeline;
import io.gatewatch.app.run.TempDirs;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady R lines/s for T seconds with current timestamps, attacks mixed in, through the whole
 * Gatewatch topology; measures event-to-alert latency.
 *
 * <p>Method. Every attack comes from an address of its own that no background client uses. Before
 * each attack line is produced, {@link CrossingOracle} runs it through the same parser and detection
 * engine, so the bench knows which alerts (client key, detector, revision) that very line will make
 * the topology raise; it records the wall clock ({@code System.nanoTime}) just before
 * {@code producer.send}. An {@link AlertTail} reads the alerts topic and stamps each alert when the
 * consumer hands it over. Latency = read time - produce time of the line whose event crossed the
 * threshold (revision 0) or doubled it (updates). Both clocks are the same JVM's, so there is no skew.
 * Alerts the oracle did not predict (background clients tripping a detector) are counted, not timed.
 */
final class LatencyPhase {
    private static final long BRUTE_FORCE_LINES = 20;
    private static final long BRUTE_FORCE_GAP_MS = 100;
    private static final long PROBE_LINES = 30;
    private static final long PROBE_GAP_MS = 100;

    record Result(int rate, int seconds, long sent, double achievedRate, long predicted, long[] latenciesNanos,
            long unpredicted, double drainSeconds, long heapPeakBytes) {
        long matched() {
            return latenciesNanos.length;
        }

        long missing() {
            return predicted - latenciesNanos.length;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * latenciesNanos.length);
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, rank - 1))] / 1e6;
        }
    }

    /** An alert as read from the alerts topic, and when. */
    private record Seen(CrossingOracle.Expected alert, long readNanos) {
    }

    /** An attack line due at an offset from the start of the phase. */
    private record AttackLine(long dueMillis, boolean bruteForce, int attacker) {
    }

    private final EmbeddedKafka kafka;
    private final BenchOptions options;
    private final Parsers parsers;
    private final HeapWatch heap;
    private final PrintStream err;

    LatencyPhase(EmbeddedKafka kafka, BenchOptions options, Parsers parsers, HeapWatch heap, PrintStream err) {
        this.kafka = kafka;
        this.options = options;
        this.parsers = parsers;
        this.heap = heap;
        this.err = err;
    }

    Result run() throws InterruptedException {
        GatewatchConfig config = BenchConfigs.defaults(parsers, options, "gatewatch-bench-latency",
                "gatewatch.latency");
        TopicSetup.ensure(kafka.bootstrapServers(), config.kafka());
        err.printf("bench: latency: %,d lines/s for %d s with current timestamps, attacks mixed in...%n",
                options.rate(), options.seconds());
        GatewatchMetrics metrics = GatewatchMetrics.inMemory();
        CrossingOracle oracle = new CrossingOracle(config, parsers, "nginx");
        Map<CrossingOracle.Expected, Long> producedAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Seen> received = new ConcurrentLinkedQueue<>();
        Path stateDir = TempDirs.create("gatewatch-bench-latency");
        try (Pipeline pipeline = new Pipeline(config, parsers, metrics, kafka.bootstrapServers(), stateDir);
             LineProducer producer = new LineProducer(kafka.bootstrapServers(), config.kafka().topics().raw(), "nginx")) {
            AlertTail tail = new AlertTail(kafka.bootstrapServers(), config.kafka().topics().alerts(),
                    a -> received.add(new Seen(CrossingOracle.Expected.of(a), System.nanoTime())));
            pipeline.start();
            if (!pipeline.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the topology did not start within 60 s");
            }
            heap.reset();
            long started = System.nanoTime();
            long sent = produce(producer, oracle, producedAt, pipeline);
            long sendSeconds = System.nanoTime() - started;
            producer.flush();
            long flushed = System.nanoTime();
            Stopwatch.time(flushed, CpuMeter.processNanos(), config.kafka().applicationId(), () -> 1, () -> metrics.count("gatewatch.raw.records") >= sent
                    && metrics.count("gatewatch.events.detected") + metrics.count("gatewatch.dlq.records") >= sent,
                    Duration.ofMinutes(5).toNanos(), () -> {
                        if (pipeline.failure() != null) {
                            throw new IllegalStateException("the topology failed: " + pipeline.failure(), pipeline.failure());
                        }
                    }, heap, () -> err.printf("bench:   catching up: %,.0f of %,d lines%n",
                            metrics.count("gatewatch.raw.records"), sent));
            HeldEvents.awaitRelease(metrics, Duration.ofSeconds(60));
            double drain = (System.nanoTime() - flushed) / 1e9;
            long heapPeak = heap.peakBytes();
            pipeline.close();
            tail.drainAndClose(Duration.ofSeconds(60));
            return result(sent, sendSeconds, producedAt, received, drain, heapPeak);
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }

    private long produce(LineProducer producer, CrossingOracle oracle, Map<CrossingOracle.Expected, Long> producedAt,
            Pipeline pipeline) {
        SyntheticTraffic traffic = new SyntheticTraffic(BenchOptions.SEED + 1, options.clients());
        List<AttackLine> attacks = schedule();
        int next = 0;
        long sent = 0;
        long start = System.nanoTime();
        long end = start + options.seconds() * 1_000_000_000L;
        long lastReport = start;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                return sent;
            }
            long elapsedMillis = (now - start) / 1_000_000;
            long due = (now - start) * options.rate() / 1_000_000_000L;
            while (next < attacks.size() && attacks.get(next).dueMillis() <= elapsedMillis) {
                AttackLine a = attacks.get(next++);
                long ts = System.currentTimeMillis();
                String line = a.bruteForce() ? traffic.bruteForce(a.attacker(), ts) : traffic.probe(a.attacker(), ts);
                List<CrossingOracle.Expected> expected = oracle.observe(line);
                long t = System.nanoTime();
                expected.forEach(x -> producedAt.put(x, t));
                producer.send(line);
                sent++;
            }
            long ts = System.currentTimeMillis();
            while (sent < due) {
                producer.send(traffic.background(ts));
                sent++;
            }
            heap.sample();
            if (now - lastReport > 5_000_000_000L) {
                err.printf("bench:   %,d lines sent, %,d alerts predicted%n", sent, producedAt.size());
                lastReport = now;
                if (pipeline.failure() != null) {
                    throw new IllegalStateException("the topology failed: " + pipeline.failure(), pipeline.failure());
                }
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** A new brute-force attacker every 250 ms and a new prober every 5 s, each from an address of its own. */
    private List<AttackLine> schedule() {
        List<AttackLine> lines = new ArrayList<>();
        long phaseMillis = options.seconds() * 1000L;
        for (int n = 0; n * 250L < phaseMillis; n++) {
            for (int k = 0; k < BRUTE_FORCE_LINES; k++) {
                lines.add(new AttackLine(500 + n * 250L + k * BRUTE_FORCE_GAP_MS, true, n));
            }
        }
        for (int n = 0; n * 5000L < phaseMillis; n++) {
            for (int k = 0; k < PROBE_LINES; k++) {
                lines.add(new AttackLine(2500 + n * 5000L + k * PROBE_GAP_MS, false, n));
            }
        }
        lines.removeIf(a -> a.dueMillis() >= phaseMillis);
        lines.sort(Comparator.comparingLong(AttackLine::dueMillis));
        return lines;
    }

    private Result result(long sent, long sendNanos, Map<CrossingOracle.Expected, Long> producedAt,
            ConcurrentLinkedQueue<Seen> received, double drain, long heapPeak) {
        List<Long> latencies = new ArrayList<>();
        long unpredicted = 0;
        Map<String, Integer> others = new java.util.TreeMap<>();
        for (Seen r : received) {
            Long produced = producedAt.get(r.alert());
            if (produced == null) {
                unpredicted++;
                others.merge(r.alert().detector() + (r.alert().clientKey() == null ? " (route)" : " (client)"), 1,
                        Integer::sum);
            } else {
                latencies.add(r.readNanos() - produced);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        Result res = new Result(options.rate(), options.seconds(), sent, sent / (sendNanos / 1e9), producedAt.size(),
                sorted, unpredicted, drain, heapPeak);
        err.printf("bench: latency: %,d lines at %,.0f lines/s; %d alerts predicted, %d seen and timed, %d missing,"
                        + " %d other alerts %s; caught up %.2f s after the last line%n", sent, res.achievedRate(),
                res.predicted(), res.matched(), res.missing(), unpredicted, others, drain);
        err.printf("bench: event->alert latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", res.percentileMillis(50),
                res.percentileMillis(99), res.percentileMillis(100));
        return res;
    }
}
