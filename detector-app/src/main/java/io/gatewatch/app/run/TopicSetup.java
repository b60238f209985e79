package io.gatewatch.app.run;

import io.gatewatch.app.config.KafkaSettings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates Gatewatch's topics that do not exist yet; existing ones are left exactly as they are. */
public final class TopicSetup {
    /**
     * Gatewatch's own records carry event time, which for a replayed log can be months old: under
     * CreateTime the topic's retention would delete them before they are read. Detection reads event
     * time from the payload, so these topics keep time by appending instead.
     */
    private static final Map<String, String> APPEND_TIME = Map.of("compression.type", "producer",
            "message.timestamp.type", "LogAppendTime");

    private TopicSetup() {
    }

    /** @return the topics that were created */
    public static List<String> ensure(String bootstrapServers, KafkaSettings kafka) {
        return ensure(bootstrapServers, kafka, List.of());
    }

    /** @param extra more topics to create alike, e.g. the alerting dead-letter topic */
    public static List<String> ensure(String bootstrapServers, KafkaSettings kafka, List<String> extra) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.putAll(kafka.properties());
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = java.util.stream.Stream.concat(kafka.topics().all().stream(), extra.stream())
                    .distinct()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, kafka.partitions(), kafka.replicationFactor())
                            .configs(t.equals(kafka.topics().raw()) ? Map.of("compression.type", "producer")
                                    : APPEND_TIME))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list or create topics on " + bootstrapServers + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /** The partition count of {@code topic}, or 0 when it cannot be read. */
    public static int partitions(String bootstrapServers, KafkaSettings kafka, String topic) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.putAll(kafka.properties());
        try (Admin admin = Admin.create(p)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return 0;
        }
    }
}
