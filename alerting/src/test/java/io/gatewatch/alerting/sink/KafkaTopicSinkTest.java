package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.format.TestDetectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.alerting.format.AlertFormats;
import io.gatewatch.alerting.format.CefParser;
import io.gatewatch.alerting.format.Product;
import io.gatewatch.schema.Json;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaTopicSinkTest {
    private final AlertFormats formats = new AlertFormats(new Product("Gatewatch", "Gatewatch", "0.1.0"), "gw-1", TestDetectors.STANDARD);

    @Test
    void shouldWriteTheChosenFormatKeyedByAlertId() throws Exception {
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        new KafkaTopicSink("ecs", producer, "gatewatch.alerts.ecs", formats, AlertFormat.ECS, Duration.ofSeconds(1))
                .send(TestAlerts.credentialStuffing());
        new KafkaTopicSink("cef", producer, "gatewatch.alerts.cef", formats, AlertFormat.CEF, Duration.ofSeconds(1))
                .send(TestAlerts.credentialStuffing());
        ProducerRecord<String, String> ecs = producer.history().get(0);
        assertEquals("gatewatch.alerts.ecs", ecs.topic());
        assertEquals("cs-203.0.113.7-1741953665120", ecs.key());
        assertEquals("alert", Json.newMapper().readTree(ecs.value()).path("event").path("kind").asText());
        assertEquals("credential_stuffing", CefParser.parse(producer.history().get(1).value()).header().get(4));
    }

    @Test
    void shouldCallABrokerErrorRetryableButAnOversizedRecordFinal() {
        MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        KafkaTopicSink sink = new KafkaTopicSink("t", producer, "t", formats, AlertFormat.ALERT, Duration.ofSeconds(5));

        CompletableFuture<SendResult> first = CompletableFuture.supplyAsync(() -> sink.send(TestAlerts.credentialStuffing()));
        while (!producer.errorNext(new TimeoutException("broker not available"))) {
            Thread.onSpinWait();
        }
        assertInstanceOf(SendResult.Retryable.class, first.join());

        CompletableFuture<SendResult> second = CompletableFuture.supplyAsync(() -> sink.send(TestAlerts.credentialStuffing()));
        while (!producer.errorNext(new RecordTooLargeException("too large"))) {
            Thread.onSpinWait();
        }
        assertEquals(new SendResult.Failed("RecordTooLargeException: too large"), second.join());
    }
}
