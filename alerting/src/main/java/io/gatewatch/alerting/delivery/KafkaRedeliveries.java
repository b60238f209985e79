package io.gatewatch.alerting.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the dead-letter topic for one sink with a consumer group of its own ({@code <group>-redeliver-<sink>}),
 * whose committed offsets say which letters were already redelivered: a letter's offset is committed only
 * after its attempt ended, so a crash mid-drain repeats at most the letter in flight (and the ledger knows
 * it was delivered). Letters of all partitions are merged by the time they were written.
 */
public final class KafkaRedeliveries implements Redeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRedeliveries.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;
    private final String groupPrefix;
    private final ObjectMapper mapper = Json.newMapper();

    /** @param groupPrefix the alerting consumer group; each sink drains as {@code <groupPrefix>-redeliver-<sink>} */
    public KafkaRedeliveries(String bootstrapServers, String topic, String groupPrefix) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.groupPrefix = groupPrefix;
    }

    @Override
    public Drained drain(String sink, boolean automaticOnly, Attempt attempt) throws InterruptedException {
        try (Consumer<String, String> consumer = new KafkaConsumer<>(props(groupPrefix + "-redeliver-" + sink))) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return Drained.NOTHING;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), TIMEOUT);
            for (TopicPartition p : partitions) {
                OffsetAndMetadata at = committed.get(p);
                if (at == null) {
                    consumer.seekToBeginning(List.of(p));
                } else {
                    consumer.seek(p, at.offset());
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            List<ConsumerRecord<String, String>> letters = readUpTo(consumer, end);
            letters.sort(Comparator.<ConsumerRecord<String, String>>comparingLong(ConsumerRecord::timestamp)
                    .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
            int delivered = 0;
            int already = 0;
            int refused = 0;
            for (ConsumerRecord<String, String> r : letters) {
                DeadLetter letter = forSink(r, sink, automaticOnly);
                if (letter != null) {
                    Outcome outcome = attempt.deliver(letter.alert());
                    switch (outcome) {
                        case Outcome.Delivered d -> delivered++;
                        case Outcome.AlreadyHandled a -> already++;
                        case Outcome.Undeliverable u when !u.redeliverable() -> refused++;
                        case Outcome.Undeliverable u -> {
                            LOG.info("sink {}: redelivery stopped, the sink failed again: {}", sink, u.reason());
                            return new Drained(delivered, already, refused, false);
                        }
                    }
                }
                consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1)));
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            end.forEach((p, offset) -> ends.put(p, new OffsetAndMetadata(offset)));
            consumer.commitSync(ends);
            return new Drained(delivered, already, refused, true);
        }
    }

    private List<ConsumerRecord<String, String>> readUpTo(Consumer<String, String> consumer, Map<TopicPartition, Long> end)
            throws InterruptedException {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                LOG.warn("dead-letter topic {} not read to its end within {}; redelivering what was read", topic, TIMEOUT);
                break;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped while reading dead letters");
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** The letter when it carries an alert for this sink (and is automatic, if asked), else null. */
    private DeadLetter forSink(ConsumerRecord<String, String> r, String sink, boolean automaticOnly) {
        if (r.value() == null || !sink.equals(header(r, KafkaDeadLetters.SINK_HEADER))) {
            return null;
        }
        if (automaticOnly && !"auto".equals(header(r, KafkaDeadLetters.REDELIVER_HEADER))) {
            return null;
        }
        try {
            DeadLetter letter = mapper.readValue(r.value(), DeadLetter.class);
            return letter.alert() == null ? null : letter;
        } catch (IOException e) {
            LOG.warn("dead letter {}-{}@{} is not readable, skipped: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return null;
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private Properties props(String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
