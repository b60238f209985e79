package io.gatewatch.alerting;

import io.gatewatch.alerting.format.TestDetectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.config.DedupSettings;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.config.GroupingSettings;
import io.gatewatch.alerting.config.RouteRule;
import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.delivery.DeadLetter;
import io.gatewatch.alerting.sink.SendResult;
import io.gatewatch.alerting.sink.Sink;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.JsonSerde;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertingServiceTest {
    private static final String TOPIC = "gatewatch.alerts";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final byte[] GARBAGE = "{not json".getBytes(StandardCharsets.UTF_8);

    private final TestClock clock = new TestClock(Instant.parse("2025-03-14T12:02:00Z"));
    private final PollingMockConsumer consumer = new PollingMockConsumer();
    private final MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    private final LinkedBlockingQueue<Map<TopicPartition, OffsetAndMetadata>> commits = new LinkedBlockingQueue<>();
    private final JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
    private AlertingService service;

    /** MockConsumer returns at once when empty; a short park stands in for the broker's poll wait. */
    static final class PollingMockConsumer extends MockConsumer<String, byte[]> {
        PollingMockConsumer() {
            super("earliest");
        }

        @Override
        public ConsumerRecords<String, byte[]> poll(Duration timeout) {
            ConsumerRecords<String, byte[]> r = super.poll(timeout);
            if (r.isEmpty()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
            return r;
        }
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private void startWith(AlertingConfig config, Function<SinkConfig, Sink> sinks, List<byte[]> values) {
        service = new AlertingService(config, TOPIC, clock, consumer, producer, deadLetters, sinks, d -> { });
        service.onCommit(commits::add);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            for (int i = 0; i < values.size(); i++) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, i, "k", values.get(i)));
            }
        });
        service.start();
    }

    private byte[] json(Alert a) {
        return serde.serializer().serialize(TOPIC, a);
    }

    private long awaitCommitted(long atLeast) throws InterruptedException {
        long last = -1;
        while (last < atLeast) {
            Map<TopicPartition, OffsetAndMetadata> c = commits.poll(10, TimeUnit.SECONDS);
            if (c == null) {
                throw new AssertionError("offset " + atLeast + " not committed within 10 s; last " + last);
            }
            if (c.containsKey(P0)) {
                last = c.get(P0).offset();
            }
        }
        return last;
    }

    private static AlertingConfig toSinks(DeliverySettings delivery, String... names) {
        List<SinkConfig> sinks = new ArrayList<>();
        for (String n : names) {
            sinks.add(new SinkConfig.Console(n, delivery));
        }
        return new AlertingConfig(sinks, List.of(new RouteRule("all", Set.of(), Alert.Severity.LOW, Set.of(Alert.Mode.ALERT), Set.of(), List.of(names))),
                DedupSettings.defaults(), GroupingSettings.disabled(), "dlq");
    }

    @Test
    void shouldCommitAnOffsetOnlyAfterItsAlertWasDelivered() throws Exception {
        RecordingSink sink = new RecordingSink("out").holdShut();
        startWith(toSinks(DeliverySettings.defaults(), "out"), c -> sink,
                List.of(json(TestAlerts.credentialStuffing()), json(TestAlerts.dataHarvesting())));

        assertNull(commits.poll(300, TimeUnit.MILLISECONDS), "nothing may be committed while delivery is pending");
        sink.open();
        assertEquals(TestAlerts.credentialStuffing(), sink.next());
        assertEquals(TestAlerts.dataHarvesting().alertId(), sink.next().alertId());
        assertEquals(2, awaitCommitted(2));
        assertEquals(2, service.delivered());
    }

    @Test
    void shouldDeadLetterWithSinkAndReasonAfterRetriesAndThenCommit() throws Exception {
        DeliverySettings twoTries = new DeliverySettings(2, Duration.ofMillis(1), Duration.ofMillis(2), 0, Duration.ZERO, 10, 5, Duration.ofMinutes(1), Duration.ofSeconds(1));
        RecordingSink down = new RecordingSink("siem").otherwise(new SendResult.Retryable("ConnectException: Connection refused"));
        startWith(toSinks(twoTries, "siem"), c -> down, List.of(json(TestAlerts.credentialStuffing())));

        DeadLetter letter = deadLetters.next();
        assertEquals("siem", letter.sink());
        assertEquals("gave up after 2 attempts; last: ConnectException: Connection refused", letter.reason());
        assertEquals(2, letter.attempts());
        assertEquals(TestAlerts.credentialStuffing(), letter.alert());
        assertEquals(1, awaitCommitted(1), "a dead-lettered alert is finished: its offset is committed");
        assertEquals(1, service.deadLettered());
    }

    @Test
    void shouldDeadLetterARecordThatIsNotAnAlertAndCarryOn() throws Exception {
        RecordingSink sink = new RecordingSink("out");
        startWith(toSinks(DeliverySettings.defaults(), "out"), c -> sink, List.of(GARBAGE, json(TestAlerts.credentialStuffing())));

        DeadLetter letter = deadLetters.next();
        assertEquals(DeadLetter.INPUT, letter.sink());
        assertTrue(letter.reason().startsWith("not a valid Alert JSON: Unexpected character"), letter.reason());
        assertEquals("{not json", letter.raw());
        assertEquals(TestAlerts.credentialStuffing(), sink.next());
        assertEquals(2, awaitCommitted(2));
    }

    @Test
    void shouldKeepDeliveringToOtherSinksWhileOneIsStuck() throws Exception {
        RecordingSink stuck = new RecordingSink("stuck").holdShut();
        RecordingSink healthy = new RecordingSink("healthy");
        startWith(toSinks(DeliverySettings.defaults(), "stuck", "healthy"), c -> c.name().equals("stuck") ? stuck : healthy,
                List.of(json(TestAlerts.credentialStuffing()), json(TestAlerts.dataHarvesting()), json(TestAlerts.trafficSpikeOnRoute())));

        assertEquals("credential_stuffing", healthy.next().detector());
        assertEquals("data_harvesting", healthy.next().detector());
        assertEquals("traffic_spike", healthy.next().detector());
        assertEquals(List.of(), stuck.received());
        assertNull(commits.poll(200, TimeUnit.MILLISECONDS), "not committed until the stuck sink has them too");
        stuck.open();
        assertEquals(3, awaitCommitted(3));
        assertEquals(3, stuck.received().size());
    }

    @Test
    void shouldPrintThroughTheConsoleSinkWithTheDefaultConfig() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        service = new AlertingService(AlertingConfig.defaults(), TOPIC, clock, consumer, producer, deadLetters,
                new PrintStream(out, true, StandardCharsets.UTF_8), d -> { }, TestDetectors.STANDARD);
        service.onCommit(commits::add);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "k", json(TestAlerts.credentialStuffing())));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "k", json(TestAlerts.reconnaissanceShadow())));
        });
        service.start();
        assertEquals(2, awaitCommitted(2));
        assertEquals("12:01:05 HIGH credential_stuffing client=ip:203.0.113.7 POST /api/v1/login  "
                + "\"203.0.113.7 tried 412 logins for 397 different users in 60 s (threshold 50 users); 98% failed\"\n",
                out.toString(StandardCharsets.UTF_8), "the shadow alert is not routed by default");
        assertEquals(1, service.suppressed());
    }

    @Test
    void shouldBuildItsRealKafkaClientsFromValidSettings() {
        // The clients validate their settings on construction, without connecting.
        try (AlertingService real = new AlertingService(AlertingConfig.defaults(), "127.0.0.1:9", TOPIC, "gatewatch-alerting",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), clock, TestDetectors.STANDARD)) {
            assertTrue(!real.isRunning());
        }
    }

    @Test
    void shouldStopCleanlyAndCloseTheClients() {
        startWith(toSinks(DeliverySettings.defaults(), "out"), c -> new RecordingSink("out"), List.of());
        assertTrue(service.isRunning());
        service.close();
        assertTrue(!service.isRunning());
        assertTrue(consumer.closed());
        assertTrue(producer.closed());
    }
}
