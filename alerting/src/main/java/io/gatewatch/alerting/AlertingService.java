package io.gatewatch.alerting;

import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.delivery.DeadLetter;
import io.gatewatch.alerting.delivery.DeadLetters;
import io.gatewatch.alerting.delivery.KafkaDeadLetters;
import io.gatewatch.alerting.delivery.KafkaRedeliveries;
import io.gatewatch.alerting.delivery.Outcome;
import io.gatewatch.alerting.delivery.Redeliveries;
import io.gatewatch.alerting.delivery.Retrier;
import io.gatewatch.alerting.delivery.SinkWorker;
import io.gatewatch.alerting.delivery.Sleeper;
import io.gatewatch.alerting.format.Product;
import io.gatewatch.alerting.metrics.DeliveryMetrics;
import io.gatewatch.alerting.sink.HttpSink;
import io.gatewatch.alerting.sink.Sink;
import io.gatewatch.alerting.sink.Sinks;
import io.gatewatch.alerting.state.AlertingState;
import io.gatewatch.alerting.state.InMemoryAlertingState;
import io.gatewatch.alerting.state.KafkaAlertingState;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.JsonSerde;
import io.gatewatch.schema.detector.DetectorInfos;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the alerts topic on a thread of its own (never a Kafka Streams thread), deduplicates, groups
 * and routes each alert, and hands deliveries to one worker per sink. Offsets are committed only once
 * every delivery of a record has finished, delivered or dead-lettered, so a crash loses nothing; the dedup
 * chains and a ledger of what each sink had are kept in the state topic, so the records a restart consumes
 * again are numbered as before and not sent twice.
 */
public final class AlertingService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertingService.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(200);

    private final String topic;
    private final Clock clock;
    private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
    private final Producer<String, String> producer;
    private final DeadLetters deadLetters;
    private final AlertingConfig config;
    private final AlertingState state;
    /** Built on the consumer thread once the state is read back. */
    private Dispatcher dispatcher;
    private final OffsetTracker tracker = new OffsetTracker();
    private final Map<String, SinkWorker> workers = new LinkedHashMap<>();
    private final Deserializer<Alert> alerts = new JsonSerde<>(Alert.class).deserializer();
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong alreadyHandled = new AtomicLong();
    private final DeliveryMetrics metrics;
    private final AutoCloseable consumerMetrics;
    private volatile boolean running;
    private volatile Consumer<Map<TopicPartition, OffsetAndMetadata>> commitListener = m -> { };

    /**
     * @param bootstrapServers the Kafka cluster holding the alerts topic (and the dead-letter topic)
     * @param alertsTopic      normally {@code gatewatch.alerts}
     * @param groupId          consumer group; instances sharing it share the work
     * @param console          where console sinks print
     * @param detectors        the detectors' titles and SIEM mappings (detector-app's registry)
     */
    public AlertingService(AlertingConfig config, String bootstrapServers, String alertsTopic, String groupId,
                           PrintStream console, Clock clock, DetectorInfos detectors) {
        this(config, bootstrapServers, alertsTopic, groupId, console, clock, DeliveryMetrics.unserved(), detectors);
    }

    /**
     * @param metrics   where the delivery meters and the alerts consumer's Kafka metrics are registered
     * @param detectors the detectors' titles and SIEM mappings (detector-app's registry)
     */
    public AlertingService(AlertingConfig config, String bootstrapServers, String alertsTopic, String groupId,
                           PrintStream console, Clock clock, DeliveryMetrics metrics, DetectorInfos detectors) {
        this(config, bootstrapServers, alertsTopic, groupId, clock, new KafkaProducer<>(producerProps(bootstrapServers)),
                defaultSinks(console, clock, detectors), Sleeper.real(), metrics);
    }

    /**
     * With the dedup and delivery memory in {@link KafkaAlertingState#DEFAULT_TOPIC} (read back at start, so a
     * restart repeats nothing) and dead letters redelivered from the dead-letter topic.
     *
     * @param sinkFactory builds each sink; given the producer for Kafka sinks
     */
    public AlertingService(AlertingConfig config, String bootstrapServers, String alertsTopic, String groupId, Clock clock,
                           Producer<String, String> producer, Function<Producer<String, String>, Function<SinkConfig, Sink>> sinkFactory,
                           Sleeper sleeper, DeliveryMetrics metrics) {
        this(config, alertsTopic, clock, new KafkaConsumer<>(consumerProps(bootstrapServers, groupId)), producer, null,
                sinkFactory.apply(producer), sleeper,
                new KafkaAlertingState(bootstrapServers, KafkaAlertingState.DEFAULT_TOPIC, groupId, producer),
                new KafkaRedeliveries(bootstrapServers, config.deadLetterTopic(), groupId), metrics);
    }

    AlertingService(AlertingConfig config, String alertsTopic, Clock clock,
                    org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, Producer<String, String> producer,
                    DeadLetters deadLetters, PrintStream console, Sleeper sleeper, DetectorInfos detectors) {
        this(config, alertsTopic, clock, consumer, producer, deadLetters,
                defaultSinks(console, clock, detectors).apply(producer), sleeper);
    }

    AlertingService(AlertingConfig config, String alertsTopic, Clock clock,
                    org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, Producer<String, String> producer,
                    DeadLetters deadLetters, Function<SinkConfig, Sink> sinkFactory, Sleeper sleeper) {
        this(config, alertsTopic, clock, consumer, producer, deadLetters, sinkFactory, sleeper, DeliveryMetrics.unserved());
    }

    AlertingService(AlertingConfig config, String alertsTopic, Clock clock,
                    org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, Producer<String, String> producer,
                    DeadLetters deadLetters, Function<SinkConfig, Sink> sinkFactory, Sleeper sleeper,
                    DeliveryMetrics metrics) {
        this(config, alertsTopic, clock, consumer, producer, deadLetters, sinkFactory, sleeper, new InMemoryAlertingState(),
                Redeliveries.none(), metrics);
    }

    AlertingService(AlertingConfig config, String alertsTopic, Clock clock,
                    org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, Producer<String, String> producer,
                    DeadLetters deadLetters, Function<SinkConfig, Sink> sinkFactory, Sleeper sleeper,
                    AlertingState state, Redeliveries redeliveries, DeliveryMetrics metrics) {
        this.metrics = metrics;
        this.topic = alertsTopic;
        this.clock = clock;
        this.consumer = consumer;
        this.producer = producer;
        this.deadLetters = deadLetters != null ? deadLetters
                : new KafkaDeadLetters(producer, config.deadLetterTopic(), Duration.ofSeconds(30));
        this.config = config;
        this.state = state;
        for (SinkConfig sc : config.sinks()) {
            Sink sink = metrics.meter(sinkFactory.apply(sc));
            SinkWorker worker = new SinkWorker(sink, sc.delivery(),
                    new Retrier(sc.delivery(), sleeper, RandomGenerator.getDefault()),
                    this.deadLetters, this::finished, clock, state, redeliveries, true);
            workers.put(sc.name(), worker);
            metrics.breaker(sc.name(), worker::breakerState);
        }
        this.consumerMetrics = consumer instanceof KafkaConsumer<?, ?> real ? metrics.bind(real) : () -> { };
        this.thread = Thread.ofPlatform().name("gatewatch-alerting").unstarted(this::run);
    }

    static Properties consumerProps(String bootstrap, String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-consumer");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The detector writes alerts in transactions: an aborted one (a crash mid-commit) is never delivered.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A new group starts at the beginning: alerts raised before alerting started are still delivered.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "gatewatch-alerting-producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Alerts are few and urgent: no batching delay. delivery.timeout.ms must cover linger + request timeout.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /** The sinks the config names, printing console sinks to {@code console}. */
    public static Function<Producer<String, String>, Function<SinkConfig, Sink>> defaultSinks(PrintStream console, Clock clock,
            DetectorInfos detectors) {
        return producer -> new Sinks(console, () -> producer, HttpSink.newClient(Duration.ofSeconds(10)), clock,
                Product.gatewatch(), hostname(), detectors)::create;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Starts the sink workers and the consumer thread. */
    public synchronized void start() {
        if (running || thread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("alerting service already started");
        }
        running = true;
        thread.start();
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    public long delivered() {
        return delivered.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    /** Dead-lettered alerts delivered after all, once their sink recovered. */
    public long redelivered() {
        return workers.values().stream().mapToLong(SinkWorker::redelivered).sum();
    }

    /** Deliveries skipped because the sink had the alert revision already (records consumed again after a restart). */
    public long alreadyHandled() {
        return alreadyHandled.get();
    }

    /** Input alerts that led to no delivery: duplicates, and alerts no route matched. */
    public long suppressed() {
        return suppressed.get();
    }

    /** Called on the consumer thread after each successful commit; for tests and metrics. */
    void onCommit(Consumer<Map<TopicPartition, OffsetAndMetadata>> listener) {
        this.commitListener = listener;
    }

    /** Reads the state back, waiting for the cluster as long as it takes; false when closed meanwhile. */
    private boolean loadState() {
        while (running) {
            try {
                state.load();
                return true;
            } catch (RuntimeException e) {
                LOG.warn("alerting waits for its state topic: {}; trying again in 5 s", e.getMessage());
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private void run() {
        try {
            if (!loadState()) {
                return;
            }
            // Workers start only now: a drain of dead letters must see what the ledger remembers.
            dispatcher = new Dispatcher(config, state);
            workers.values().forEach(SinkWorker::start);
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit();
                    tracker.forget(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(pollWait())) {
                    handle(record);
                }
                submit(dispatcher.tick(clock.instant()));
                commit();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("alerting consumer woken up unexpectedly", e);
            }
        } catch (KafkaException e) {
            LOG.error("alerting stopped: Kafka consumer failed", e);
        } finally {
            running = false;
            workers.values().forEach(SinkWorker::close);
            commit();
            closeConsumerMetrics();
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            producer.close(Duration.ofSeconds(5));
        }
    }

    private Duration pollWait() {
        Instant now = clock.instant();
        return dispatcher.nextDeadline()
                .map(d -> Duration.between(now, d))
                .filter(d -> d.compareTo(MAX_POLL_WAIT) < 0)
                .map(d -> d.isNegative() ? Duration.ZERO : d)
                .orElse(MAX_POLL_WAIT);
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        long seq = tracker.register(new TopicPartition(record.topic(), record.partition()), record.offset());
        Alert alert;
        try {
            alert = alerts.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            String reason = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
            LOG.warn("skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
            deadLetters.send(new DeadLetter(DeadLetter.INPUT, reason, 0, clock.instant(), null,
                    record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8)));
            deadLettered.incrementAndGet();
            metrics.inputDeadLettered();
            tracker.expect(seq, 0);
            return;
        }
        if (alert == null) {
            tracker.expect(seq, 0);
            return;
        }
        metrics.received(alert);
        Dispatch dispatch;
        try {
            dispatch = dispatcher.accept(alert, seq, clock.instant());
        } catch (RuntimeException e) {
            // A bug must cost this one alert, kept in the dead letters, not all alerting.
            LOG.error("cannot dispatch alert {} from {}-{}@{}", alert.alertId(), record.topic(), record.partition(), record.offset(), e);
            deadLetters.send(new DeadLetter(DeadLetter.INPUT, "internal error: " + e, 0, clock.instant(), alert, null));
            deadLettered.incrementAndGet();
            metrics.inputDeadLettered();
            tracker.expect(seq, 0);
            return;
        }
        if (dispatch.expected() == 0) {
            suppressed.incrementAndGet();
            metrics.suppressed(alert);
            LOG.debug("alert {} revision {}: {}", alert.alertId(), alert.revision(), dispatch.note());
        }
        tracker.expect(seq, dispatch.expected());
        submit(dispatch.deliveries());
    }

    private void submit(List<Delivery> deliveries) {
        for (Delivery d : deliveries) {
            workers.get(d.sink()).submit(d);
        }
    }

    private void finished(Delivery delivery, Outcome outcome) {
        switch (outcome) {
            case Outcome.Delivered d -> delivered.incrementAndGet();
            case Outcome.Undeliverable u -> deadLettered.incrementAndGet();
            case Outcome.AlreadyHandled a -> alreadyHandled.incrementAndGet();
        }
        metrics.finished(delivery, outcome);
        tracker.finished(delivery.sequences());
    }

    private void closeConsumerMetrics() {
        try {
            consumerMetrics.close();
        } catch (Exception e) {
            LOG.warn("could not unbind the alerting consumer's metrics: {}", e.toString());
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        if (offsets.isEmpty()) {
            return;
        }
        try {
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException e) {
                // close() woke the consumer; this commit must still happen.
                consumer.commitSync(offsets);
            }
            commitListener.accept(offsets);
        } catch (KafkaException e) {
            // The records will be consumed and delivered again: at-least-once.
            LOG.warn("could not commit alert offsets {}: {}", offsets, e.toString());
        }
    }

    /** Stops consuming, stops the sink workers, commits what was delivered, and closes the clients. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (thread.getState() == Thread.State.NEW) {
            workers.values().forEach(SinkWorker::close);
            closeConsumerMetrics();
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            producer.close(Duration.ZERO);
            return;
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
