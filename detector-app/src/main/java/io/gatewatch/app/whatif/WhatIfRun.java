package io.gatewatch.app.whatif;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.KafkaSettings;
import io.gatewatch.app.config.LiveConfig;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.run.AlertTail;
import io.gatewatch.app.run.LineProducer;
import io.gatewatch.app.run.Pipeline;
import io.gatewatch.app.run.TempDirs;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs two configs over one log in one pass: the log is read once into one raw topic of an embedded
 * broker, and two pipelines (the production topology, as {@code replay} runs it) with their own
 * application ids, topics and state read it side by side. Every topic has one partition, as in
 * {@code replay}, so each side sees the file's order and the result does not depend on partitioning.
 *
 * <p>Why pipelines and not two TopologyTestDrivers: the test driver commits, and so flushes RocksDB, after
 * every record: 20,000 lines took 24.5 s through one driver on the shared two-core machine (about 800
 * lines a second, under load), against thousands a second for a pipeline, and an analyst's log is often
 * a day of traffic. Each side is at-least-once: a what-if that
 * fails is run again, so exactly-once would only cost time.
 */
public final class WhatIfRun {
    /** The alerts of each side, every revision included, and the lines both read. */
    public record Result(long lines, List<Alert> current, List<Alert> proposed) {
    }

    private static final long STALL_LIMIT_NANOS = 180_000_000_000L;
    private static final long PROGRESS_NANOS = 2_000_000_000L;
    private static final String RAW = "whatif.raw";

    private WhatIfRun() {
    }

    /**
     * @param parsers one set for both sides, keyed with one hash key, so that a client's key is the same in both
     * @param err     progress lines, every 100,000 lines read and every 2 s while the pipelines catch up
     */
    public static Result run(GatewatchConfig current, GatewatchConfig proposed, Parsers parsers, String format,
            InputStream in, PrintStream err) throws IOException, InterruptedException {
        TempDirs.Owned state = TempDirs.owned("gatewatch-whatif-state");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             Side was = new Side("current", current, kafka.bootstrapServers(), state.path(), parsers);
             Side now = new Side("proposed", proposed, kafka.bootstrapServers(), state.path(), parsers);
             LineProducer producer = new LineProducer(kafka.bootstrapServers(), RAW, format)) {
            was.start();
            now.start();
            long lines = producer.sendAll(in, n -> progress(err, n, was, now));
            producer.flush();
            err.printf("whatif: %,d lines sent; waiting for both configs to finish...%n", lines);
            long lastReport = System.nanoTime();
            while (!(was.done(lines) & now.done(lines))) {
                was.check();
                now.check();
                if (System.nanoTime() - lastReport > PROGRESS_NANOS) {
                    progress(err, lines, was, now);
                    lastReport = System.nanoTime();
                }
                Thread.sleep(50);
            }
            return new Result(lines, was.finish(), now.finish());
        } finally {
            state.close();
        }
    }

    private static void progress(PrintStream err, long lines, Side was, Side now) {
        err.printf("whatif: %,d lines; current: %,d events detected, %,d alerts; proposed: %,d events detected, %,d alerts%n",
                lines, (long) was.metrics.count(GatewatchMetrics.EVENTS_DETECTED), was.alerts.size(),
                (long) now.metrics.count(GatewatchMetrics.EVENTS_DETECTED), now.alerts.size());
    }

    /** One config's pipeline, topics and alerts. */
    private static final class Side implements AutoCloseable {
        final GatewatchMetrics metrics = GatewatchMetrics.inMemory();
        final List<Alert> alerts = new CopyOnWriteArrayList<>();
        private final String name;
        private final Pipeline pipeline;
        private final AlertTail tail;
        private long lastProgress = System.nanoTime();
        private long seen = -1;
        private long talliesAtRest = -1;
        private long restSince = System.nanoTime();
        private boolean closed;

        Side(String name, GatewatchConfig config, String bootstrap, Path stateParent, Parsers parsers) {
            this.name = name;
            KafkaSettings k = config.kafka();
            KafkaSettings.Topics topics = new KafkaSettings.Topics(RAW, "whatif-" + name + ".events",
                    "whatif-" + name + ".alerts", "whatif-" + name + ".dlq", "whatif-" + name + ".route-tallies");
            KafkaSettings settings = new KafkaSettings(bootstrap, "gatewatch-whatif-" + name, topics, 1, (short) 1,
                    k.properties(), KafkaSettings.ProcessingGuarantee.AT_LEAST_ONCE, null, k.rocksDb());
            TopicSetup.ensure(bootstrap, settings);
            GatewatchConfig side = config.withKafka(settings);
            this.pipeline = new Pipeline(LiveConfig.fixed(side), parsers, metrics, bootstrap, stateParent.resolve(name),
                    Map.of());
            this.tail = new AlertTail(bootstrap, topics.alerts(), alerts::add);
        }

        void start() {
            pipeline.start();
        }

        /** Fails the run when this side's topology stopped or made no progress for three minutes. */
        void check() {
            if (pipeline.failure() != null) {
                throw new IllegalStateException("the " + name + " config's topology failed: "
                        + pipeline.failure().getMessage(), pipeline.failure());
            }
            long progress = (long) (metrics.count(GatewatchMetrics.RAW_RECORDS) + metrics.count(GatewatchMetrics.EVENTS_DETECTED));
            if (progress != seen) {
                seen = progress;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_LIMIT_NANOS) {
                throw new IllegalStateException("the " + name + " config's topology made no progress for "
                        + STALL_LIMIT_NANOS / 1_000_000_000L + " s (Kafka Streams state " + pipeline.state() + ")");
            }
        }

        /**
         * Every line normalised and every event detected, and the route stage has read every tally the
         * client stage sent for two and a half seconds of quiet (it closes tallies once a second): done.
         */
        boolean done(long lines) {
            long raw = (long) metrics.count(GatewatchMetrics.RAW_RECORDS);
            long events = (long) metrics.count(GatewatchMetrics.EVENTS_PARSED);
            long detected = (long) metrics.count(GatewatchMetrics.EVENTS_DETECTED);
            long sent = (long) metrics.count(GatewatchMetrics.ROUTE_TALLIES_SENT);
            long read = (long) metrics.count(GatewatchMetrics.ROUTE_TALLIES_DETECTED);
            if (raw < lines || detected < events) {
                return false;
            }
            if (sent != talliesAtRest) {
                talliesAtRest = sent;
                restSince = System.nanoTime();
                return false;
            }
            return read >= sent && System.nanoTime() - restSince > 2_500_000_000L;
        }

        List<Alert> finish() throws InterruptedException {
            closed = true;
            pipeline.close();
            tail.drainAndClose(Duration.ofSeconds(60));
            return new ArrayList<>(alerts);
        }

        @Override
        public void close() throws InterruptedException {
            if (!closed) {
                closed = true;
                pipeline.close();
                tail.close();
            }
        }
    }
}
