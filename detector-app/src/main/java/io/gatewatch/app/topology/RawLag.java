package io.gatewatch.app.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How many records this instance's consumers are behind the end of each raw partition, from Kafka
 * Streams' own consumer metrics ({@code records-lag}). The detect stage asks it whether a raw partition
 * that has gone quiet has run out of records (stop waiting for it) or is only behind (keep waiting): the
 * wall clock alone cannot tell, a busy stream thread can leave a partition unread for seconds.
 * Passed to the topology as the Streams property {@link #CONFIG}, as the shared RocksDB memory is.
 */
public final class RawLag {
    public static final String CONFIG = "gatewatch.raw.lag";
    static final long UNKNOWN = -1;
    private static final long REFRESH_NANOS = 200_000_000L;
    private final String topic;
    private volatile Supplier<Map<MetricName, ? extends Metric>> metrics = Map::of;
    private Map<Integer, Long> lags = Map.of();
    private long readAt = Long.MIN_VALUE;

    public RawLag(String rawTopic) {
        this.topic = rawTopic;
    }

    /** @param streamsMetrics {@code KafkaStreams::metrics} of the instance whose consumers read the raw topic */
    public void bind(Supplier<Map<MetricName, ? extends Metric>> streamsMetrics) {
        this.metrics = streamsMetrics;
    }

    /** The lag of a raw partition as of at most 200 ms ago, or {@link #UNKNOWN} when this instance does not read it. */
    synchronized long lag(int partition) {
        long now = System.nanoTime();
        if (readAt == Long.MIN_VALUE || now - readAt > REFRESH_NANOS) {
            lags = read();
            readAt = now;
        }
        return lags.getOrDefault(partition, UNKNOWN);
    }

    private Map<Integer, Long> read() {
        Map<Integer, Long> out = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.get().entrySet()) {
            MetricName name = e.getKey();
            if (name.name().equals("records-lag") && topic.equals(name.tags().get("topic"))
                    && name.tags().containsKey("partition")
                    && e.getValue().metricValue() instanceof Number n && !Double.isNaN(n.doubleValue())) {
                out.merge(Integer.parseInt(name.tags().get("partition")), n.longValue(), Math::max);
            }
        }
        return out;
    }
}
