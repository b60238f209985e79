package io.gatewatch.app.detect;

import io.gatewatch.app.config.Durations;
import io.gatewatch.models.baseline.Ewma;
import io.gatewatch.schema.Timestamps;
import io.gatewatch.models.window.RingCounter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client profile as the query API shows it: identities, and per detector its alert track and the
 * numbers it judges by (window counts, baselines), read at the profile's own last-seen event time so a
 * replayed profile reads as it did live. Read-only; one switch over the section types, here alone.
 */
public final class ProfileView {
    private final List<Detector<?>> detectors;

    public ProfileView(List<Detector<?>> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    /** The profile's JSON view (maps, lists, numbers and text), keyed as {@code /clients/{key}} serves it. */
    public Map<String, Object> describe(String key, ClientProfile p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", key);
        out.put("ip", p.ip);
        out.put("api_key_hash", p.apiKeyHash);
        out.put("user", p.user);
        out.put("first_seen", instant(p.firstSeen));
        out.put("last_seen", instant(p.lastSeen));
        Map<String, Object> sections = new LinkedHashMap<>();
        for (int i = 0; i < detectors.size(); i++) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("alert", track(p.tracks[i]));
            d.put("state", section(p.sections[i], p.lastSeen));
            sections.put(detectors.get(i).id(), d);
        }
        out.put("detectors", sections);
        return out;
    }

    private static Map<String, Object> track(AlertTrack t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active", t.isActive());
        if (t.isActive()) {
            m.put("first_seen", instant(t.firstSeen));
            m.put("last_finding", instant(t.lastFinding));
            m.put("revision", t.revision);
            m.put("reported_magnitude", t.reportedMagnitude);
        }
        return m;
    }

    private static Map<String, Object> section(Section s, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (s) {
            case CredentialStuffingDetector.State cs -> {
                List<Map<String, Object>> windows = new ArrayList<>();
                for (int i = 0; i < cs.attempts.length; i++) {
                    Map<String, Object> w = new LinkedHashMap<>();
                    w.put("window", window(cs.attempts[i]));
                    w.put("attempts", cs.attempts[i].sum(now));
                    w.put("failures", cs.failures[i].sum(now));
                    windows.add(w);
                }
                m.put("windows", windows);
                m.put("run_start", instant(cs.runStart));
                m.put("last_attempt", instant(cs.lastAttempt));
            }
            case ReconnaissanceDetector.State rc -> {
                m.put("recent_paths", rc.paths.size());
                m.put("scanner_agent", rc.agent);
                m.put("scanner_requests_fast_window", rc.fastAgents.sum(now));
                m.put("scanner_requests_slow_window", rc.slowAgents.sum(now));
                m.put("samples", rc.samples.stream().map(x -> Map.of("path", String.valueOf(x.text()), "probe", x.probe())).toList());
            }
            case TrafficSpikeDetector.State ts -> {
                m.put("interval", Durations.format(Duration.ofMillis(ts.rate.intervalMs())));
                m.put("current_interval_start", instant(ts.rate.currentStart()));
                m.put("current_count", ts.rate.currentCount());
                m.put("baseline", baseline(ts.rate.baseline()));
            }
            case DataHarvestingDetector.State dh -> {
                long slots = java.util.Arrays.stream(dh.slots).filter(java.util.Objects::nonNull).count();
                m.put("routes_tracked", slots);
                m.put("distinct_objects", dh.objects.estimate(now));
                m.put("volume_kb", dh.volumeKb.sum(now));
                m.put("user_agents", dh.agentCount);
            }
            case AnomalyDetector.State an -> {
                for (io.gatewatch.models.behaviour.Scale sc : io.gatewatch.models.behaviour.Scale.values()) {
                    m.put("requests_" + sc.tag(), an.requests(sc));
                }
            }
            default -> m.put("type", s.getClass().getSimpleName());
        }
        return m;
    }

    private static Map<String, Object> baseline(Ewma b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", b.samples());
        m.put("mean", round(b.mean()));
        m.put("stddev", round(b.stddev()));
        return m;
    }

    /** A ring's span rounds its buckets up a little (5s in 12 buckets is 5004ms): shown to the second. */
    private static String window(RingCounter c) {
        long ms = c.windowMs();
        return Durations.format(Duration.ofMillis(ms < 1000 ? ms : Math.round(ms / 1000.0) * 1000));
    }

    private static String instant(long ms) {
        return ms == 0 ? null : Timestamps.format(Instant.ofEpochMilli(ms));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
