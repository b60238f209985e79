package io.gatewatch.alerting;

import io.gatewatch.alerting.format.TestDetectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.format.WebhookFormat;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.JsonSerde;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The README's webhook example, end to end short of a broker: the YAML from docs/alerting.md, the
 * service consuming alerts, and a local receiver that verifies the signature as documented.
 */
class WebhookEndToEndTest {
    @Test
    void shouldDeliverAlertsFromTheTopicToALocalReceiverUsingTheDocumentedConfig() throws Exception {
        String secret = "change-me-to-a-long-random-string";
        LinkedBlockingQueue<String> verified = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/gatewatch", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String ts = ex.getRequestHeaders().getFirst(WebhookFormat.TIMESTAMP_HEADER);
            String sig = ex.getRequestHeaders().getFirst(WebhookFormat.SIGNATURE_HEADER);
            boolean ok = WebhookFormat.verify(secret.getBytes(StandardCharsets.UTF_8), ts, body, sig);
            if (ok) {
                verified.add(body);
            }
            ex.sendResponseHeaders(ok ? 204 : 401, -1);
            ex.close();
        });
        server.start();
        try {
            Path doc = Path.of("..", "docs", "alerting.md");
            String yaml = WebhookExample.yaml(Files.readString(doc));
            List<String> problems = new ArrayList<>();
            Map<String, String> env = Map.of(
                    "GATEWATCH_WEBHOOK_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/gatewatch",
                    "GATEWATCH_WEBHOOK_SECRET", secret);
            AlertingConfig config = AlertingConfig.fromTree(new ObjectMapper(new YAMLFactory()).readTree(yaml).get("alerting"), problems, env::get);
            assertEquals(List.of(), problems);

            AlertingServiceTest.PollingMockConsumer consumer = new AlertingServiceTest.PollingMockConsumer();
            TopicPartition p0 = new TopicPartition("gatewatch.alerts", 0);
            JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
            consumer.schedulePollTask(() -> {
                consumer.rebalance(List.of(p0));
                consumer.updateBeginningOffsets(Map.of(p0, 0L));
                consumer.addRecord(new ConsumerRecord<>("gatewatch.alerts", 0, 0, "k", serde.serializer().serialize("t", TestAlerts.credentialStuffing())));
                consumer.addRecord(new ConsumerRecord<>("gatewatch.alerts", 0, 1, "k", serde.serializer().serialize("t", TestAlerts.dataHarvesting())));
            });
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            try (AlertingService service = new AlertingService(config, "gatewatch.alerts", new TestClock(Instant.now()), consumer,
                    new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()), new InMemoryDeadLetters(),
                    new PrintStream(console, true, StandardCharsets.UTF_8), d -> { }, TestDetectors.STANDARD)) {
                service.start();
                String first = verified.poll(10, TimeUnit.SECONDS);
                String second = verified.poll(10, TimeUnit.SECONDS);
                assertEquals(TestAlerts.credentialStuffing(), Json.newMapper().readValue(first, Alert.class));
                assertEquals(TestAlerts.dataHarvesting(), Json.newMapper().readValue(second, Alert.class));
            }
            assertTrue(console.toString(StandardCharsets.UTF_8).contains("HIGH credential_stuffing client=ip:203.0.113.7"),
                    "the example also prints to the console");
        } finally {
            server.stop(0);
        }
    }

    /** Pulls the webhook example out of the doc, so the doc cannot drift from what works. */
    static final class WebhookExample {
        static String yaml(String markdown) {
            String start = "<!-- webhook-example:start -->";
            int s = markdown.indexOf(start);
            int e = markdown.indexOf("<!-- webhook-example:end -->");
            if (s < 0 || e < 0) {
                throw new AssertionError("docs/alerting.md has no webhook-example markers");
            }
            String block = markdown.substring(s + start.length(), e);
            return block.substring(block.indexOf("```yaml") + 7, block.lastIndexOf("```"));
        }
    }
}
