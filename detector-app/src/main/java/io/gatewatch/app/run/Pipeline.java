package io.gatewatch.app.run;

import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.LiveConfig;
import io.gatewatch.app.health.HealthCheck;
import io.gatewatch.app.health.StreamsHealthCheck;
import io.gatewatch.app.config.KafkaSettings.ProcessingGuarantee;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.topology.GatewatchTopology;
import io.gatewatch.app.topology.SharedRocksDbMemory;
import io.gatewatch.app.topology.StreamsSettings;
import io.gatewatch.schema.parse.Parsers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gatewatch topology running in a KafkaStreams instance; the same for demo, replay and run.
 *
 * <p>Bad input never kills a stream thread (it is dead-lettered). A thread that dies anyway (a bug, a
 * fenced transaction) is replaced, unless {@link #DEATHS_BEFORE_STOP} die within {@link #DEATH_PERIOD}:
 * then the client stops, {@link #awaitUnexpectedStop} returns and {@code run} exits non-zero so that its
 * supervisor restarts it.
 */
public final class Pipeline implements AutoCloseable {
    static final int DEATHS_BEFORE_STOP = 3;
    static final Duration DEATH_PERIOD = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    private final KafkaStreams streams;
    private final AutoCloseable streamsMetrics;
    private final SharedRocksDbMemory rocksDb;
    private final StreamsHealth health;
    private final ProcessingGuarantee guarantee;
    private final String instanceId;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch unexpectedStop = new CountDownLatch(1);
    private final ThreadDeaths deaths = new ThreadDeaths(DEATHS_BEFORE_STOP, DEATH_PERIOD, System::nanoTime);
    private volatile boolean closing;
    private volatile Throwable failure;

    public Pipeline(GatewatchConfig config, Parsers parsers, GatewatchMetrics metrics, String bootstrapServers,
            Path stateDir) {
        this(config, parsers, metrics, bootstrapServers, stateDir, java.util.Map.of());
    }

    /** @param overrides Streams properties set by the caller, e.g. {@code application.server} from the API's address */
    public Pipeline(GatewatchConfig config, Parsers parsers, GatewatchMetrics metrics, String bootstrapServers,
            Path stateDir, java.util.Map<String, String> overrides) {
        this(LiveConfig.fixed(config), parsers, metrics, bootstrapServers, stateDir, overrides);
    }

    /**
     * @param live the config, reloadable: the detect stages take each generation published there (a
     *             {@code ConfigReloader} publishes only changes of live keys)
     */
    public Pipeline(LiveConfig live, Parsers parsers, GatewatchMetrics metrics, String bootstrapServers,
            Path stateDir, java.util.Map<String, String> overrides) {
        GatewatchConfig config = live.config();
        guarantee = config.kafka().processingGuarantee();
        instanceId = StreamsSettings.instanceId(config.kafka(), stateDir);
        rocksDb = new SharedRocksDbMemory(config.kafka().rocksDb());
        Properties props = StreamsSettings.of(config.kafka(), bootstrapServers, stateDir);
        props.put(SharedRocksDbMemory.CONFIG, rocksDb);
        props.put(StreamsSettings.RAW_PARTITIONS,
                TopicSetup.partitions(bootstrapServers, config.kafka(), config.kafka().topics().raw()));
        props.putAll(overrides);
        DetectorRegistry detectors = DetectorRegistry.standard();
        // Stored sections with another shape are reset on first touch; this line is what they are compared with.
        log.info("detector state shapes (version/fingerprint): {}", detectors.shapes(config.detectors()));
        streams = new KafkaStreams(GatewatchTopology.build(live, parsers, metrics, detectors), props);
        streamsMetrics = metrics.bind(streams);
        health = new StreamsHealth(() -> streams.metadataForLocalThreads().size());
        streams.setGlobalStateRestoreListener(new RestoreProgress(metrics.registry()));
        streams.setStateListener((now, before) -> {
            health.state(now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            if (now == KafkaStreams.State.ERROR || (now == KafkaStreams.State.PENDING_SHUTDOWN && !closing)) {
                if (failure == null) {
                    failure = new IllegalStateException("Kafka Streams stopped by itself (state " + now + ")");
                }
                unexpectedStop.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            boolean replace = deaths.replaceAfterDeath();
            health.threadDied(e, replace);
            if (replace) {
                log.error("stream thread failed; starting a new one (a client stop follows if {} die within {} min)",
                        DEATHS_BEFORE_STOP, DEATH_PERIOD.toMinutes(), e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            failure = e;
            log.error("stream thread failed, the {}th within {} min; stopping Kafka Streams", DEATHS_BEFORE_STOP,
                    DEATH_PERIOD.toMinutes(), e);
            unexpectedStop.countDown();
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    public void start() {
        log.info("{}", startupLine());
        streams.start();
    }

    /** Says what a crash can do to the output under the configured guarantee, and how this instance rejoins. */
    public String startupLine() {
        String what = guarantee == ProcessingGuarantee.EXACTLY_ONCE_V2
                ? "processing guarantee exactly_once_v2: after a crash no event is counted twice and no alert is repeated"
                : "processing guarantee at_least_once (opted in): after a crash, events since the last commit are"
                        + " processed again and their alerts may be sent twice";
        return what + "; static member " + instanceId + " (session timeout "
                + StreamsSettings.sessionTimeout().toSeconds() + " s)";
    }

    public ProcessingGuarantee guarantee() {
        return guarantee;
    }

    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the client stops without {@link #close} being called; true if it did within the timeout. */
    public boolean awaitUnexpectedStop(Duration timeout) throws InterruptedException {
        return unexpectedStop.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** For {@code /health}. */
    public StreamsHealth health() {
        return health;
    }

    /** What stopped the client, or null while it runs (a replaced thread is not a failure). */
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
        closing = true;
        boolean closed = streams.close(Duration.ofSeconds(30));
        try {
            streamsMetrics.close();
        } catch (Exception e) {
            log.warn("could not unbind the Kafka Streams metrics: {}", e.toString());
        }
        if (closed) {
            rocksDb.close();
        } // else stores may still be open on the shared cache: leaking it beats a native crash at exit
    }
}
