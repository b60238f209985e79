package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.alerting.format.AlertFormats;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;

/** Writes each alert, in any format, to a Kafka topic, keyed by {@code alert_id} so revisions stay in order. */
public final class KafkaTopicSink implements Sink {
    private final String name;
    private final Producer<String, String> producer;
    private final String topic;
    private final AlertFormats formats;
    private final AlertFormat format;
    private final Duration timeout;

    public KafkaTopicSink(String name, Producer<String, String> producer, String topic, AlertFormats formats,
                          AlertFormat format, Duration timeout) {
        this.name = name;
        this.producer = producer;
        this.topic = topic;
        this.formats = formats;
        this.format = format;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(Alert alert) {
        String value;
        try {
            value = formats.line(format, alert);
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed(Sink.describe(e));
        }
        try {
            producer.send(new ProducerRecord<>(topic, alert.alertId(), value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return SendResult.delivered();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause instanceof RecordTooLargeException
                    ? new SendResult.Failed(Sink.describe(cause))
                    : new SendResult.Retryable(Sink.describe(cause));
        } catch (TimeoutException e) {
            return new SendResult.Retryable("no acknowledgement from Kafka within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retryable("interrupted");
        }
    }
}
