package io.gatewatch.app.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs and counts the restore of state stores from their changelogs (after a crash, a wiped state
 * directory or a move to another instance): per store and partition, how many records and how long,
 * so that the time to recover is visible while it happens and can be set against state size later.
 */
final class RestoreProgress implements StateRestoreListener {
    private static final Logger log = LoggerFactory.getLogger(RestoreProgress.class);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private record Started(long nanos, long toRestore, AtomicLong restored, AtomicLong lastLog) {
    }

    private final MeterRegistry registry;
    private final Map<TopicPartition, Started> inProgress = new ConcurrentHashMap<>();
    private final Map<String, Counter> records = new ConcurrentHashMap<>();
    private final Map<String, Timer> times = new ConcurrentHashMap<>();
    private final AtomicLong remaining = new AtomicLong();

    RestoreProgress(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("gatewatch.restore.remaining.records", remaining, AtomicLong::get)
                .description("Changelog records still to restore into state stores before processing resumes")
                .register(registry);
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        long toRestore = Math.max(0, endingOffset - startingOffset);
        long now = System.nanoTime();
        inProgress.put(partition, new Started(now, toRestore, new AtomicLong(), new AtomicLong(now)));
        remaining.addAndGet(toRestore);
        // An empty changelog (a first start) is no news: only a restore with something in it is worth a line.
        if (toRestore > 0) {
            log.info("restoring store {} from {}: up to {} records (offsets {} to {})", store, partition, toRestore,
                    startingOffset, endingOffset);
        }
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        recordsOf(store).increment(numRestored);
        Started s = inProgress.get(partition);
        if (s == null) {
            return;
        }
        remaining.addAndGet(-Math.min(numRestored, Math.max(0, s.toRestore() - s.restored().get())));
        long done = s.restored().addAndGet(numRestored);
        long now = System.nanoTime();
        long last = s.lastLog().get();
        if (now - last > LOG_EVERY_NANOS && s.lastLog().compareAndSet(last, now)) {
            log.info("restoring store {} from {}: {} of {} records in {} s", store, partition, done, s.toRestore(),
                    (now - s.nanos()) / 1_000_000_000L);
        }
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Started s = inProgress.remove(partition);
        if (s == null) {
            return;
        }
        remaining.addAndGet(-Math.max(0, s.toRestore() - s.restored().get()));
        long nanos = System.nanoTime() - s.nanos();
        timeOf(store).record(Duration.ofNanos(nanos));
        if (totalRestored > 0) {
            log.info("restored store {} from {}: {} records in {} ms", store, partition, totalRestored, nanos / 1_000_000);
        }
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        Started s = inProgress.remove(partition);
        if (s != null) {
            remaining.addAndGet(-Math.max(0, s.toRestore() - s.restored().get()));
            log.info("restore of store {} from {} suspended after {} records (the task moved)", store, partition,
                    totalRestored);
        }
    }

    private Counter recordsOf(String store) {
        return records.computeIfAbsent(store, s -> Counter.builder("gatewatch.restore.records").tag("store", s)
                .description("Changelog records restored into a state store (after a crash, a wiped state directory or a task move)")
                .register(registry));
    }

    private Timer timeOf(String store) {
        return times.computeIfAbsent(store, s -> Timer.builder("gatewatch.restore.time").tag("store", s)
                .description("Time to restore one partition of a state store from its changelog")
                .register(registry));
    }
}
