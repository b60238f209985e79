package io.gatewatch.app.run;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.JsonSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the alerts topic from the beginning on a thread of its own and hands each alert to a
 * consumer; {@link #drainAndClose} reads up to the current end first, so nothing produced before the
 * call is missed.
 */
public final class AlertTail implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<Alert> sink;
    private final Thread thread;
    private final AtomicLong count = new AtomicLong();
    private final JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
    private volatile boolean stop;
    private volatile boolean draining;

    public AlertTail(String bootstrapServers, String topic, Consumer<Alert> sink) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "gatewatch-tail-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Under exactly-once, alerts of an aborted transaction (a crash mid-commit) are never shown.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(pi -> new TopicPartition(topic, pi.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        this.sink = sink;
        this.thread = new Thread(this::loop, "gatewatch-alert-tail");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public long count() {
        return count.get();
    }

    private Map<TopicPartition, Long> drainTo;

    private void loop() {
        try {
            while (!stop) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    count.incrementAndGet();
                    sink.accept(serde.deserializer().deserialize(r.topic(), r.value()));
                }
                if (draining) {
                    if (drainTo == null) {
                        drainTo = consumer.endOffsets(consumer.assignment());
                    }
                    stop = drainTo.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Delivers everything up to the topic's current end, then stops. */
    public void drainAndClose(Duration timeout) throws InterruptedException {
        draining = true;
        thread.join(timeout.toMillis());
        stop = true;
        thread.join(5_000);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
    }
}
