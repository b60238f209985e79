package io.gatewatch.app.cli;

import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.alerting.AlertingService;
import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.metrics.DeliveryMetrics;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.health.AlertingHealthCheck;
import io.gatewatch.app.health.HealthCheck;
import io.gatewatch.app.health.StreamsHealthCheck;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.metrics.MetricsServer;
import io.gatewatch.app.run.Pipeline;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code run --config FILE}: production, against the cluster in the config. Several instances with
 * the same {@code kafka.application_id} share the work, as Kafka Streams instances do.
 */
final class RunCommand {
    static final String USAGE = "run --config FILE [--state-dir DIR] [--metrics-port N] [--metrics-bind ADDR] [--no-alerting]";
    private final Parsers parsers;
    private final PrintStream err;

    RunCommand(Parsers parsers, PrintStream err) {
        this.parsers = parsers;
        this.err = err;
    }

    int run(List<String> argv) throws Exception {
        Args args = Args.parse("run", argv, Set.of("--config", "--state-dir", "--metrics-port", "--metrics-bind"),
                Set.of("--no-alerting"));
        GatewatchConfig config = ConfigFiles.load(args.required("--config"), parsers);
        String bootstrap = config.kafka().bootstrapServers();
        Path stateDir = Path.of(args.get("--state-dir", "gatewatch-state"));
        int metricsPort = (int) args.positiveLong("--metrics-port", 9464);
        String bind = args.get("--metrics-bind", "127.0.0.1");
        if (!bind.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new UsageException("run: --metrics-bind " + bind + ": must be a numeric IP address, e.g. 127.0.0.1 or 0.0.0.0");
        }
        AlertingConfig alerting = args.flag("--no-alerting") ? null : ConfigFiles.alerting(config);
        List<String> created = TopicSetup.ensure(bootstrap, config.kafka(),
                alerting == null ? List.of() : List.of(alerting.deadLetterTopic()));
        if (!created.isEmpty()) {
            err.println("run: created topics " + String.join(", ", created));
        }
        GatewatchMetrics metrics = new GatewatchMetrics(MetricsServer.newRegistry());
        CountDownLatch stopped = new CountDownLatch(1);
        try (MetricsServer server = MetricsServer.start(metrics.registry(), java.net.InetAddress.getByName(bind), metricsPort);
             Pipeline pipeline = new Pipeline(config, parsers, metrics, bootstrap, stateDir);
             AlertingService delivery = alerting == null ? null : new AlertingService(alerting, bootstrap,
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
            err.println("run: application " + config.kafka().applicationId() + " on " + bootstrap
                    + "; metrics on " + server.url());
            stopped.await();
        }
        return 0;
    }
}
