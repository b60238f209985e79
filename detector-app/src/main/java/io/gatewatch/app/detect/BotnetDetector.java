package io.gatewatch.app.detect;

import io.gatewatch.app.config.CredentialStuffingConfig;
import io.gatewatch.app.config.Durations;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.window.RingCounter;
import io.gatewatch.schema.Alert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Credential stuffing spread over a botnet, seen at one login route: every address stays under the
 * per-client thresholds, but the route's failed logins surge above its own learned normal, at a high
 * failure ratio, from many addresses. Pure: (state, tally, config) in, finding out.
 */
public final class BotnetDetector implements RouteDetector<BotnetDetector.State> {
    /** Its section's tag in a route's profile. */
    static final int ROUTE_TAG = 1;
    static final int BUCKETS = 12;
    static final int MAX_SOURCES = 256;
    private static final double ALPHA = 0.05;
    /** Minutes of history before the learned normal may raise the threshold above min_failures. */
    static final int MIN_HISTORY_MINUTES = 30;
    private final CredentialStuffingConfig config;
    private final CredentialStuffingConfig.Botnet botnet;

    public BotnetDetector(CredentialStuffingConfig config) {
        this.config = config;
        this.botnet = config.botnet();
    }

    @Override
    public DetectorDescriptor<?> descriptor() {
        return CredentialStuffingDetector.DESCRIPTOR;
    }

    @Override
    public int routeTag() {
        return ROUTE_TAG;
    }

    @Override
    public int fingerprint() {
        // its own shape, apart from the client section's: only the botnet window sizes its counters
        return new StateSection<CredentialStuffingConfig>(ROUTE_TAG, descriptor().state().version(),
                c -> java.util.List.of(c.botnet().window())).fingerprint(config);
    }

    @Override
    public io.gatewatch.app.config.DetectorSettings settings() {
        return config.settings();
    }

    /** Its own block's failure statuses: the route tallies count what it counts per client. */
    @Override
    public java.util.Set<Integer> loginFailureStatuses() {
        return java.util.Set.copyOf(config.failureStatuses());
    }

    /** Login routes only: a surge of failed logins is what it looks for. */
    @Override
    public boolean watches(String route, boolean loginRoute) {
        return loginRoute;
    }

    /** A login route's state: window counters, failing sources, and the learned failures per minute. */
    public static final class State implements Section {
        final RingCounter attempts;
        final RingCounter failures;
        /** ip -> {failures, last seen ms, successes}; bounded, least recent evicted. */
        final Map<String, long[]> sources = new HashMap<>();
        long minute;
        int minuteFailures;
        double baselinePerMinute;
        int minutesLearned;
        long runStart;

        State(long windowMs) {
            attempts = new RingCounter(windowMs, BUCKETS);
            failures = new RingCounter(windowMs, BUCKETS);
        }

        @Override
        public void writeTo(ByteWriter out) {
            attempts.writeTo(out);
            failures.writeTo(out);
            out.writeVarLong(minute);
            out.writeVarInt(minuteFailures);
            out.writeDouble(baselinePerMinute);
            out.writeVarInt(minutesLearned);
            out.writeVarLong(runStart);
            out.writeVarInt(sources.size());
            sources.forEach((ip, v) -> {
                out.writeString(ip);
                out.writeVarLong(v[0]);
                out.writeVarLong(v[1]);
                out.writeVarLong(v[2]);
            });
        }
    }

    @Override
    public State newSection() {
        return new State(botnet.window().toMillis());
    }

    @Override
    public State readSection(ByteReader in) {
        State s = newSection();
        s.attempts.readFrom(in);
        s.failures.readFrom(in);
        s.minute = in.readVarLong();
        s.minuteFailures = in.readVarInt();
        s.baselinePerMinute = in.readDouble();
        s.minutesLearned = in.readVarInt();
        s.runStart = in.readVarLong();
        int n = in.readVarInt();
        for (int i = 0; i < n; i++) {
            s.sources.put(in.readString(), new long[] {in.readVarLong(), in.readVarLong(), in.readVarLong()});
        }
        return s;
    }

    /** Folds one tally of a login route into the state; a finding when the surge is there. */
    @Override
    public Finding observe(State s, RouteTally t, boolean alertOpen) {
        long ts = t.second() * 1000;
        learn(s, t, alertOpen);
        if (t.loginAttempts() == 0 && t.loginFailures() == 0) {
            return null;
        }
        s.attempts.add(ts, t.loginAttempts());
        s.failures.add(ts, t.loginFailures());
        long windowMs = botnet.window().toMillis();
        t.failuresByIp().forEach((ip, n) -> {
            long[] v = s.sources.computeIfAbsent(ip, k -> new long[3]);
            if (v[1] < ts - windowMs) {
                v[0] = 0;
                v[2] = 0;
            }
            v[0] += n;
            v[1] = ts;
        });
        for (String ip : t.succeededIps()) {
            long[] v = s.sources.get(ip);
            if (v != null) {
                v[2]++;
                v[1] = ts;
            }
        }
        evict(s, ts - windowMs);
        long failures = s.failures.sum(ts);
        long attempts = Math.max(s.attempts.sum(ts), failures);
        if (failures == 0) {
            s.runStart = 0;
            return null;
        }
        if (s.runStart == 0) {
            s.runStart = ts;
        }
        double windowMinutes = windowMs / 60_000.0;
        double normal = s.minutesLearned >= MIN_HISTORY_MINUTES ? s.baselinePerMinute * windowMinutes : 0;
        double threshold = Math.max(botnet.minFailures(), botnet.baselineFactor() * normal);
        double ratio = (double) failures / attempts;
        // addresses that failed and never got in: people who mistype and then succeed are not a botnet
        int sources = (int) s.sources.values().stream().filter(v -> v[2] == 0).count();
        if (failures <= threshold || ratio < botnet.minFailureRatio() || sources < botnet.minSources()) {
            return null;
        }
        List<String> top = new ArrayList<>(s.sources.keySet().stream().filter(ip -> s.sources.get(ip)[2] == 0).toList());
        top.sort(Comparator.comparingLong((String ip) -> -s.sources.get(ip)[0]).thenComparing(ip -> ip));
        List<String> topSources = top.subList(0, Math.min(10, top.size()));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("window_length", Durations.format(botnet.window()));
        evidence.put("failures", failures);
        evidence.put("failure_threshold", Math.round(threshold));
        evidence.put("min_failures", botnet.minFailures());
        evidence.put("baseline_failures_per_window", Math.round(normal * 10) / 10.0);
        evidence.put("baseline_factor", botnet.baselineFactor());
        evidence.put("attempts", attempts);
        evidence.put("failure_ratio", Math.round(1000.0 * ratio) / 1000.0);
        evidence.put("min_failure_ratio", botnet.minFailureRatio());
        evidence.put("failing_sources", sources >= MAX_SOURCES ? MAX_SOURCES + "+" : sources);
        evidence.put("sources_that_also_logged_in", s.sources.size() - sources);
        evidence.put("min_sources", botnet.minSources());
        evidence.put("max_failures_per_source", s.sources.get(top.getFirst())[0]);
        String summary = String.format("%d failed logins on %s within %s from %s%d addresses that never got in (%.0f%% failing, normal"
                        + " is about %.0f); a distributed credential-stuffing run: challenge logins on this route and"
                        + " block the listed sources.", failures, t.route(), Durations.format(botnet.window()),
                sources >= MAX_SOURCES ? "at least " : "", sources, 100 * ratio, normal);
        double over = failures / threshold;
        double score = Math.min(1.0, 0.5 + 0.5 * (over - 1) / 4);
        Alert.Severity severity = over >= 5 ? Alert.Severity.CRITICAL : config.settings().severity();
        return new Finding(s.runStart, failures, score, severity, t.route(), "POST", summary, evidence, topSources);
    }

    /** The route's normal failures per minute, learned from minutes without an alert open. */
    private void learn(State s, RouteTally t, boolean alertOpen) {
        long minute = Math.floorDiv(t.second(), 60);
        if (s.minute == 0) {
            s.minute = minute;
        }
        if (minute > s.minute) {
            if (!alertOpen) {
                // a plain mean while history is short, then an exponentially weighted one
                double a = s.minutesLearned < MIN_HISTORY_MINUTES ? 1.0 / (s.minutesLearned + 1) : ALPHA;
                // An attack must not teach the baseline that it is normal while it ramps up below the
                // threshold: a minute counts for at most twice the normal (or the floor's rate).
                double floorPerMinute = botnet.minFailures() / (botnet.window().toMillis() / 60_000.0);
                double learned = Math.min(s.minuteFailures, Math.max(2 * s.baselinePerMinute, floorPerMinute));
                s.baselinePerMinute = (1 - a) * s.baselinePerMinute + a * learned;
                // quiet minutes in between count as zeros
                long gap = Math.min(minute - s.minute - 1, 10_000);
                s.baselinePerMinute *= Math.pow(1 - ALPHA, gap);
                s.minutesLearned++;
            }
            s.minute = minute;
            s.minuteFailures = 0;
        }
        s.minuteFailures += t.loginFailures();
    }

    private static void evict(State s, long cutoff) {
        s.sources.values().removeIf(v -> v[1] < cutoff);
        while (s.sources.size() > MAX_SOURCES) {
            String oldest = null;
            long oldestTs = Long.MAX_VALUE;
            for (var e : s.sources.entrySet()) {
                if (e.getValue()[1] < oldestTs || (e.getValue()[1] == oldestTs && e.getValue()[0] < s.sources.get(oldest)[0])) {
                    oldest = e.getKey();
                    oldestTs = e.getValue()[1];
                }
            }
            s.sources.remove(oldest);
        }
    }
}
