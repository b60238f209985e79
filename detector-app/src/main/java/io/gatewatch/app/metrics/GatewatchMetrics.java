package io.gatewatch.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The pipeline's own meters. Tags are bounded (format, stage, detector, severity, mode, kind): never a
 * client IP, key or user. docs/metrics.md lists each one with what to alert on.
 */
public final class GatewatchMetrics {
    public static final String RAW_RECORDS = "gatewatch.raw.records";
    public static final String EVENTS_PARSED = "gatewatch.events.parsed";
    public static final String EVENTS_DETECTED = "gatewatch.events.detected";
    public static final String EVENTS_LATE = "gatewatch.events.late";
    public static final String DLQ_RECORDS = "gatewatch.dlq.records";
    public static final String ALERTS = "gatewatch.alerts";
    public static final String FINDINGS_SUPPRESSED = "gatewatch.findings.suppressed";
    public static final String EVENT_TIME_LAG = "gatewatch.event.time.lag";
    public static final String EVENTS_HELD = "gatewatch.events.held";

    private static final long NO_EVENT_YET = Long.MIN_VALUE;

    private final MeterRegistry registry;
    private final Counter rawRecords;
    private final Counter lateEvents;
    private final Counter detected;
    private final Counter corruptProfiles;
    private final Counter expiredProfiles;
    private final Counter routeTalliesSent;
    private final Counter routeTalliesDetected;
    private final AtomicLong newestEventTime = new AtomicLong(NO_EVENT_YET);
    private final AtomicLong held = new AtomicLong();
    private final ConcurrentMap<String, Counter> cache = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, Counter>> tagged = new ConcurrentHashMap<>();

    public GatewatchMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    /** @param clock the wall clock the event-time lag is measured against */
    public GatewatchMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.rawRecords = Counter.builder(RAW_RECORDS)
                .description("Records read from the raw topic (log lines or JSON objects), parsed or not")
                .register(registry);
        this.lateEvents = Counter.builder(EVENTS_LATE)
                .description("Events older than the newest event time minus the grace period; not counted by detectors")
                .register(registry);
        this.detected = Counter.builder(EVENTS_DETECTED)
                .description("Events-topic records that reached the detect stage (detected, late or dead-lettered)")
                .register(registry);
        this.corruptProfiles = Counter.builder("gatewatch.profiles.corrupt")
                .description("Stored client or route profiles that could not be decoded and were started afresh")
                .register(registry);
        this.expiredProfiles = Counter.builder("gatewatch.profiles.expired")
                .description("Idle client profiles removed from the state store")
                .register(registry);
        this.routeTalliesSent = Counter.builder(ROUTE_TALLIES_SENT)
                .description("Per-route, per-second summaries the client stage sent to the route stage")
                .register(registry);
        this.routeTalliesDetected = Counter.builder(ROUTE_TALLIES_DETECTED)
                .description("Per-route, per-second summaries that reached the route stage")
                .register(registry);
        Gauge.builder(EVENTS_HELD, held, AtomicLong::get)
                .description("Events the detect stage holds until every raw partition has passed their time (a backlog"
                        + " read from partitions that are apart in event time)")
                .register(registry);
        Gauge.builder(EVENT_TIME_LAG, this, m -> m.eventTimeLagSeconds(clock))
                .description("Wall-clock time minus the newest event time the detect stage has seen (NaN before the first event)")
                .baseUnit("seconds")
                .register(registry);
    }

    public static GatewatchMetrics inMemory() {
        return new GatewatchMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Binds the Kafka Streams client's metrics (and its consumers', producers' and admin's) to this
     * registry: consumer lag per partition, process and punctuate rates and latencies, state store and
     * RocksDB figures. Closing the returned binder removes them.
     */
    public AutoCloseable bind(KafkaStreams streams) {
        return new KafkaBinding(streams, registry);
    }

    public void rawRecord() {
        rawRecords.increment();
    }

    public void parsed(String format, int events) {
        counter(EVENTS_PARSED, "Events parsed from raw records, by input format", "format", format).increment(events);
    }

    public void deadLettered(String stage) {
        dlq(stage).increment();
    }

    /** Registers the stage's dead-letter counter at zero, so a rate over it exists before the first bad record. */
    public void deadLetterStage(String stage) {
        dlq(stage);
    }

    private Counter dlq(String stage) {
        return counter(DLQ_RECORDS, "Records sent to the dead-letter topic, by pipeline stage", "stage", stage);
    }

    public static final String ROUTE_TALLIES_SENT = "gatewatch.route.tallies.sent";
    public static final String ROUTE_TALLIES_DETECTED = "gatewatch.route.tallies.detected";

    public void routeTallySent() {
        routeTalliesSent.increment();
    }

    /** A route tally reached the route stage (judged or dead-lettered). */
    public void routeTallyDetected() {
        routeTalliesDetected.increment();
    }

    /** An events-topic record reached the detect stage (detected, late or dead-lettered). */
    public void detectStage() {
        detected.increment();
    }

    /** The detect stage saw an event with this event time: the newest one sets the event-time lag. */
    public void eventTime(long epochMillis) {
        long seen = newestEventTime.get();
        while (epochMillis > seen && !newestEventTime.compareAndSet(seen, epochMillis)) {
            seen = newestEventTime.get();
        }
    }

    /** Events put in (positive) or taken out of (negative) the detect stage's reorder buffer. */
    public void held(long delta) {
        held.addAndGet(delta);
    }

    /** Events held for ordering now, in every task of this instance. */
    public long held() {
        return held.get();
    }

    public void late() {
        lateEvents.increment();
    }

    public void corruptProfile() {
        corruptProfiles.increment();
    }

    /** A stored detector section dropped because the config reshaped it: that detector relearns for that key. */
    public void sectionReset(String detector) {
        counter("gatewatch.profiles.section.resets", "stored detector sections dropped because the config reshaped them;"
                + " that detector relearns for that key", "detector", detector).increment();
    }

    public void expired(int n) {
        expiredProfiles.increment(n);
    }

    public void alert(String detector, String severity, String mode, boolean update) {
        cache.computeIfAbsent("alert|" + detector + '|' + severity + '|' + mode + '|' + update,
                k -> Counter.builder(ALERTS)
                        .description("Alert messages raised (new alerts and revisions), by detector, severity, "
                                + "mode (alert or shadow) and kind (new or update)")
                        .tag("detector", detector).tag("severity", severity)
                        .tag("mode", mode).tag("kind", update ? "update" : "new").register(registry))
                .increment();
    }

    /** A detector's finding folded into its open alert without a message (the cooldown held it back). */
    public void suppressed(String detector) {
        counter(FINDINGS_SUPPRESSED, "Detector findings that raised no message because an alert for the same "
                + "client and detector was open and had not doubled in magnitude", "detector", detector).increment();
    }

    public double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private double eventTimeLagSeconds(Clock clock) {
        long newest = newestEventTime.get();
        return newest == NO_EVENT_YET ? Double.NaN : (clock.millis() - newest) / 1000.0;
    }

    /** Called per record: looked up by name, then by the value as given, so no key is built each time. */
    private Counter counter(String name, String help, String tag, String value) {
        String given = value == null ? "none" : value;
        return tagged.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).computeIfAbsent(given,
                v -> Counter.builder(name).description(help).tag(tag, v.toLowerCase(Locale.ROOT)).register(registry));
    }
}
