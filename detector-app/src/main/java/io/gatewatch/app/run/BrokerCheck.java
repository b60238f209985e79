package io.gatewatch.app.run;

import io.gatewatch.app.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Before producing: is the cluster reachable and does the topic exist? A producer would only wait for
 * metadata and then report a timeout that cannot tell the two apart; this names the problem.
 */
public final class BrokerCheck {
    private BrokerCheck() {
    }

    /**
     * @param properties the cluster's client settings (security) from the config
     * @return what is wrong, as a sentence, or empty when the topic can be written to
     */
    public static Optional<String> problemWith(String bootstrapServers, String topic, Map<String, String> properties,
            Duration timeout) {
        Properties p = new Properties();
        p.putAll(properties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            return Optional.of("cannot use the Kafka address '" + bootstrapServers + "': " + rootMessage(e));
        }
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking Kafka at " + bootstrapServers);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.of("topic " + topic + " does not exist on " + bootstrapServers
                        + "; `detector run` creates Gatewatch's topics, or create it yourself");
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                return Optional.of(unreachable(bootstrapServers, timeout));
            }
            return Optional.of("cannot use topic " + topic + " on " + bootstrapServers + ": " + rootMessage(e.getCause()));
        } catch (TimeoutException e) {
            return Optional.of(unreachable(bootstrapServers, timeout));
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private static String unreachable(String bootstrapServers, Duration timeout) {
        return "cannot reach Kafka at " + bootstrapServers + " within " + Durations.format(timeout)
                + "; is the broker running and the address right (--bootstrap or kafka.bootstrap_servers)?";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
