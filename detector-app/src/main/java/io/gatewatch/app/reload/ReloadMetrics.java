package io.gatewatch.app.reload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code gatewatch_config_reloads_total{outcome}} and {@code gatewatch_config_generation}. Every outcome
 * is registered at zero, so that an alert on {@code increase(...{outcome="refused"}[1h]) > 0} has a series
 * to read before the first reload.
 */
public final class ReloadMetrics {
    public static final String RELOADS = "gatewatch.config.reloads";
    public static final String GENERATION = "gatewatch.config.generation";
    private static final List<String> OUTCOMES = List.of("applied", "refused", "invalid", "unchanged");
    private final Map<String, Counter> counters;
    private final AtomicLong generation = new AtomicLong(1);

    public ReloadMetrics(MeterRegistry registry) {
        counters = OUTCOMES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), o -> Counter.builder(RELOADS)
                .description("Config reloads (file change, SIGHUP or POST /config/reload), by outcome: applied, refused "
                        + "(a key that needs a restart changed), invalid (the file does not validate), unchanged")
                .tag("outcome", o).register(registry)));
        Gauge.builder(GENERATION, generation, AtomicLong::get)
                .description("Generation of the running config: 1 at start, one more per reload applied")
                .register(registry);
    }

    void record(ReloadOutcome outcome) {
        counters.get(outcome.name()).increment();
        generation.set(outcome.generation());
    }
}
