package io.gatewatch.app.api;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.JsonSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the alerts topic into {@link RecentAlerts}: every instance sees every alert (no consumer group,
 * all partitions assigned), starting from the last {@code capacity} records of each partition, so a
 * restarted instance shows recent alerts at once. A record that is not an alert is skipped and logged
 * with its offset: the alerting service dead-letters it.
 */
public final class AlertFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecentAlerts alerts;
    private final Thread thread;
    private final JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
    private volatile boolean stop;

    public AlertFeed(String bootstrapServers, String topic, RecentAlerts alerts, int capacity) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "gatewatch-api-alert-feed");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(pi -> new TopicPartition(topic, pi.partition())).toList();
        consumer.assign(parts);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts);
        consumer.endOffsets(parts).forEach((tp, end) -> consumer.seek(tp, Math.max(begin.get(tp), end - capacity)));
        this.alerts = alerts;
        this.thread = new Thread(this::loop, "gatewatch-api-alert-feed");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        try {
            while (!stop) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        alerts.add(serde.deserializer().deserialize(r.topic(), r.value()));
                    } catch (SerializationException | IllegalArgumentException e) {
                        log.warn("alerts topic {}-{} offset {}: not an alert, skipped", r.topic(), r.partition(), r.offset());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
    }
}
