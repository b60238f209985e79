package io.gatewatch.alerting;

import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.state.AlertingState;
import io.gatewatch.alerting.state.InMemoryAlertingState;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pure core of alerting, with no Kafka and no I/O: each input alert is deduplicated, routed to sinks,
 * and either delivered at once or held for grouping; {@link #tick} releases groups whose wait has ended.
 * The caller numbers input alerts ({@code sequence}) and gets them back in each {@link Delivery}, which is
 * how the service knows when an input is fully delivered and its offset may be committed.
 * Not thread-safe: one thread feeds it.
 */
public final class Dispatcher {
    private final AlertRouter router;
    private final Deduplicator dedup;
    private final Grouper grouper;
    private final Set<String> groupedSinks;

    public Dispatcher(AlertingConfig config) {
        this(config, new InMemoryAlertingState());
    }

    /** @param state dedup chains saved by an earlier run, and where changed chains are saved */
    public Dispatcher(AlertingConfig config, AlertingState state) {
        this.router = new AlertRouter(config);
        this.dedup = new Deduplicator(config.dedup(), state.chains(), state::saveChain);
        Duration repeat = config.dedup().cooldown().isZero() ? config.grouping().groupWait() : config.dedup().cooldown();
        this.grouper = new Grouper(config.grouping(), repeat);
        this.groupedSinks = config.grouping().enabled() ? groupedSinks(config) : Set.of();
    }

    private static Set<String> groupedSinks(AlertingConfig config) {
        if (!config.grouping().sinks().isEmpty()) {
            return config.grouping().sinks();
        }
        return config.sinks().stream().filter(SinkConfig::readByPeople).map(SinkConfig::name).collect(Collectors.toUnmodifiableSet());
    }

    public Dispatch accept(Alert alert, long sequence, Instant now) {
        Optional<Alert> admitted = dedup.admit(alert, now);
        if (admitted.isEmpty()) {
            return new Dispatch(List.of(), 0, "duplicate of a revision already sent");
        }
        Alert a = admitted.get();
        List<String> sinks = router.sinksFor(a);
        if (sinks.isEmpty()) {
            return new Dispatch(List.of(), 0, "no route matches");
        }
        List<Delivery> ready = new ArrayList<>();
        int held = 0;
        for (String sink : sinks) {
            if (groupedSinks.contains(sink)) {
                grouper.hold(sink, a, sequence, now);
                held++;
            } else {
                ready.add(new Delivery(sink, a, List.of(sequence)));
            }
        }
        return new Dispatch(ready, held, held > 0 ? "routed; held for grouping by " + held + " sinks" : "routed");
    }

    /** Grouped or individual deliveries whose group wait has ended by {@code now}. */
    public List<Delivery> tick(Instant now) {
        return grouper.due(now);
    }

    /** When {@link #tick} next has something to release, if anything is held. */
    public Optional<Instant> nextDeadline() {
        return grouper.nextDeadline();
    }

    /** Releases everything held regardless of wait. */
    public List<Delivery> drain(Instant now) {
        return grouper.drain(now);
    }
}
