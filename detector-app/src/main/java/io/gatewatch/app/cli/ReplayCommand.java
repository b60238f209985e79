package io.gatewatch.app.cli;

import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.alerting.AlertingService;
import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.KafkaSettings;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.run.AlertTail;
import io.gatewatch.app.run.LineProducer;
import io.gatewatch.app.run.Pipeline;
import io.gatewatch.app.run.TempDirs;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code replay --format F --input FILE [--config FILE]}: the production topology on an embedded broker
 * over a log file. Alert JSON lines (the contract) on stdout and nothing else; progress and a summary on
 * stderr. Ends by itself when every line has gone through.
 */
@Command(name = "replay", description = {"Runs a log file through the topology on an embedded Kafka.",
    "Alert JSON lines on stdout and nothing else; progress and a summary on stderr; ends when the input is consumed."})
final class ReplayCommand implements Callable<Integer> {
    private static final long STALL_LIMIT_NANOS = 180_000_000_000L;
    @Option(names = "--input", paramLabel = "FILE|-", required = true,
            description = "the log file, or - for standard input")
    String input;
    @Option(names = "--format", paramLabel = "NAME", description = "its format (default: input.format from the config)")
    String formatOption;
    @Option(names = "--config", paramLabel = "FILE", description = "config file (default: the built-in defaults)")
    String configFile;
    @Option(names = "--against", paramLabel = "FILE",
            description = "what-if: compare --config (proposed) with this config over the input (see `whatif`)")
    String againstFile;
    private final Parsers parsers;
    private final PrintStream out;
    private final PrintStream err;

    ReplayCommand(Parsers parsers, PrintStream out, PrintStream err) {
        this.parsers = parsers;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (againstFile != null) {
            return WhatIfCommand.of(parsers, out, err, configFile, againstFile, input, formatOption).call();
        }
        GatewatchConfig config = ConfigFiles.load(configFile, parsers);
        String format = formatOption != null ? formatOption : config.inputFormat();
        if (!parsers.names().contains(format)) {
            throw new UsageException("replay: --format " + format + ": unknown; known: " + String.join(", ", parsers.names()));
        }
        if (!input.equals("-") && !Files.isReadable(Path.of(input))) {
            err.println("replay: cannot read " + input);
            return 2;
        }

        long started = System.nanoTime();
        GatewatchMetrics metrics = GatewatchMetrics.inMemory();
        ObjectMapper json = Json.newMapper();
        // removed on any exit, an OutOfMemoryError included; the embedded broker removes its own folder alike
        TempDirs.Owned state = TempDirs.owned("gatewatch-replay-state");
        Path stateDir = state.path();
        err.println("replay: starting an embedded Kafka broker and the topology...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            // stdout carries the alert JSON; the alerting service runs only when the config routes alerts somewhere
            AlertingConfig alerting = config.alerting() == null ? null : ConfigFiles.alerting(config);
            // One partition per topic: the file's order is kept end to end, one task sees all clients, and
            // the route view gets every client's tallies in event-time order, so a replay is deterministic.
            // (Live, partitions spread the load; their tasks run at the same event time.)
            var k = config.kafka();
            TopicSetup.ensure(kafka.bootstrapServers(), new KafkaSettings(k.bootstrapServers(), k.applicationId(),
                            k.topics(), 1, k.replicationFactor(), k.properties()),
                    alerting == null ? List.of() : List.of(alerting.deadLetterTopic()));
            long[] alerts = new long[2];
            try (Pipeline pipeline = new Pipeline(config, ConfigFiles.keyedParsers(config), metrics, kafka.bootstrapServers(), stateDir);
                 LineProducer producer = new LineProducer(kafka.bootstrapServers(), config.kafka().topics().raw(),
                         config.kafka().topics().dlq(), format)) {
                AlertTail tail = new AlertTail(kafka.bootstrapServers(), config.kafka().topics().alerts(), a -> {
                    synchronized (out) {
                        try {
                            out.println(json.writeValueAsString(a));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    alerts[a.isUpdate() ? 1 : 0]++;
                });
                AlertingService delivery = alerting == null ? null : new AlertingService(alerting,
                        kafka.bootstrapServers(), config.kafka().topics().alerts(), "gatewatch-alerting", err, Clock.systemUTC(),
                        DetectorRegistry.standard().infos());
                if (delivery != null) {
                    delivery.start();
                }
                pipeline.start();
                long lines;
                try (InputStream in = open(input)) {
                    lines = producer.sendAll(in, n -> progress(metrics, n, alerts));
                }
                producer.flush();
                err.printf("replay: %,d lines sent; waiting for the topology to finish...%n", lines);
                awaitDone(pipeline, metrics, lines, alerts);
                pipeline.close();
                tail.drainAndClose(Duration.ofSeconds(60));
                if (delivery != null) {
                    awaitDelivery(delivery, alerts[0] + alerts[1]);
                    delivery.close();
                }
                double secs = (System.nanoTime() - started) / 1e9;
                err.printf("replay: done in %.1f s: %,d lines read, %,d events parsed, %,d dead-lettered, "
                                + "%,d late, %,d alerts (%,d new, %,d updates)%n",
                        secs, lines + producer.deadLettered(), (long) metrics.count("gatewatch.events.parsed"),
                        (long) metrics.count("gatewatch.dlq.records") + producer.deadLettered(),
                        (long) metrics.count("gatewatch.events.late"),
                        alerts[0] + alerts[1], alerts[0], alerts[1]);
            }
        } finally {
            state.close();
        }
        return 0;
    }

    /** Every alert delivered, dead-lettered or suppressed (dedup, routing), or a minute without progress. */
    private void awaitDelivery(AlertingService delivery, long alerts) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (delivery.delivered() + delivery.deadLettered() + delivery.suppressed() < alerts && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        err.printf("replay: alerting: %,d delivered, %,d dead-lettered, %,d suppressed%n", delivery.delivered(),
                delivery.deadLettered(), delivery.suppressed());
    }

    /** Bytes, not characters: a line's encoding is the parser's business, never a reason to stop reading. */
    private InputStream open(String input) throws IOException {
        try {
            return input.equals("-") ? System.in : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + input, e);
        }
    }

    /**
     * Every raw line normalised, and every event it made detected (or dead-lettered): done. A topology
     * that makes no progress for {@link #STALL_LIMIT_NANOS} fails the replay with its state, rather than
     * leaving the user waiting forever.
     */
    private void awaitDone(Pipeline pipeline, GatewatchMetrics metrics, long lines, long[] alerts)
            throws InterruptedException {
        long lastReport = System.nanoTime();
        long lastProgress = System.nanoTime();
        long seen = -1;
        long talliesAtRest = -1;
        long restSince = System.nanoTime();
        while (true) {
            if (pipeline.failure() != null) {
                throw new IllegalStateException("the topology failed: " + pipeline.failure().getMessage(),
                        pipeline.failure());
            }
            long raw = (long) metrics.count("gatewatch.raw.records");
            long events = (long) metrics.count("gatewatch.events.parsed");
            long detected = (long) metrics.count("gatewatch.events.detected");
            long talliesSent = (long) metrics.count(GatewatchMetrics.ROUTE_TALLIES_SENT);
            long talliesDetected = (long) metrics.count(GatewatchMetrics.ROUTE_TALLIES_DETECTED);
            if (raw >= lines && detected >= events) {
                // The route stage sees each second's tallies after the client stage closes them (once a second of
                // wall clock, all of them once the events stop): done when two such closings sent nothing new and
                // the route stage has read all that was sent.
                if (talliesSent == talliesAtRest && talliesDetected >= talliesSent
                        && System.nanoTime() - restSince > 2_500_000_000L) {
                    return;
                }
                if (talliesSent != talliesAtRest) {
                    talliesAtRest = talliesSent;
                    restSince = System.nanoTime();
                }
            }
            if (raw + detected != seen) {
                seen = raw + detected;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_LIMIT_NANOS) {
                throw new IllegalStateException(String.format("the topology made no progress for %d s (Kafka Streams "
                        + "state %s; %,d of %,d lines normalised, %,d of %,d events detected)", STALL_LIMIT_NANOS / 1_000_000_000L,
                        pipeline.state(), raw, lines, detected, events));
            }
            if (System.nanoTime() - lastReport > 2_000_000_000L) {
                progress(metrics, raw, alerts);
                lastReport = System.nanoTime();
            }
            Thread.sleep(50);
        }
    }

    private void progress(GatewatchMetrics metrics, long lines, long[] alerts) {
        err.printf("replay: %,d lines, %,d events parsed, %,d detected, %,d dead-lettered, %,d alerts so far%n", lines,
                (long) metrics.count("gatewatch.events.parsed"), (long) metrics.count("gatewatch.events.detected"),
                (long) metrics.count("gatewatch.dlq.records"), alerts[0] + alerts[1]);
    }
}
