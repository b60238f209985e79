package io.gatewatch.alerting.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters as JSON to a Kafka topic, keyed by {@code alert_id}, with headers
 * {@code gatewatch.sink} and {@code gatewatch.reason} for filtering without parsing.
 */
public final class KafkaDeadLetters implements DeadLetters {
    public static final String SINK_HEADER = "gatewatch.sink";
    public static final String REASON_HEADER = "gatewatch.reason";
    /** {@code auto}: redelivered by itself when the sink recovers; {@code on_demand}: only by {@code --redeliver}. */
    public static final String REDELIVER_HEADER = "gatewatch.redeliver";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetters.class);

    private final Producer<String, String> producer;
    private final String topic;
    private final Duration timeout;
    private final ObjectMapper mapper = Json.newMapper();

    public KafkaDeadLetters(Producer<String, String> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void send(DeadLetter letter) {
        send(letter, false);
    }

    @Override
    public void send(DeadLetter letter, boolean redeliverable) {
        String key = letter.alert() == null ? null : letter.alert().alertId();
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, mapper.writeValueAsString(letter));
            record.headers().add(SINK_HEADER, letter.sink().getBytes(StandardCharsets.UTF_8));
            record.headers().add(REASON_HEADER, letter.reason().getBytes(StandardCharsets.UTF_8));
            record.headers().add(REDELIVER_HEADER, (redeliverable ? "auto" : "on_demand").getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (JsonProcessingException | ExecutionException | TimeoutException e) {
            // Nowhere left to put it: say so loudly, with what identifies the alert.
            LOG.error("alert {} for sink {} is lost: it could not be delivered ({}) nor written to {} ({})",
                    key, letter.sink(), letter.reason(), topic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("interrupted while dead-lettering alert {} for sink {}", key, letter.sink());
        }
    }
}
