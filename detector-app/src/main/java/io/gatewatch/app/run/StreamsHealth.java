package io.gatewatch.app.run;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code /health} reports about the Kafka Streams client: its state, how many stream threads are
 * alive, how many were replaced after dying, and the last error. Written by {@link Pipeline}'s listeners
 * and read from any thread.
 */
public final class StreamsHealth {
    /**
     * @param state           Kafka Streams' state
     * @param liveThreads     stream threads alive now
     * @param replacedThreads stream threads that died and were replaced since start
     * @param lastError       the last stream thread error, as {@code Class: message}, or null
     * @param healthy         whether the client is processing or about to (RUNNING or REBALANCING)
     */
    public record Snapshot(KafkaStreams.State state, int liveThreads, int replacedThreads, String lastError,
            boolean healthy) {
    }

    private final IntSupplier liveThreads;
    private final AtomicInteger replaced = new AtomicInteger();
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private volatile String lastError;

    StreamsHealth(IntSupplier liveThreads) {
        this.liveThreads = liveThreads;
    }

    public Snapshot snapshot() {
        KafkaStreams.State s = state;
        return new Snapshot(s, liveThreads.getAsInt(), replaced.get(), lastError,
                s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING);
    }

    void state(KafkaStreams.State now) {
        state = now;
    }

    void threadDied(Throwable error, boolean replacedByNew) {
        lastError = describe(error);
        if (replacedByNew) {
            replaced.incrementAndGet();
        }
    }

    /** The error's class and message; the message of a wrapped cause when Streams wrapped it. */
    static String describe(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t
                && t instanceof org.apache.kafka.streams.errors.StreamsException) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
