package io.gatewatch.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The pipeline's own counters. Tags are bounded (format, stage, detector, severity, mode): never a
 * client IP, key or user.
 */
public final class GatewatchMetrics {
    private final MeterRegistry registry;
    private final Counter rawRecords;
    private final Counter lateEvents;
    private final Counter detected;
    private final Counter corruptProfiles;
    private final Counter expiredProfiles;
    private final ConcurrentMap<String, Counter> cache = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, Counter>> tagged = new ConcurrentHashMap<>();

    public GatewatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rawRecords = registry.counter("gatewatch.raw.records");
        this.lateEvents = registry.counter("gatewatch.events.late");
        this.detected = registry.counter("gatewatch.events.detected");
        this.corruptProfiles = registry.counter("gatewatch.profiles.corrupt");
        this.expiredProfiles = registry.counter("gatewatch.profiles.expired");
    }

    public static GatewatchMetrics inMemory() {
        return new GatewatchMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void rawRecord() {
        rawRecords.increment();
    }

    public void parsed(String format, int events) {
        counter("gatewatch.events.parsed", "format", format).increment(events);
    }

    public void deadLettered(String stage) {
        counter("gatewatch.dlq.records", "stage", stage).increment();
    }

    /** An events-topic record reached the detect stage (detected, late or dead-lettered). */
    public void detectStage() {
        detected.increment();
    }

    public void late() {
        lateEvents.increment();
    }

    public void corruptProfile() {
        corruptProfiles.increment();
    }

    /** A stored detector section dropped because the config reshaped it: that detector relearns for that key. */
    public void sectionReset(String detector) {
        counter("gatewatch.profiles.section.resets", "detector", detector).increment();
    }

    public void expired(int n) {
        expiredProfiles.increment(n);
    }

    public void alert(String detector, String severity, String mode, boolean update) {
        cache.computeIfAbsent("alert|" + detector + '|' + severity + '|' + mode + '|' + update,
                k -> Counter.builder("gatewatch.alerts").tag("detector", detector).tag("severity", severity)
                        .tag("mode", mode).tag("kind", update ? "update" : "new").register(registry))
                .increment();
    }

    public double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Called per record: looked up by name, then by the value as given, so no key is built each time. */
    private Counter counter(String name, String tag, String value) {
        String given = value == null ? "none" : value;
        return tagged.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).computeIfAbsent(given,
                v -> registry.counter(name, tag, v.toLowerCase(Locale.ROOT)));
    }
}
