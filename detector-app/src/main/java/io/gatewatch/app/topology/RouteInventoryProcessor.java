package io.gatewatch.app.topology;

import io.gatewatch.app.inventory.RouteStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;
import io.gatewatch.schema.ApiEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Feeds the API inventory: per route template, what this task's clients did with it. A route's record
 * is updated in memory and written to the store once a second (wall clock), not per event: a hot route
 * would otherwise cost an encode per request. A crash loses at most that second of counts, which an
 * inventory can afford. A 404 does not create a route (the gateway has no such route; a scanner's
 * probes would flood the inventory), but counts as an error on a known one.
 */
final class RouteInventoryProcessor implements Processor<String, DecodedEvent, Void, Void> {
    /** Bounds memory and store per task should templating let an unbounded set of routes through. */
    static final int MAX_ROUTES = 20_000;
    private final String storeName;
    private final Counter corrupt;
    private final Counter dropped;
    private final Map<String, RouteStats> dirty = new HashMap<>();
    private final ByteWriter bytes = new ByteWriter(512);
    private KeyValueStore<String, byte[]> store;
    private long routes = -1;

    RouteInventoryProcessor(String storeName, MeterRegistry registry) {
        this.storeName = storeName;
        this.corrupt = Counter.builder("gatewatch.inventory.records.corrupt")
                .description("route inventory records that could not be decoded and were started afresh")
                .register(registry);
        this.dropped = Counter.builder("gatewatch.inventory.routes.dropped")
                .description("requests of new routes not added because the task's inventory is full")
                .register(registry);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, DecodedEvent> record) {
        // A bad record is dead-lettered and counted by detect-clients, its sibling on the same source.
        if (record.value() instanceof DecodedEvent.Ok ok) {
            ApiEvent e = ok.event();
            String route = e.route() != null ? e.route() : e.path();
            if (route != null) {
                count(route, e, record.key());
            }
        }
    }

    private void count(String route, ApiEvent e, String clientKey) {
        RouteStats stats = dirty.get(route);
        if (stats == null) {
            stats = load(route, e);
            if (stats == null) {
                return;
            }
            dirty.put(route, stats);
        }
        stats.add(e, e.ts().toEpochMilli(), clientKey);
    }

    private RouteStats load(String route, ApiEvent e) {
        byte[] stored = store.get(route);
        if (stored != null) {
            try {
                return RouteStats.decode(stored);
            } catch (CorruptDataException ex) {
                corrupt.increment();
            }
        } else {
            if (e.status() != null && e.status() == 404) {
                return null;
            }
            if (routes < 0) {
                routes = store.approximateNumEntries();
            }
            if (routes >= MAX_ROUTES) {
                dropped.increment();
                return null;
            }
            routes++;
        }
        return new RouteStats();
    }

    private void flush() {
        dirty.forEach((route, stats) -> store.put(route, stats.encode(bytes)));
        dirty.clear();
    }

    @Override
    public void close() {
        // Not flushed: the store may already be closed for a revoked task; its changelog holds the last second.
    }
}
