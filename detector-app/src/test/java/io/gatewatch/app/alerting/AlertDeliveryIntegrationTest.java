package io.gatewatch.app.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatewatch.alerting.AlertingService;
import io.gatewatch.alerting.Redelivery;
import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.delivery.Redeliveries;
import io.gatewatch.alerting.delivery.Sleeper;
import io.gatewatch.alerting.metrics.DeliveryMetrics;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.JsonSerde;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerting against a real broker and a real HTTP receiver on 127.0.0.1 that answers 503 for a while: every
 * alert revision must arrive exactly once (counted by {@code Idempotency-Key}), in order per client, across
 * an outage, a restart, and a restart that lost every offset commit (the worst a crash can do).
 */
class AlertDeliveryIntegrationTest {
    private static final String ALERTS = "gatewatch.alerts";
    private static final String DLQ = "gatewatch.alerts.dlq";
    private static final String GROUP = "it-alerting";
    private static final int CLIENTS = 12;
    private static final int PER_CLIENT = 4;
    private static final Instant T0 = Instant.parse("2025-03-14T12:00:00Z");

    private EmbeddedKafka kafka;
    private Receiver receiver;
    private KafkaProducer<String, byte[]> alerts;

    /** Answers 503 until told otherwise; records each accepted request's key, id and revision, in arrival order. */
    static final class Receiver implements AutoCloseable {
        record Got(String key, String alertId, int revision, String client) {
        }

        final HttpServer server;
        final List<Got> got = new CopyOnWriteArrayList<>();
        volatile boolean failing = true;
        volatile int refused;
        private final ObjectMapper mapper = new ObjectMapper();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        private void handle(HttpExchange ex) throws IOException {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (failing) {
                refused++;
                ex.sendResponseHeaders(503, -1);
            } else {
                JsonNode alert = mapper.readTree(body);
                got.add(new Got(ex.getRequestHeaders().getFirst("Idempotency-Key"), alert.get("alert_id").asText(),
                        alert.get("revision").asInt(), alert.get("client").get("key").asText()));
                ex.sendResponseHeaders(200, -1);
            }
            ex.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeEach
    void start() throws IOException {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(1, ALERTS, DLQ);
        receiver = new Receiver();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        alerts = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        if (alerts != null) {
            alerts.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private AlertingConfig config() throws IOException {
        String json = """
                {"sinks": [{"name": "hook", "type": "webhook", "url_env": "HOOK_URL",
                            "delivery": {"max_attempts": 2, "initial_backoff": "50ms", "max_backoff": "100ms", "jitter": 0,
                                         "circuit_breaker": {"failure_threshold": 3, "open_for": "1s"}}}],
                 "routes": [{"sinks": ["hook"]}],
                 "dedup": {"cooldown": "10m"}}
                """;
        List<String> problems = new ArrayList<>();
        AlertingConfig c = AlertingConfig.fromTree(new ObjectMapper().readTree(json), problems, Map.of("HOOK_URL", receiver.url())::get);
        assertEquals(List.of(), problems);
        return c;
    }

    private AlertingService service(AlertingConfig config) {
        AlertingService s = new AlertingService(config, kafka.bootstrapServers(), ALERTS, GROUP, Clock.systemUTC(),
                new KafkaProducer<>(producerProps()), AlertingService.defaultSinks(new PrintStream(PrintStream.nullOutputStream()),
                Clock.systemUTC(), io.gatewatch.app.detect.DetectorRegistry.standard().infos()), Sleeper.real(),
                DeliveryMetrics.unserved());
        s.start();
        return s;
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /** The detector's n-th alert for a client: a fresh alert_id each time, ten seconds apart in event time. */
    private static Alert alert(int client, int n) {
        String ip = "192.0.2." + (client + 1);
        Instant at = T0.plusSeconds(10L * n);
        return new Alert(Alert.SCHEMA, "cs-" + ip + "-" + at.toEpochMilli(), 0, "credential_stuffing", Alert.Severity.HIGH,
                Alert.Scope.CLIENT, new Alert.Client("ip:" + ip, ip, null, null), "/api/v1/login", "POST",
                at.minusSeconds(30), at, 0.9, ip + " tried many logins", Map.of("distinct_users", 100 + n), List.of(),
                Alert.Mode.ALERT);
    }

    private void produce(int n) throws Exception {
        JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
        for (int c = 0; c < CLIENTS; c++) {
            Alert a = alert(c, n);
            alerts.send(new ProducerRecord<>(ALERTS, a.client().key(), serde.serializer().serialize(ALERTS, a))).get();
            Thread.sleep(40);
        }
    }

    /** A crash after delivering but before committing anything: the group starts over at offset 0. */
    private void forgetCommittedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(ALERTS, 0), new OffsetAndMetadata(0)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private void awaitRefused(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (receiver.refused < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private void awaitReceived(int expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (receiver.got.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // Long enough for a repeat, if there were one, to arrive as well.
        Thread.sleep(2_000);
    }

    @Test
    void shouldDeliverEveryAlertOnceAndInOrderThroughAnOutageAndRestartsThatLostTheirCommits() throws Exception {
        AlertingConfig config = config();
        AlertingService first = service(config);
        produce(0);
        awaitRefused(6);
        produce(1);
        Thread.sleep(1_500);
        first.close();
        forgetCommittedOffsets();

        AlertingService second = service(config);
        produce(2);
        Thread.sleep(2_000);
        receiver.failing = false;
        produce(3);
        awaitReceived(CLIENTS * PER_CLIENT, Duration.ofSeconds(60));
        second.close();
        forgetCommittedOffsets();

        AlertingService third = service(config);
        Thread.sleep(4_000);
        third.close();
        long deadLettered = first.deadLettered() + second.deadLettered();
        long redelivered = first.redelivered() + second.redelivered() + third.redelivered();

        List<Receiver.Got> got = receiver.got;
        Map<String, Long> perKey = got.stream().collect(Collectors.groupingBy(Receiver.Got::key, Collectors.counting()));
        long repeated = perKey.values().stream().mapToLong(n -> n - 1).sum();
        System.out.printf("alert delivery through a 503 outage and two restarts: expected %d, received %d distinct,"
                + " %d repeated; %d requests answered 503, %d dead-lettered, %d redelivered%n", CLIENTS * PER_CLIENT,
                perKey.size(), repeated, receiver.refused, deadLettered, redelivered);
        assertTrue(deadLettered > 0, "the outage dead-lettered alerts");
        assertEquals(deadLettered, redelivered, "every dead letter was redelivered once the receiver recovered");
        assertEquals(0, repeated, "every Idempotency-Key once: " + perKey);
        assertEquals(CLIENTS * PER_CLIENT, perKey.size(), "every alert revision arrived");

        Map<String, List<Integer>> revisionsPerClient = new LinkedHashMap<>();
        Map<String, String> chainPerClient = new HashMap<>();
        for (Receiver.Got g : got) {
            assertEquals(g.alertId() + ":" + g.revision(), g.key(), "the key names the alert revision in the body");
            revisionsPerClient.computeIfAbsent(g.client(), k -> new ArrayList<>()).add(g.revision());
            chainPerClient.merge(g.client(), g.alertId(), (a, b) -> {
                assertEquals(a, b, "one chain per client within the cooldown");
                return a;
            });
        }
        for (int c = 0; c < CLIENTS; c++) {
            assertEquals(List.of(0, 1, 2, 3), revisionsPerClient.get(alert(c, 0).client().key()),
                    "revisions of one client arrive in order");
        }
    }

    @Test
    void shouldRedeliverDeadLettersOnDemandOnceEvenWhenAskedTwice() throws Exception {
        AlertingConfig config = config();
        AlertingService service = service(config);
        produce(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (service.deadLettered() < CLIENTS && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        service.close();
        assertEquals(CLIENTS, service.deadLettered(), "the outage dead-lettered every alert");
        assertEquals(0, receiver.got.size(), "nothing got through the outage");

        receiver.failing = false;
        Map<String, Redeliveries.Drained> once = redeliver(config);
        Map<String, Redeliveries.Drained> twice = redeliver(config);

        assertEquals(CLIENTS, once.get("hook").delivered());
        assertTrue(once.get("hook").complete());
        assertEquals(0, twice.get("hook").delivered(), "the second drain finds nothing new");
        assertEquals(CLIENTS, receiver.got.stream().map(Receiver.Got::key).distinct().count());
        assertEquals(CLIENTS, receiver.got.size(), "no repeats");
    }

    private Map<String, Redeliveries.Drained> redeliver(AlertingConfig config) throws InterruptedException {
        return new Redelivery(config, kafka.bootstrapServers(), GROUP, Clock.systemUTC(),
                AlertingService.defaultSinks(new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC(),
                        io.gatewatch.app.detect.DetectorRegistry.standard().infos())).run();
    }
}
