package io.gatewatch.alerting.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.alerting.delivery.DeliveryLedger;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting state in a compacted topic (default {@value #DEFAULT_TOPIC}), read back in full at start. Keys
 * are {@code <group>/chain/<subject>} (the chain as JSON) and {@code <group>/sent/<sink>/<alert_id>:<revision>}
 * ({@code delivered} or {@code dead_lettered}), so services of different consumer groups on one cluster keep
 * apart. Compaction keeps the latest value per key; records older than {@link #RETENTION} are deleted as
 * well, which bounds the topic and only forgets chains idle far longer than any cooldown.
 */
public final class KafkaAlertingState implements AlertingState {
    public static final String DEFAULT_TOPIC = "gatewatch.alerting.state";
    static final Duration RETENTION = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaAlertingState.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Producer<String, String> producer;
    private final String topic;
    private final String scope;
    private final ObjectMapper mapper = Json.newMapper();
    private final Map<String, ChainState> chains = new ConcurrentHashMap<>();
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();

    /**
     * Connects to nothing yet: {@link #load} creates the topic if missing (compacted, one partition) and
     * reads it back.
     *
     * @param scope    the alerting consumer group, whose state this is
     * @param producer where writes go (idempotent, acks=all)
     */
    public KafkaAlertingState(String bootstrapServers, String topic, String scope, Producer<String, String> producer) {
        this.bootstrapServers = bootstrapServers;
        this.producer = producer;
        this.topic = topic;
        this.scope = scope;
    }

    @Override
    public void load() {
        ensureTopic(bootstrapServers, topic);
        chains.clear();
        marks.clear();
        read();
        LOG.info("alerting state read back from {}: {} dedup chains, {} sink marks", topic, chains.size(), marks.size());
    }

    @Override
    public Collection<ChainState> chains() {
        return List.copyOf(chains.values());
    }

    @Override
    public void saveChain(ChainState chain) {
        chains.put(chain.key(), chain);
        try {
            write(scope + "/chain/" + chain.key(), mapper.writeValueAsString(chain));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write chain " + chain.key(), e);
        }
    }

    @Override
    public Mark mark(String sink, Alert alert) {
        return marks.get(sink + "/" + DeliveryLedger.key(alert));
    }

    @Override
    public void record(String sink, Alert alert, Mark mark) {
        String id = sink + "/" + DeliveryLedger.key(alert);
        marks.put(id, mark);
        write(scope + "/sent/" + id, mark.name().toLowerCase(Locale.ROOT));
    }

    private void write(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Delivery goes on; only a restart before the next write of this key could repeat or renumber.
            LOG.warn("alerting state {} not saved to {}: {}", key, topic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while saving alerting state {}", key);
        }
    }

    private void read() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "gatewatch-alerting-state-" + scope);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        String chainPrefix = scope + "/chain/";
        String sentPrefix = scope + "/sent/";
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("alerting state topic " + topic + " not read back within " + TIMEOUT);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    String key = r.key();
                    if (key == null) {
                        continue;
                    }
                    if (key.startsWith(chainPrefix)) {
                        apply(chains, key.substring(chainPrefix.length()), r.value() == null ? null : chain(r.value()));
                    } else if (key.startsWith(sentPrefix)) {
                        apply(marks, key.substring(sentPrefix.length()), r.value() == null ? null
                                : Mark.valueOf(r.value().toUpperCase(Locale.ROOT)));
                    }
                }
            }
        }
    }

    private ChainState chain(String json) {
        try {
            return mapper.readValue(json, ChainState.class);
        } catch (JsonProcessingException e) {
            LOG.warn("unreadable dedup chain in {} ignored: {}", topic, e.getOriginalMessage());
            return null;
        }
    }

    private static <V> void apply(Map<String, V> map, String key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    private static void ensureTopic(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
            if (admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            NewTopic t = new NewTopic(topic, Optional.of(1), Optional.empty()).configs(Map.of(
                    "cleanup.policy", "compact,delete",
                    "retention.ms", Long.toString(RETENTION.toMillis())));
            admin.createTopics(List.of(t)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the alerting state topic " + topic + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create the alerting state topic " + topic + ": no answer in " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        }
    }
}
