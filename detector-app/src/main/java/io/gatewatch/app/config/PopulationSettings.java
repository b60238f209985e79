package io.gatewatch.app.config;

import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.time.Duration;

/**
 * The {@code populations:} block: how peer baselines are kept. Each client-stage task keeps its own
 * populations (all new clients keyed by address, a /24 or /64, a user-agent family), fed by the clients
 * hashed to it: clients spread uniformly over partitions, so each task's sketches are a fair sample of
 * the whole and no extra hop or global store is needed.
 *
 * @param minSamples  clients a population must have summarised before it judges anyone; until then the
 *                    detectors' fixed limits apply (the cold-start fallback)
 * @param maxPerTask  populations kept per task, least recently used dropped first
 * @param idleExpiry  a population not fed for this long is dropped
 * @param sketchK     the KLL sketches' k: 100 puts a quantile's rank within about 3.3 %, 200 within 1.7 %,
 *                    at twice the memory (a few KB per metric and population)
 * @param ipv4Prefix  the network of an IPv4 client, in bits
 * @param ipv6Prefix  the network of an IPv6 client, in bits
 */
public record PopulationSettings(int minSamples, int maxPerTask, Duration idleExpiry, int sketchK, int ipv4Prefix,
        int ipv6Prefix) {
    static final ConfigKey<Integer> MIN_SAMPLES = ConfigKey.integer("min_samples", 50).range(10, 1_000_000)
            .doc("clients a population must have summarised before it judges anyone; until then fixed limits apply");
    static final ConfigKey<Integer> MAX_PER_TASK = ConfigKey.integer("max_per_task", 1000).range(3, 100_000)
            .doc("populations kept per client-stage task, least recently used dropped first");
    static final ConfigKey<Duration> IDLE_EXPIRY = ConfigKey.duration("idle_expiry", Duration.ofDays(7))
            .between(Duration.ofHours(1), Duration.ofDays(90))
            .doc("a population not fed for this long is dropped");
    static final ConfigKey<Integer> SKETCH_K = ConfigKey.integer("sketch_k", 100).range(8, 1000)
            .doc("KLL sketch accuracy: 100 puts a quantile's rank within ~3.3 %, 200 within ~1.7 % at twice the memory");
    static final ConfigKey<Integer> IPV4_PREFIX = ConfigKey.integer("ipv4_prefix", 24).range(8, 32)
            .doc("bits of an IPv4 address that name its network population");
    static final ConfigKey<Integer> IPV6_PREFIX = ConfigKey.integer("ipv6_prefix", 64).range(16, 128)
            .doc("bits of an IPv6 address that name its network population");
    public static final ConfigDef KEYS = ConfigDef.of(MIN_SAMPLES, MAX_PER_TASK, IDLE_EXPIRY, SKETCH_K, IPV4_PREFIX,
            IPV6_PREFIX);

    public static PopulationSettings defaults() {
        return new PopulationSettings(50, 1000, Duration.ofDays(7), 100, 24, 64);
    }

    static PopulationSettings read(ConfigNode n) {
        n.allowOnly(KEYS);
        return new PopulationSettings(n.get(MIN_SAMPLES), n.get(MAX_PER_TASK), n.get(IDLE_EXPIRY), n.get(SKETCH_K),
                n.get(IPV4_PREFIX), n.get(IPV6_PREFIX));
    }
}
