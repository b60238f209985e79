package io.gatewatch.app.run;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What a Kafka Streams application has committed, read from outside as an operator would: the
 * consumer group's offsets against the end of its input topics. A commit is the only proof that a
 * Streams instance processed something (under exactly-once nothing else it wrote is visible before it).
 */
final class GroupProgress implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);
    /** Settled: nothing committed for this long while every input is read to its end. */
    private static final Duration SETTLED = Duration.ofSeconds(3);
    private final Admin admin;
    private final String group;
    private final String raw;

    GroupProgress(String bootstrapServers, String group, String rawTopic) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
        this.group = group;
        this.raw = rawTopic;
    }

    /** Offsets committed by the group on every input partition; empty while the broker does not answer. */
    Map<TopicPartition, Long> offsets() {
        try {
            Map<TopicPartition, OffsetAndMetadata> got = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            got.forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, om.offset());
                }
            });
            return out;
        } catch (Exception brokerAway) {
            return Map.of();
        }
    }

    /** The sum of the group's committed offsets, or -1 while the broker does not answer. */
    long committed() {
        Map<TopicPartition, Long> offsets = offsets();
        return offsets.isEmpty() ? -1 : offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private long rawCommitted(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(raw)).mapToLong(Map.Entry::getValue).sum();
    }

    void awaitRaw(long atLeast, Duration timeout, GatewatchProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (rawCommitted(offsets()) < atLeast) {
            check(deadline, process, "raw records committed: " + rawCommitted(offsets()) + " of " + atLeast);
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Waits for the first commit beyond {@code before}: processing has resumed. */
    void awaitBeyond(long before, Duration timeout, GatewatchProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (committed() <= before) {
            check(deadline, process, "no commit beyond " + before);
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Waits until every raw line is committed and every other input is read to its end (at most a
     * transaction marker after the last commit), with nothing committed for {@link #SETTLED}.
     */
    void awaitDone(long rawLines, Duration timeout, GatewatchProcess process) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> last = Map.of();
        long settledSince = System.nanoTime();
        while (true) {
            Map<TopicPartition, Long> now = offsets();
            if (!now.equals(last)) {
                last = now;
                settledSince = System.nanoTime();
            } else if (rawCommitted(now) == rawLines && readToEnd(now)
                    && System.nanoTime() - settledSince > SETTLED.toNanos()) {
                return;
            }
            check(deadline, process, "not done: raw committed " + rawCommitted(now) + " of " + rawLines + ", offsets " + now);
            Thread.sleep(200);
        }
    }

    private boolean readToEnd(Map<TopicPartition, Long> committed) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(5, TimeUnit.SECONDS);
        return ends.entrySet().stream().allMatch(e -> e.getValue().offset() - committed.get(e.getKey()) <= 1);
    }

    private static void check(long deadline, GatewatchProcess process, String what) {
        if (!process.alive()) {
            fail("run exited: " + what + "\n" + process.tail());
        }
        if (System.nanoTime() > deadline) {
            fail("timed out: " + what + "\n" + process.tail());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
