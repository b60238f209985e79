package io.gatewatch.app.cli;

import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.alerting.metrics.DeliveryMetrics;
import io.gatewatch.app.api.ApiService;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.health.AlertingHealthCheck;
import io.gatewatch.app.health.StreamsHealthCheck;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.metrics.MetricsServer;
import io.gatewatch.app.run.AlertTail;
import io.gatewatch.app.run.LineProducer;
import io.gatewatch.app.run.Pipeline;
import io.gatewatch.app.run.TempDirs;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.app.sim.DemoTraffic;
import io.gatewatch.alerting.AlertingService;
import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.gatewatch.app.config.LiveConfig;
import io.gatewatch.app.reload.ConfigReloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo [--duration D] [--config FILE]}: embedded broker, topology and live simulated traffic with
 * a credential stuffing attack in it; the alerting service prints each alert through its console sink
 * (and delivers to any other sink the config's {@code alerting:} block names); a summary at the end.
 */
@Command(name = "demo", description = {"Live simulated traffic with attacks through the topology on an embedded Kafka.",
    "Prints the alerts as they fire and a summary at the end."})
final class DemoCommand implements Callable<Integer> {
    static final int DEFAULT_METRICS_PORT = 9464;
    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
            description = "how long to run, e.g. 90s or 5m (default: until Ctrl-C)")
    Duration duration;
    @Option(names = "--config", paramLabel = "FILE", description = "config file (default: the built-in defaults)")
    String configFile;
    @Option(names = "--metrics-port", paramLabel = "PORT", converter = Converters.Port.class,
            defaultValue = "" + DEFAULT_METRICS_PORT,
            description = "Prometheus metrics port on 127.0.0.1; a free one is taken when this one is in use")
    int metricsPort;
    private final Parsers parsers;
    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(Parsers parsers, PrintStream out, PrintStream err) {
        this.parsers = parsers;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        GatewatchMetrics metrics = new GatewatchMetrics(MetricsServer.newRegistry());
        ConfigReloader reloader = configFile == null ? null
                : ConfigFiles.reloader(configFile, parsers, metrics.registry(), LiveReload.heldKeys(true));
        LiveConfig live = reloader == null ? LiveConfig.fixed(ConfigFiles.load(null, parsers)) : reloader.live();
        GatewatchConfig config = live.config();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        // Ctrl-C: ask the loop to stop, then hold the JVM until broker and state are cleaned up.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gatewatch-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Path stateDir = TempDirs.create("gatewatch-demo-state");
        Map<String, Integer> byDetector = new TreeMap<>();
        long started = System.nanoTime();
        err.println("demo: starting an embedded Kafka broker...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             MetricsServer server = startMetrics(metrics, metricsPort, err)) {
            // One raw partition keeps the file's order; the events topic is then partitioned by client.
            kafka.createTopics(1, config.kafka().topics().raw());
            AlertingConfig alerting = ConfigFiles.alerting(config).withDefaultSlackLinkBase(ApiService.baseUrl(server));
            TopicSetup.ensure(kafka.bootstrapServers(), config.kafka(), List.of(alerting.deadLetterTopic()));
            try (Pipeline pipeline = new Pipeline(live, ConfigFiles.keyedParsers(config), metrics, kafka.bootstrapServers(), stateDir,
                    ApiService.streamsOverrides(server));
                 ApiService api = ApiService.start(live, pipeline.streams(), server, kafka.bootstrapServers());
                 LiveReload reload = LiveReload.start(reloader, server, config.api().token());
                 LineProducer producer = new LineProducer(kafka.bootstrapServers(), config.kafka().topics().raw(), "nginx");
                 AlertTail tail = new AlertTail(kafka.bootstrapServers(), config.kafka().topics().alerts(), a -> {
                     synchronized (byDetector) {
                         byDetector.merge(a.detector(), 1, Integer::sum);
                     }
                 });
                 AlertingService delivery = new AlertingService(alerting, kafka.bootstrapServers(),
                         config.kafka().topics().alerts(), "gatewatch-alerting", out, Clock.systemUTC(),
                         new DeliveryMetrics(metrics.registry()), DetectorRegistry.standard().infos())) {
                server.health(List.of(pipeline.health(StreamsHealthCheck.DEFAULT_MAX_LAG), new AlertingHealthCheck(delivery)));
                pipeline.start();
                delivery.start();
                err.println("demo: Kafka on " + kafka.bootstrapServers() + ", metrics on " + server.url()
                        + ", web page and API on " + server.url().replace("/metrics", "/")
                        + "; live traffic with credential stuffing from " + DemoTraffic.ATTACKER + " (after 8 s), id enumeration from "
                        + DemoTraffic.ENUMERATOR + " (12 s) and a scanner at " + DemoTraffic.SCANNER + " (20 s)"
                        + (duration == null ? "; Ctrl-C to stop" : "; stopping after " + duration.toSeconds() + " s"));
                DemoTraffic traffic = new DemoTraffic(new Random(42), Instant.now(), 30);
                for (long s = 0; duration == null || s < duration.toSeconds(); s++) {
                    traffic.second(s).forEach(producer::send);
                    producer.flush();
                    if (pipeline.failure() != null) {
                        err.println("demo: the topology failed: " + pipeline.failure());
                        return 1;
                    }
                    if (stop.await(1, TimeUnit.SECONDS)) {
                        break;
                    }
                }
                err.println("demo: stopping...");
            }
        } finally {
            TempDirs.deleteQuietly(stateDir);
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already on its way out
            }
        }
        err.printf("demo: %.0f s, %,d lines, %,d events, %,d dead-lettered, alerts by detector: %s%n",
                (System.nanoTime() - started) / 1e9, (long) metrics.count("gatewatch.raw.records"),
                (long) metrics.count("gatewatch.events.parsed"), (long) metrics.count("gatewatch.dlq.records"),
                byDetector.isEmpty() ? "none" : byDetector);
        return 0;
    }

    /**
     * The demo is often started beside another Gatewatch (or a second demo): rather than fail on a busy
     * port, it takes a free one and says which.
     */
    static MetricsServer startMetrics(GatewatchMetrics metrics, int port, PrintStream err) {
        try {
            return MetricsServer.start(metrics.registry(), port);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            MetricsServer server = MetricsServer.start(metrics.registry(), 0);
            err.println("demo: metrics port " + port + " is in use; serving metrics on " + server.url() + " instead");
            return server;
        }
    }
}
