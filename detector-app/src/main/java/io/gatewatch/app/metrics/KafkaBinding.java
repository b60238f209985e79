package io.gatewatch.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Micrometer's Kafka Streams binder, looking for new Kafka metrics every few seconds instead of every
 * minute: per-partition lag and per-task figures appear only once partitions are assigned, and a
 * minute without lag series after each rebalance is a minute the lag alerts are blind.
 */
final class KafkaBinding implements AutoCloseable {
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final RefreshScheduler scheduler = new RefreshScheduler();
    private final KafkaStreamsMetrics binder;

    KafkaBinding(KafkaStreams streams, MeterRegistry registry) {
        binder = new KafkaStreamsMetrics(streams, Tags.empty(), scheduler);
        binder.bindTo(registry);
    }

    @Override
    public void close() {
        binder.close();
        scheduler.shutdownNow();
    }

    /** The binder asks for a fixed 60 s period; it gets {@link #REFRESH} at most. */
    private static final class RefreshScheduler extends ScheduledThreadPoolExecutor {
        RefreshScheduler() {
            super(1, r -> Thread.ofPlatform().name("gatewatch-kafka-metrics").daemon(true).unstarted(r));
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            long cap = REFRESH.toMillis();
            return super.scheduleAtFixedRate(command, Math.min(unit.toMillis(initialDelay), cap),
                    Math.min(unit.toMillis(period), cap), TimeUnit.MILLISECONDS);
        }
    }
}
