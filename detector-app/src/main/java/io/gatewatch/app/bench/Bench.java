package io.gatewatch.app.bench;

import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code detector bench}: throughput (passthrough vs the whole topology over pre-loaded lines), memory,
 * state size per client, and event-to-alert latency under a steady load, on one embedded broker in
 * this JVM. Progress goes to {@code err}; the result is one {@code key=value} line.
 */
public final class Bench {
    private final BenchOptions options;
    private final Parsers parsers;
    private final PrintStream err;

    public Bench(BenchOptions options, Parsers parsers, PrintStream err) {
        this.options = options;
        this.parsers = parsers;
        this.err = err;
    }

    /** Runs every phase; returns the one-line summary. */
    public String run() throws InterruptedException {
        long started = System.nanoTime();
        err.printf("bench: %d cores, max heap %d MB, Java %s, processing guarantee %s (passthrough and full alike);"
                        + " starting an embedded Kafka broker...%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
                options.guarantee().streamsValue());
        try (HeapWatch heap = new HeapWatch(); EmbeddedKafka kafka = EmbeddedKafka.start()) {
            ThroughputPhase.Result t = new ThroughputPhase(kafka, options, parsers, heap, err).run();
            LatencyPhase.Result l = new LatencyPhase(kafka, options, parsers, heap, err).run();
            ProcessMemory mem = ProcessMemory.now();
            err.printf("bench: done in %.0f s; process RSS %d MB now, %d MB peak (broker, producer and streams in one JVM)%n",
                    (System.nanoTime() - started) / 1e9, mem.rssBytes() >> 20, mem.peakRssBytes() >> 20);
            return summary(t, l, mem);
        }
    }

    private String summary(ThroughputPhase.Result t, LatencyPhase.Result l, ProcessMemory mem) {
        StoreFootprint f = t.footprint();
        return String.format(Locale.ROOT, "bench: events=%d clients=%d partitions=%d threads=%d passthrough_eps=%.0f full_eps=%.0f"
                        + " ratio=%.2f passthrough_cpu_us=%.2f full_cpu_us=%.2f cpu_ratio=%.2f passthrough_alloc_b=%.0f full_alloc_b=%.0f heap_peak_mb=%d heap_live_mb=%d rss_mb=%d rss_peak_mb=%d profiles=%d"
                        + " live_bytes_per_client=%.1f state_bytes_per_client=%.1f sst_bytes_per_client=%.1f"
                        + " changelog_bytes_per_client=%.1f alerts=%d dlq=%d rate=%d seconds=%d achieved_rate=%.0f"
                        + " timed_alerts=%d missing_alerts=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f guarantee=%s",
                t.events(), options.clients(), options.partitions(), options.threads(), t.passthroughEps(), t.fullEps(),
                t.fullEps() / t.passthroughEps(), t.passthrough().appCpuMicrosPer(t.events()),
                t.full().appCpuMicrosPer(t.events()), t.cpuRatio(), t.passthrough().appAllocBytesPer(t.events()),
                t.full().appAllocBytesPer(t.events()), t.heapPeakBytes() >> 20, t.heapLivePeakBytes() >> 20,
                mem.rssBytes() >> 20, mem.peakRssBytes() >> 20, f.profiles(), f.liveBytesPerClient(),
                f.rocksDbBytesPerClient(), f.sstBytesPerClient(), f.changelogBytesPerClient(), t.alerts(), t.deadLettered(),
                l.rate(), l.seconds(), l.achievedRate(), l.matched(), l.missing(), l.percentileMillis(50),
                l.percentileMillis(99), l.percentileMillis(100), options.guarantee().streamsValue());
    }
}
