package io.gatewatch.app.cli;

import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.alerting.AlertingService;
import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.metrics.DeliveryMetrics;
import io.gatewatch.app.api.ApiService;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.health.AlertingHealthCheck;
import io.gatewatch.app.health.HealthCheck;
import io.gatewatch.app.health.StreamsHealthCheck;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.metrics.MetricsServer;
import io.gatewatch.app.reload.ConfigReloader;
import io.gatewatch.app.run.Pipeline;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run --config FILE}: production, against the cluster in the config. Several instances with
 * the same {@code kafka.application_id} share the work, as Kafka Streams instances do.
 */
@Command(name = "run", description = {"Production: runs against the Kafka cluster named in the config.",
    "Creates missing topics; instances with the same kafka.application_id share the partitions.",
    "Live keys of the config are reloaded when the file changes, on SIGHUP and on POST /config/reload."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", required = true, description = "config file")
    String configFile;
    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "gatewatch-state",
            description = "where Kafka Streams keeps its local state")
    String stateDirOption;
    @Option(names = "--metrics-port", paramLabel = "PORT", converter = Converters.Port.class,
            defaultValue = "" + DemoCommand.DEFAULT_METRICS_PORT, description = "Prometheus metrics port")
    int metricsPort;
    @Option(names = "--metrics-bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "numeric address the metrics port listens on; 0.0.0.0 in a container")
    String bind;
    @Option(names = "--no-alerting", description = "do not run the alerting service here (run `detector alerting` apart)")
    boolean noAlerting;
    private final Parsers parsers;
    private final PrintStream err;

    RunCommand(Parsers parsers, PrintStream err) {
        this.parsers = parsers;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        io.micrometer.core.instrument.MeterRegistry registry = MetricsServer.newRegistry();
        ConfigReloader reloader = ConfigFiles.reloader(configFile, parsers, registry, LiveReload.heldKeys(!noAlerting));
        GatewatchConfig config = reloader.live().config();
        String bootstrap = config.kafka().bootstrapServers();
        Path stateDir = Path.of(stateDirOption);
        if (!bind.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new UsageException("run: --metrics-bind " + bind + ": must be a numeric IP address, e.g. 127.0.0.1 or 0.0.0.0");
        }
        AlertingConfig alerting = noAlerting ? null : ConfigFiles.alerting(config);
        List<String> created = TopicSetup.ensure(bootstrap, config.kafka(),
                alerting == null ? List.of() : List.of(alerting.deadLetterTopic()));
        if (!created.isEmpty()) {
            err.println("run: created topics " + String.join(", ", created));
        }
        GatewatchMetrics metrics = new GatewatchMetrics(registry);
        CountDownLatch stopped = new CountDownLatch(1);
        try (MetricsServer server = MetricsServer.start(metrics.registry(), java.net.InetAddress.getByName(bind), metricsPort);
             Pipeline pipeline = new Pipeline(reloader.live(), ConfigFiles.keyedParsers(config, stateDir), metrics, bootstrap, stateDir, ApiService.streamsOverrides(server));
             ApiService api = ApiService.start(reloader.live(), pipeline.streams(), server, bootstrap);
             LiveReload reload = LiveReload.start(reloader, server, config.api().token());
             AlertingService delivery = alerting == null ? null : new AlertingService(
                     alerting.withDefaultSlackLinkBase(ApiService.baseUrl(server)), bootstrap,
                     config.kafka().topics().alerts(), config.kafka().applicationId() + "-alerting", System.out,
                     Clock.systemUTC(), new DeliveryMetrics(metrics.registry()),
                     DetectorRegistry.standard().infos())) {
            List<HealthCheck> checks = new ArrayList<>(List.of(pipeline.health(StreamsHealthCheck.DEFAULT_MAX_LAG)));
            if (delivery != null) {
                checks.add(new AlertingHealthCheck(delivery));
            }
            server.health(checks);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (delivery != null) {
                    delivery.close();
                }
                pipeline.close();
                stopped.countDown();
            }, "gatewatch-shutdown"));
            pipeline.start();
            if (delivery != null) {
                delivery.start();
            }
            if (config.api().token() == null && !server.address().getAddress().isLoopbackAddress()) {
                err.println("run: warning: the query API on " + bind + " answers anyone who can reach it; set api.token "
                        + "or GATEWATCH_API_TOKEN");
            }
            err.println("run: application " + config.kafka().applicationId() + " on " + bootstrap
                    + "; metrics on " + server.url() + ", web page and API on " + server.url().replace("/metrics", "/")
                    + "; " + pipeline.startupLine());
            while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                if (pipeline.awaitUnexpectedStop(java.time.Duration.ZERO)) {
                    // Exit non-zero so that the supervisor (systemd, Kubernetes) restarts the instance.
                    err.println("run: Kafka Streams stopped: " + pipeline.failure() + "; exiting with status 3");
                    return 3;
                }
            }
        }
        return 0;
    }
}
