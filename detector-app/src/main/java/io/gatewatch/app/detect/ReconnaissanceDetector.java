package io.gatewatch.app.detect;

import io.gatewatch.schema.detector.AttackTechnique;
import java.util.Set;
import io.gatewatch.schema.detector.OcsfAnalytic;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.Durations;
import io.gatewatch.app.config.ReconnaissanceConfig;
import io.gatewatch.app.config.ReconnaissanceConfig.Signal;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.sketch.RecentKeySet;
import io.gatewatch.models.window.RingCounter;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconnaissance from one client (see {@link ReconnaissanceConfig}): every distinct probed path earns
 * its signal's weight, each scanner-agent request its own, and a window fires when its points exceed
 * what it tolerates. Repeats of a path earn nothing, so a client retrying one missing file never adds up.
 *
 * <p>State: the distinct paths of the slow window as 24-bit fingerprints with their last-seen second
 * and signal (the fast window is the newest part of the same set), two scanner-agent counters, and a
 * few sample paths for the alert. About 5 bytes per path; one byte when idle.
 */
public final class ReconnaissanceDetector extends ConfiguredDetector<ReconnaissanceDetector.State, ReconnaissanceConfig> {
    // Path and ID enumeration against an API is wordlist scanning of the victim's own surface.
    public static final DetectorDescriptor<ReconnaissanceConfig> DESCRIPTOR = DetectorDescriptor.client(
            new DetectorInfo(ReconnaissanceConfig.ID,
                    "Reconnaissance", new AttackTechnique("TA0043", "Reconnaissance", "T1595", "Active Scanning",
                    "T1595.003", "Wordlist Scanning"),
                    OcsfAnalytic.RULE, List.of("web", "intrusion_detection"),
                    List.of("info"), "docs/detectors/" + ReconnaissanceConfig.ID + ".md"),
            new ConfigSection<>(ReconnaissanceConfig.ID, ReconnaissanceConfig.class, ReconnaissanceConfig::read, ReconnaissanceConfig.KEYS,
                    Set.of("fast_window", "slow_window")),
            new StateSection<>(2, 1, c -> List.of(c.fastWindow(), c.slowWindow())),
            ReconnaissanceDetector::new);
    /** Distinct paths kept per client: above the default thresholds, so they are reached before it fills. */
    static final int KEYS = 48;
    static final int SAMPLES = 5;
    static final int SAMPLE_CHARS = 100;
    static final int SAMPLE_TOTAL_CHARS = 160;
    static final int BUCKETS = 12;
    private static final int NOT_FOUND_BIT = 1;

    private final ReconnaissanceMatcher matcher;
    private final long fastSeconds;
    private final long slowSeconds;

    public ReconnaissanceDetector(ReconnaissanceConfig config) {
        super(DESCRIPTOR, config);
        this.matcher = new ReconnaissanceMatcher(config, config.rules());
        this.fastSeconds = config.fastWindow().toSeconds();
        this.slowSeconds = config.slowWindow().toSeconds();
    }

    record Sample(int key, boolean probe, String text) {
    }

    public static final class State implements Section {
        final RecentKeySet paths = new RecentKeySet(KEYS);
        RingCounter fastAgents;
        RingCounter slowAgents;
        /** Event time (ms) of the last scanner-agent request still in the slow window; 0 when none. */
        long lastAgent;
        String agent;
        final List<Sample> samples = new ArrayList<>(SAMPLES);

        State(Duration fast, Duration slow) {
            fastAgents = new RingCounter(fast.toMillis(), BUCKETS);
            slowAgents = new RingCounter(slow.toMillis(), BUCKETS);
        }

        @Override
        public void writeTo(ByteWriter out) {
            int flags = (paths.isEmpty() ? 0 : 1) | (lastAgent == 0 ? 0 : 2) | (samples.isEmpty() ? 0 : 4);
            out.writeByte(flags);
            if (!paths.isEmpty()) {
                paths.writeTo(out);
            }
            if (lastAgent != 0) {
                out.writeVarLong(lastAgent);
                fastAgents.writeTo(out);
                slowAgents.writeTo(out);
                out.writeString(agent);
            }
            if (!samples.isEmpty()) {
                out.writeVarInt(samples.size());
                for (Sample s : samples) {
                    out.writeVarInt(RecentKeySet.fingerprint(s.key()) << 1 | (s.probe() ? 1 : 0));
                    out.writeString(s.text());
                }
            }
        }
    }

    ReconnaissanceMatcher matcher() {
        return matcher;
    }

    @Override
    public State newSection() {
        return new State(config.fastWindow(), config.slowWindow());
    }

    @Override
    public State readSection(ByteReader in) {
        State s = newSection();
        int flags = in.readByte();
        if ((flags & 1) != 0) {
            s.paths.readFrom(in);
        }
        if ((flags & 2) != 0) {
            s.lastAgent = in.readVarLong();
            s.fastAgents.readFrom(in);
            s.slowAgents.readFrom(in);
            s.agent = in.readString();
        }
        if ((flags & 4) != 0) {
            int n = in.readVarInt();
            for (int i = 0; i < n; i++) {
                int packed = in.readVarInt();
                String text = in.readString();
                if (s.samples.size() < SAMPLES) {
                    s.samples.add(new Sample(packed >>> 1, (packed & 1) != 0, text));
                }
            }
        }
        return s;
    }

    @Override
    public Finding observe(State s, ApiEvent e, EventFacts f) {
        long ts = f.ts();
        long second = Math.floorDiv(ts, 1000);
        expire(s, ts, second);
        ReconnaissanceMatcher.Verdict v = matcher.classify(e);
        if (v.isEmpty()) {
            return null;
        }
        boolean grew = false;
        String path = e.path() == null ? "" : e.path();
        if (v.notFound() || v.pathProbe() != null) {
            grew |= remember(s, RecentKeySet.hash(path), second, v.pathProbe(), v.notFound(), path);
        }
        if (v.extraProbe() != null) {
            grew |= remember(s, RecentKeySet.hash(v.extraKey()), second, v.extraProbe(), false, v.extraShown());
        }
        if (v.agent() != null) {
            s.fastAgents.add(ts, 1);
            s.slowAgents.add(ts, 1);
            s.lastAgent = Math.max(s.lastAgent, ts);
            s.agent = v.agent();
            grew = true;
        }
        return grew ? evaluate(s, ts, second, f.key()) : null;
    }

    private void expire(State s, long ts, long second) {
        s.paths.expireBefore(second - slowSeconds + 1);
        if (!s.samples.isEmpty()) {
            s.samples.removeIf(sample -> s.paths.indexOf(sample.key()) < 0);
        }
        if (s.lastAgent != 0 && ts - s.lastAgent >= config.slowWindow().toMillis()) {
            s.lastAgent = 0;
            s.agent = null;
            s.fastAgents = new RingCounter(config.fastWindow().toMillis(), BUCKETS);
            s.slowAgents = new RingCounter(config.slowWindow().toMillis(), BUCKETS);
        }
    }

    /** Adds what this key newly shows; true when that earned points (a new key, or a signal it lacked). */
    private static boolean remember(State s, int key, long second, Signal probe, boolean notFound, String shown) {
        int old = s.paths.tagOf(key);
        int oldKind = old < 0 ? 0 : old >> 1;
        int kind = oldKind != 0 ? oldKind : probe == null ? 0 : probe.code();
        int tag = kind << 1 | (notFound || (old > 0 && (old & NOT_FOUND_BIT) != 0) ? NOT_FOUND_BIT : 0);
        s.paths.put(key, second, tag);
        if (tag == old) {
            return false;
        }
        if (old < 0 || (oldKind == 0 && kind != 0)) {
            sample(s, key, kind != 0, shown);
        }
        return true;
    }

    /** Keeps a few examples, probes before plain not-found paths, bounded in count and characters. */
    private static void sample(State s, int key, boolean probe, String shown) {
        String text = shown.length() > SAMPLE_CHARS ? shown.substring(0, SAMPLE_CHARS - 1) + "…" : shown;
        int fp = RecentKeySet.fingerprint(key);
        s.samples.removeIf(x -> x.key() == fp);
        int used = s.samples.stream().mapToInt(x -> x.text().length()).sum();
        if (s.samples.size() >= SAMPLES || used + text.length() > SAMPLE_TOTAL_CHARS) {
            if (!probe) {
                return;
            }
            int plain = -1;
            for (int i = 0; i < s.samples.size(); i++) {
                if (!s.samples.get(i).probe()) {
                    plain = i;
                }
            }
            if (plain < 0 || used - s.samples.get(plain).text().length() + text.length() > SAMPLE_TOTAL_CHARS) {
                return;
            }
            s.samples.remove(plain);
        }
        s.samples.add(new Sample(fp, probe, text));
    }

    /** The counts of one window, ending now. */
    private record Tally(String name, Duration length, int maxPoints, int minProbes, int notFound, int probes,
            int[] byKind, long agents, long points, long oldestSecond) {

        double ratio() {
            return (double) points / (maxPoints + 1);
        }

        boolean fires() {
            return points > maxPoints && (minProbes == 0 || probes >= minProbes || agents > 0);
        }
    }

    private Tally tally(State s, String name, Duration length, long windowSeconds, int maxPoints, int minProbes,
            long second, long agents) {
        int notFound = 0;
        int probes = 0;
        int[] byKind = new int[16];
        long oldest = second;
        for (int i = 0; i < s.paths.size(); i++) {
            if (s.paths.second(i) <= second - windowSeconds) {
                continue;
            }
            int tag = s.paths.tag(i);
            notFound += tag & NOT_FOUND_BIT;
            int kind = tag >> 1;
            if (kind != 0) {
                probes++;
                byKind[kind]++;
            }
            oldest = Math.min(oldest, s.paths.second(i));
        }
        long points = (long) notFound * config.weight(Signal.NOT_FOUND) + agents * config.weight(Signal.SCANNER_AGENT);
        for (int k = 1; k < byKind.length; k++) {
            Signal signal = Signal.byCode(k);
            if (byKind[k] > 0 && signal != null) {
                points += (long) byKind[k] * config.weight(signal);
            }
        }
        return new Tally(name, length, maxPoints, minProbes, notFound, probes, byKind, agents, points, oldest);
    }

    private Finding evaluate(State s, long ts, long second, String key) {
        Tally fast = tally(s, "fast", config.fastWindow(), fastSeconds, config.fastMaxPoints(), 0, second,
                s.fastAgents.sum(ts));
        Tally slow = tally(s, "slow", config.slowWindow(), slowSeconds, config.slowMaxPoints(), config.slowMinProbes(),
                second, s.slowAgents.sum(ts));
        Tally t = fast.fires() && (!slow.fires() || fast.ratio() >= slow.ratio()) ? fast : slow.fires() ? slow : null;
        if (t == null) {
            return null;
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("window", t.name());
        evidence.put("window_length", Durations.format(t.length()));
        evidence.put("points", t.points());
        evidence.put("max_points", t.maxPoints());
        evidence.put("crossed", t.name() + "_max_points");
        if (t.minProbes() > 0) {
            evidence.put("min_probes", t.minProbes());
        }
        evidence.put("not_found_paths", t.notFound());
        evidence.put("probes", t.probes());
        Map<String, Object> kinds = new LinkedHashMap<>();
        Map<String, Object> pointsBy = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        for (int k = 1; k < t.byKind().length; k++) {
            Signal signal = Signal.byCode(k);
            int n = t.byKind()[k];
            if (n > 0 && signal != null) {
                kinds.put(signal.key(), n);
                pointsBy.put(signal.key(), (long) n * config.weight(signal));
                parts.add(n + " " + signal.label() + (n == 1 ? "" : "s"));
            }
        }
        if (t.notFound() > 0) {
            pointsBy.put(Signal.NOT_FOUND.key(), (long) t.notFound() * config.weight(Signal.NOT_FOUND));
            parts.add(t.notFound() + " " + Signal.NOT_FOUND.label() + (t.notFound() == 1 ? "" : "s"));
        }
        evidence.put("probe_kinds", kinds);
        evidence.put("scanner_requests", t.agents());
        if (t.agents() > 0) {
            pointsBy.put(Signal.SCANNER_AGENT.key(), t.agents() * config.weight(Signal.SCANNER_AGENT));
            evidence.put("scanner_agent", s.agent);
            parts.add(t.agents() + " request" + (t.agents() == 1 ? "" : "s") + " as scanner '" + s.agent + "'");
        }
        evidence.put("points_by_signal", pointsBy);
        List<String> samples = new ArrayList<>();
        s.samples.stream().filter(Sample::probe).forEach(x -> samples.add(x.text()));
        s.samples.stream().filter(x -> !x.probe()).forEach(x -> samples.add(x.text()));
        evidence.put("sample_paths", samples);

        String summary = String.format("%s is probing for weaknesses: %s within %s (%d points, %d tolerated)%s."
                        + " Block it at the edge and check whether any probe was answered with a 2xx.",
                key, String.join(", ", parts), Durations.format(t.length()), t.points(), t.maxPoints(),
                samples.isEmpty() ? "" : ", e.g. " + String.join(", ", samples.subList(0, Math.min(3, samples.size()))));
        double ratio = t.ratio();
        Alert.Severity configured = config.settings().severity();
        Alert.Severity severity = ratio >= 4 && configured != Alert.Severity.CRITICAL
                ? Alert.Severity.values()[configured.ordinal() + 1]
                : configured;
        double score = Math.min(1.0, 0.5 + 0.5 * (ratio - 1) / 3);
        return new Finding(t.oldestSecond() * 1000, t.notFound() + t.probes() + t.agents(), score, severity, null, null,
                summary, evidence, List.of());
    }
}
