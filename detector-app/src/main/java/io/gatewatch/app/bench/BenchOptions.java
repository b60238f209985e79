package io.gatewatch.app.bench;

import io.gatewatch.app.config.KafkaSettings;

/**
 * What to run.
 *
 * @param events     lines pre-loaded for the throughput phase
 * @param clients    distinct background clients
 * @param rate       lines per second in the latency phase (and the event-time pace of the pre-loaded lines)
 * @param seconds    length of the latency phase
 * @param partitions partitions of every topic: the Streams task count per sub-topology
 * @param threads    Kafka Streams {@code num.stream.threads} of every topology run (1 is Streams' default)
 * @param guarantee  {@code processing.guarantee} of every topology run, passthrough and full alike
 */
public record BenchOptions(long events, int clients, int rate, int seconds, int partitions, int threads,
        KafkaSettings.ProcessingGuarantee guarantee) {
    public static final long DEFAULT_EVENTS = 2_000_000;
    public static final int DEFAULT_CLIENTS = 100_000;
    public static final int DEFAULT_RATE = 20_000;
    public static final int DEFAULT_SECONDS = 30;
    public static final int DEFAULT_PARTITIONS = 4;
    public static final int DEFAULT_THREADS = 1;
    /** One in this many pre-loaded lines is an attack line (brute force or probing). */
    static final int ATTACK_EVERY = 200;
    static final long SEED = 20_251_101L;

    public BenchOptions(long events, int clients, int rate, int seconds, int partitions, int threads) {
        this(events, clients, rate, seconds, partitions, threads, KafkaSettings.ProcessingGuarantee.EXACTLY_ONCE_V2);
    }

    public BenchOptions {
        if (events <= 0 || clients <= 0 || rate <= 0 || seconds <= 0 || partitions <= 0 || threads <= 0) {
            throw new IllegalArgumentException("every bench option must be above 0");
        }
    }
}
