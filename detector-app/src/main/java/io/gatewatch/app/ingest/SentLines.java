package io.gatewatch.app.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Each line {@code ingest} ships from a file carries a {@value #HEADER} header, {@code <file identity> <end
 * offset>}. After a crash, the lines that reached the broker past the saved position are found by reading the
 * raw topic from the saved per-partition offsets, so the restart sends each of them no second time.
 */
public final class SentLines {
    public static final String HEADER = "gatewatch.position";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SentLines() {
    }

    public static Header header(FileFollower.Position p) {
        return new RecordHeader(HEADER, (p.file() + " " + p.offset()).getBytes(StandardCharsets.UTF_8));
    }

    /** The current end offset of every partition of the topic: lines sent from now on lie at or after them. */
    public static Map<Integer, Long> endOffsets(Properties client, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(client)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<Integer, Long> out = new HashMap<>();
            consumer.endOffsets(partitions, TIMEOUT).forEach((p, o) -> out.put(p.partition(), o));
            return out;
        }
    }

    /** End offsets, in file {@code file}, of lines found in the topic past {@code after}. */
    public static Set<Long> after(Properties client, String topic, String file, long after, Map<Integer, Long> scanFrom) {
        Set<Long> ends = new HashSet<>();
        String prefix = file + " ";
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(client)) {
            List<TopicPartition> partitions = partitions(consumer, topic).stream()
                    .filter(p -> scanFrom.containsKey(p.partition())).toList();
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, scanFrom.get(p.partition())));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " back within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Header h = r.headers().lastHeader(HEADER);
                    if (h == null) {
                        continue;
                    }
                    String v = new String(h.value(), StandardCharsets.UTF_8);
                    if (v.startsWith(prefix)) {
                        long lineEnd = Long.parseLong(v.substring(prefix.length()));
                        if (lineEnd > after) {
                            ends.add(lineEnd);
                        }
                    }
                }
            }
        }
        return ends;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, TIMEOUT).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "gatewatch-ingest-resume");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
