package io.gatewatch.app.cli;

import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.alerting.AlertingService;
import io.gatewatch.alerting.Redelivery;
import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.metrics.DeliveryMetrics;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.health.AlertingHealthCheck;
import io.gatewatch.app.metrics.MetricsServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alerting --config FILE}: the alerting service on its own, reading the alerts topic of the
 * cluster in the config, for deployments that run delivery apart from detection. With
 * {@code --redeliver}, drains the dead-letter topic to the configured sinks once and exits.
 */
@Command(name = "alerting", description = "The alerting service alone: delivers the alerts topic to the configured sinks.")
final class AlertingCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", required = true, description = "config file")
    String configFile;
    @Option(names = "--group-id", paramLabel = "ID",
            description = "consumer group (default: kafka.application_id from the config + \"-alerting\")")
    String groupId;
    @Option(names = "--metrics-port", paramLabel = "PORT", converter = Converters.Port.class, defaultValue = "9465",
            description = "port of /metrics and /health")
    int metricsPort;
    @Option(names = "--metrics-bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "numeric address the metrics port listens on; 0.0.0.0 in a container")
    String bind;
    @Option(names = "--redeliver", description = "drain the dead-letter topic to the configured sinks once, then exit "
            + "(0 when every letter was delivered, 1 when a sink still fails)")
    boolean redeliver;
    private final Parsers parsers;
    private final PrintStream out;
    private final PrintStream err;

    AlertingCommand(Parsers parsers, PrintStream out, PrintStream err) {
        this.parsers = parsers;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        GatewatchConfig config = ConfigFiles.load(configFile, parsers);
        AlertingConfig alerting = ConfigFiles.alerting(config);
        String bootstrap = config.kafka().bootstrapServers();
        TopicSetup.ensure(bootstrap, config.kafka(), List.of(alerting.deadLetterTopic()));
        String group = groupId != null ? groupId : config.kafka().applicationId() + "-alerting";
        if (redeliver) {
            return RedeliverReport.run(new Redelivery(alerting, bootstrap, group, Clock.systemUTC(),
                    AlertingService.defaultSinks(out, Clock.systemUTC(), DetectorRegistry.standard().infos())), alerting.deadLetterTopic(), err);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        if (!bind.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new UsageException("alerting: --metrics-bind " + bind + ": must be a numeric IP address, e.g. 127.0.0.1 or 0.0.0.0");
        }
        MeterRegistry registry = MetricsServer.newRegistry();
        try (MetricsServer server = MetricsServer.start(registry, InetAddress.getByName(bind), metricsPort);
             AlertingService service = new AlertingService(alerting, bootstrap, config.kafka().topics().alerts(),
                     group, out, Clock.systemUTC(), new DeliveryMetrics(registry), DetectorRegistry.standard().infos())) {
            server.health(List.of(new AlertingHealthCheck(service)));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                stopped.countDown();
            }, "gatewatch-alerting-shutdown"));
            service.start();
            err.println("alerting: delivering " + config.kafka().topics().alerts() + " from " + bootstrap + " to "
                    + alerting.sinks().size() + " sink(s); metrics on " + server.url() + "; Ctrl-C to stop");
            stopped.await();
        }
        return 0;
    }
}
