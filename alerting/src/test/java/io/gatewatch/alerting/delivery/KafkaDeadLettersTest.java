package io.gatewatch.alerting.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaDeadLettersTest {
    private final MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());

    @Test
    void shouldWriteTheAlertWithSinkAndReasonKeyedByAlertId() throws Exception {
        new KafkaDeadLetters(producer, "gatewatch.alerts.dlq", Duration.ofSeconds(1)).send(new DeadLetter("slack",
                "gave up after 5 attempts; last: HTTP 503", 5, Instant.parse("2025-03-14T12:05:00Z"), TestAlerts.credentialStuffing(), null));

        ProducerRecord<String, String> r = producer.history().getFirst();
        assertEquals("gatewatch.alerts.dlq", r.topic());
        assertEquals("cs-203.0.113.7-1741953665120", r.key());
        assertEquals("slack", new String(r.headers().lastHeader(KafkaDeadLetters.SINK_HEADER).value(), StandardCharsets.UTF_8));
        assertEquals("gave up after 5 attempts; last: HTTP 503",
                new String(r.headers().lastHeader(KafkaDeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8));
        JsonNode v = Json.newMapper().readTree(r.value());
        assertEquals("slack", v.path("sink").asText());
        assertEquals(5, v.path("attempts").asInt());
        assertEquals("2025-03-14T12:05:00.000Z", v.path("failed_at").asText());
        assertEquals(TestAlerts.credentialStuffing(), Json.newMapper().treeToValue(v.path("alert"), Alert.class));
    }

    @Test
    void shouldLogAndCarryOnWhenTheTopicCannotBeWritten() {
        MockProducer<String, String> failing = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        KafkaDeadLetters letters = new KafkaDeadLetters(failing, "dlq", Duration.ofMillis(50));
        letters.send(new DeadLetter("slack", "HTTP 404", 1, Instant.EPOCH, TestAlerts.credentialStuffing(), null));
        assertEquals(1, failing.history().size(), "it tried, timed out after 50 ms, and returned");
    }
}
