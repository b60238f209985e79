package io.gatewatch.app.cli;

import io.gatewatch.alerting.AlertingService;
import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.app.config.GatewatchConfig;
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
 * cluster in the config, for deployments that run delivery apart from detection.
 */
@Command(name = "alerting", description = "The alerting service alone: delivers the alerts topic to the configured sinks.")
final class AlertingCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", required = true, description = "config file")
    String configFile;
    @Option(names = "--group-id", paramLabel = "ID",
            description = "consumer group (default: kafka.application_id from the config + \"-alerting\")")
    String groupId;
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
        CountDownLatch stopped = new CountDownLatch(1);
        try (AlertingService service = new AlertingService(alerting, bootstrap, config.kafka().topics().alerts(),
                groupId != null ? groupId : config.kafka().applicationId() + "-alerting", out, Clock.systemUTC())) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                stopped.countDown();
            }, "gatewatch-alerting-shutdown"));
            service.start();
            err.println("alerting: delivering " + config.kafka().topics().alerts() + " from " + bootstrap + " to "
                    + alerting.sinks().size() + " sink(s); Ctrl-C to stop");
            stopped.await();
        }
        return 0;
    }
}
