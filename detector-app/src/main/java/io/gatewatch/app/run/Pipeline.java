package io.gatewatch.app.run;

import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.health.HealthCheck;
import io.gatewatch.app.health.StreamsHealthCheck;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.topology.GatewatchTopology;
import io.gatewatch.app.topology.StreamsSettings;
import io.gatewatch.schema.parse.Parsers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Gatewatch topology running in a KafkaStreams instance; the same for demo, replay and run. */
public final class Pipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    private final KafkaStreams streams;
    private final AutoCloseable streamsMetrics;
    private final CountDownLatch running = new CountDownLatch(1);
    private volatile Throwable failure;

    public Pipeline(GatewatchConfig config, Parsers parsers, GatewatchMetrics metrics, String bootstrapServers,
            Path stateDir) {
        this(config, parsers, metrics, bootstrapServers, stateDir, java.util.Map.of());
    }

    /** @param overrides Streams properties set by the caller, e.g. {@code application.server} from the API's address */
    public Pipeline(GatewatchConfig config, Parsers parsers, GatewatchMetrics metrics, String bootstrapServers,
            Path stateDir, java.util.Map<String, String> overrides) {
        java.util.Properties props = StreamsSettings.of(config.kafka(), bootstrapServers, stateDir);
        props.putAll(overrides);
        DetectorRegistry detectors = DetectorRegistry.standard();
        // Stored sections with another shape are reset on first touch; this line is what they are compared with.
        log.info("detector state shapes (version/fingerprint): {}", detectors.shapes(config.detectors()));
        streams = new KafkaStreams(GatewatchTopology.build(config, parsers, metrics, detectors), props);
        streamsMetrics = metrics.bind(streams);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        // Bad input never reaches here (it is dead-lettered); what does is a bug or a lost cluster, so stop.
        streams.setUncaughtExceptionHandler(e -> {
            failure = e;
            log.error("stream thread failed; shutting down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    public void start() {
        streams.start();
    }

    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public Throwable failure() {
        return failure;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Ready while RUNNING or REBALANCING with consumer lag within {@code maxLag} records. */
    public HealthCheck health(long maxLag) {
        return StreamsHealthCheck.of(streams, maxLag);
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        try {
            streamsMetrics.close();
        } catch (Exception e) {
            log.warn("could not unbind the Kafka Streams metrics: {}", e.toString());
        }
    }
}
