package io.gatewatch.app.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Ready while the Kafka Streams client is RUNNING or REBALANCING and its consumers are no more than
 * {@code maxLag} records behind on any partition; live unless the client has failed or stopped.
 */
public final class StreamsHealthCheck implements HealthCheck {
    /** A few seconds of a busy gateway: beyond this the detector is catching up, not keeping up. */
    public static final long DEFAULT_MAX_LAG = 100_000;

    private final Supplier<KafkaStreams.State> state;
    private final Supplier<OptionalLong> lag;
    private final long maxLag;

    /**
     * @param lag the largest consumer lag in records over the partitions consumed, empty while unknown
     */
    public StreamsHealthCheck(Supplier<KafkaStreams.State> state, Supplier<OptionalLong> lag, long maxLag) {
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag = " + maxLag + ": must be 0 or more records");
        }
        this.state = state;
        this.lag = lag;
        this.maxLag = maxLag;
    }

    public static StreamsHealthCheck of(KafkaStreams streams, long maxLag) {
        return new StreamsHealthCheck(streams::state, () -> maxRecordsLag(streams.metrics()), maxLag);
    }

    @Override
    public String name() {
        return "streams";
    }

    @Override
    public Status check() {
        KafkaStreams.State s = state.get();
        OptionalLong behind = lag.get();
        Map<String, Object> details = new LinkedHashMap<>();
        behind.ifPresent(l -> details.put("consumer_lag_records", l));
        details.put("max_lag_records", maxLag);
        return switch (s) {
            case RUNNING, REBALANCING -> behind.isPresent() && behind.getAsLong() > maxLag
                    ? new Status(true, false, s.name(), "consumer lag " + behind.getAsLong()
                            + " records exceeds the limit of " + maxLag, details)
                    : Status.up(s.name(), details);
            case CREATED -> new Status(true, false, s.name(), "Kafka Streams has not started yet", details);
            case PENDING_SHUTDOWN, NOT_RUNNING -> new Status(false, false, s.name(), "Kafka Streams is shutting down or stopped", details);
            case PENDING_ERROR, ERROR -> new Status(false, false, s.name(), "Kafka Streams failed: its stream threads died", details);
        };
    }

    /**
     * The largest {@code records-lag} over the partitions the stream threads' main consumers fetch;
     * restore consumers are left out (their lag is restoration, reported by the REBALANCING state).
     */
    static OptionalLong maxRecordsLag(Map<MetricName, ? extends Metric> metrics) {
        long max = -1;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName n = e.getKey();
            if (!n.name().equals("records-lag") || !n.group().equals("consumer-fetch-manager-metrics")
                    || !n.tags().containsKey("partition")
                    || n.tags().getOrDefault("client-id", "").endsWith("restore-consumer")) {
                continue;
            }
            if (e.getValue().metricValue() instanceof Number v && !Double.isNaN(v.doubleValue())) {
                max = Math.max(max, v.longValue());
            }
        }
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }
}
