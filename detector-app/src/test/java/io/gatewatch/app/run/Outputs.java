package io.gatewatch.app.run;

import io.gatewatch.app.config.KafkaSettings;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a run left in its output topics, read committed as the alerting service reads them: each event
 * (its JSON) and each alert (id and revision) with the number of times it was written.
 */
record Outputs(Map<String, Integer> events, Map<String, Integer> alerts) {
    /** The alerts (id#revision detector client route) one run has and the other has not, for a failure message. */
    static String alertsOnlyIn(Outputs a, Outputs b) {
        return a.alerts.keySet().stream().filter(k -> !b.alerts.containsKey(k)).sorted().toList().toString();
    }

    /** Copies beyond the other run's ({@code extra}), copies short of it ({@code missing}), and keys it never had. */
    record Difference(int extra, int missing, int unexpected) {
    }

    Difference eventsAgainst(Outputs expected) {
        return difference(events, expected.events);
    }

    Difference alertsAgainst(Outputs expected) {
        return difference(alerts, expected.alerts);
    }

    /** The client-scope alerts alone (route-scope ones carry no client: their key reads "-"). */
    Outputs clientScope() {
        Map<String, Integer> client = new HashMap<>();
        alerts.forEach((k, n) -> {
            if (!k.split(" ")[2].equals("-")) {
                client.put(k, n);
            }
        });
        return new Outputs(events, client);
    }

    private static Difference difference(Map<String, Integer> got, Map<String, Integer> expected) {
        int extra = 0;
        int missing = 0;
        int unexpected = 0;
        for (Map.Entry<String, Integer> e : got.entrySet()) {
            int want = expected.getOrDefault(e.getKey(), 0);
            extra += Math.max(0, e.getValue() - Math.max(want, 1));
            unexpected += want == 0 ? 1 : 0;
        }
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            missing += Math.max(0, e.getValue() - got.getOrDefault(e.getKey(), 0));
        }
        return new Difference(extra, missing, unexpected);
    }

    static Outputs read(String bootstrapServers, KafkaSettings.Topics topics) {
        JsonSerde<Alert> alertJson = new JsonSerde<>(Alert.class);
        Map<String, Integer> alerts = new HashMap<>();
        for (byte[] value : readAll(bootstrapServers, topics.alerts())) {
            Alert a = alertJson.deserializer().deserialize(null, value);
            alerts.merge(a.alertId() + "#" + a.revision() + " " + a.detector() + " "
                    + (a.client() == null ? "-" : a.client().key()) + " " + a.route(), 1, Integer::sum);
        }
        Map<String, Integer> events = new HashMap<>();
        for (byte[] value : readAll(bootstrapServers, topics.events())) {
            events.merge(new String(value, StandardCharsets.UTF_8), 1, Integer::sum);
        }
        return new Outputs(events, alerts);
    }

    private static List<byte[]> readAll(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<byte[]> values = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
