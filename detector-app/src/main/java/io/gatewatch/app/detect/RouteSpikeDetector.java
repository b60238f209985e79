package io.gatewatch.app.detect;

import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.app.config.Durations;
import io.gatewatch.app.config.RouteSpikeConfig;
import io.gatewatch.models.baseline.Ewma;
import io.gatewatch.models.baseline.SeasonalBaseline;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.sketch.HeavyHitters;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.detector.AttackTechnique;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.schema.detector.OcsfAnalytic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A layer-7 flood of one route: the route's rate against its own seasonal baseline, with a floor, where
 * the excess is carried by many extra sources each at a machine's pace on this route. Per-client limits
 * miss it (every bot stays under them); a crowd of people (a flash sale, a campaign) raises the rate as
 * much but each person adds a few requests a minute, so the excess per extra source tells them apart.
 * Pure: (the route's section, one tally, the config) in, a finding out.
 */
public final class RouteSpikeDetector implements RouteDetector<RouteSpikeDetector.State> {
    // An HTTP flood aimed at one feature of the application (search, a product page) exhausts it, not the link.
    public static final DetectorDescriptor<RouteSpikeConfig> DESCRIPTOR = DetectorDescriptor.route(
            new DetectorInfo(RouteSpikeConfig.ID, "Route spike",
                    new AttackTechnique("TA0040", "Impact", "T1499", "Endpoint Denial of Service", "T1499.003",
                            "Application Exhaustion Flood"),
                    OcsfAnalytic.STATISTICAL, List.of("web", "intrusion_detection"), List.of("info"),
                    "docs/detectors/" + RouteSpikeConfig.ID + ".md"),
            new ConfigSection<>(RouteSpikeConfig.ID, RouteSpikeConfig.class, RouteSpikeConfig::read, RouteSpikeConfig.KEYS,
                    Set.of("window", "heavy_hitters")),
            new StateSection<>(20, 1, c -> List.of(c.window(), c.heavyHitters())),
            RouteSpikeDetector::new);
    /** Methods tracked apart per route; any further method is counted under {@link #OTHER_METHODS}. */
    static final int MAX_METHODS = 4;
    static final String OTHER_METHODS = "*";
    /** Minutes of silence filled in as zeros at most (a week): a route idle for longer starts from that. */
    private static final long MAX_GAP_MINUTES = 7 * 24 * 60;
    /** The most of the excess that the heaviest quarter of min_sources may carry for it to be distributed. */
    static final double MAX_CONCENTRATION = 0.5;
    private final RouteSpikeConfig config;
    private final long windowMs;
    private final double windowSeconds;
    private final double minuteAlpha;
    private final long minHistory;
    private final long slotMinHistory;

    public RouteSpikeDetector(RouteSpikeConfig config) {
        this.config = config;
        this.windowMs = config.window().toMillis();
        this.windowSeconds = windowMs / 1000.0;
        this.minuteAlpha = Ewma.alphaForHalfLife(RouteSpikeConfig.minutes(config.halfLife()));
        this.minHistory = config.minHistory().toMinutes();
        this.slotMinHistory = RouteSpikeConfig.minutes(config.slotMinHistory());
    }

    /** A route's traffic per method (at most {@link #MAX_METHODS}). */
    public static final class State implements Section {
        final Map<String, RouteTraffic> methods = new LinkedHashMap<>();

        @Override
        public void writeTo(ByteWriter out) {
            out.writeVarInt(methods.size());
            methods.forEach((method, traffic) -> {
                out.writeString(method);
                traffic.writeTo(out);
            });
        }
    }

    @Override
    public DetectorDescriptor<?> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public int routeTag() {
        return DESCRIPTOR.state().tag();
    }

    @Override
    public int fingerprint() {
        return DESCRIPTOR.state().fingerprint(config);
    }

    @Override
    public DetectorSettings settings() {
        return config.settings();
    }

    /** Every route: a flood can aim at any of them. */
    @Override
    public boolean watches(String route, boolean loginRoute) {
        return true;
    }

    @Override
    public Duration newClientWindow() {
        return config.newClientWindow();
    }

    @Override
    public State newSection() {
        return new State();
    }

    @Override
    public State readSection(ByteReader in) {
        State s = new State();
        int n = in.readVarInt();
        if (n < 0 || n > MAX_METHODS + 1) {
            throw new io.gatewatch.models.codec.CorruptDataException("route spike state with " + n + " methods");
        }
        for (int i = 0; i < n; i++) {
            String method = in.readString();
            s.methods.put(method, newTraffic().readFrom(in));
        }
        return s;
    }

    private RouteTraffic newTraffic() {
        return new RouteTraffic(windowMs, config.heavyHitters(), minuteAlpha);
    }

    @Override
    public Finding observe(State s, RouteTally t, boolean alertOpen) {
        String method = t.method() == null || t.method().isEmpty() ? OTHER_METHODS : t.method();
        RouteTraffic r = s.methods.get(method);
        if (r == null) {
            method = s.methods.size() < MAX_METHODS ? method : OTHER_METHODS;
            r = s.methods.computeIfAbsent(method, m -> newTraffic());
        }
        learn(r, t, alertOpen);
        r.count(t);
        r.minuteRequests += t.requests();
        return judge(r, t, method);
    }

    /**
     * Learns each finished minute into the baselines, unless an alert is open or the minute was far above
     * normal: an attack in progress must not teach the route that it is normal. Until the route has a
     * baseline, a minute is learnt at most at the floor's rate, so a flood on a new route is not learnt either.
     */
    private void learn(RouteTraffic r, RouteTally t, boolean alertOpen) {
        long minute = Math.floorDiv(t.second(), 60);
        if (r.minute == 0) {
            r.minute = minute;
            return;
        }
        if (minute <= r.minute) {
            return;
        }
        long finished = r.minute;
        SeasonalBaseline.Expected expected = r.perMinute.expected(finished, minHistory, slotMinHistory);
        double floorPerMinute = config.minRate() * 60;
        boolean farAbove = r.minuteRequests > floorPerMinute
                && (expected.source() == SeasonalBaseline.Source.NONE || r.minuteRequests > config.ratio() * expected.value());
        if (alertOpen || (farAbove && expected.source() != SeasonalBaseline.Source.NONE)) {
            r.frozenMinutes++;
        } else {
            r.perMinute.learn(finished, Math.min(r.minuteRequests, farAbove ? floorPerMinute : Double.MAX_VALUE));
            r.sourcesPerWindow.add(r.sources.estimate((finished + 1) * 60_000 - 1));
            if (!farAbove) {
                r.rememberUsualHeavy((finished + 1) * 60_000 - 1);
            }
            if (!alertOpen) {
                // the silent minutes in between are minutes of no traffic, at their own hour of the week
                long gap = Math.min(minute - finished - 1, MAX_GAP_MINUTES);
                for (long m = minute - gap; m < minute; m++) {
                    r.perMinute.learn(m, 0);
                }
                r.sourcesPerWindow.addZeros(Math.max(0, gap - windowMs / 60_000));
            }
        }
        r.minute = minute;
        r.minuteRequests = 0;
    }

    private Finding judge(RouteTraffic r, RouteTally t, String method) {
        long now = t.second() * 1000;
        long requests = r.requests.sum(now);
        double rate = requests / windowSeconds;
        if (rate <= config.minRate()) {
            r.runStart = 0;
            return null;
        }
        SeasonalBaseline.Expected expected = r.perMinute.expected(Math.floorDiv(t.second(), 60), minHistory, slotMinHistory);
        double normalRate = expected.value() / 60;
        double threshold = Math.max(config.minRate(), config.ratio() * normalRate);
        if (rate <= threshold) {
            r.runStart = 0;
            return null;
        }
        long sources = r.sources.estimate(now);
        double usualSources = r.sourcesPerWindow.samples() >= minHistory ? r.sourcesPerWindow.mean() : 0;
        double extraSources = sources - usualSources;
        double excess = requests - normalRate * windowSeconds;
        double perSource = extraSources <= 0 ? Double.POSITIVE_INFINITY : excess / extraSources / windowSeconds;
        if (extraSources < config.minSources() || perSource < config.minSourceRate()) {
            return null;
        }
        // Extra people at the route's usual pace can stand beside one flooding address: the excess must not
        // rest on a few sources (that is a per-client spike, traffic_spike's), so its heaviest quarter of
        // min_sources may carry at most half of it.
        double concentration = topShare(r, now, excess);
        if (concentration > MAX_CONCENTRATION) {
            return null;
        }
        if (r.runStart == 0) {
            r.runStart = now;
        }
        return finding(r, t, method, now, requests, rate, threshold, expected, sources, usualSources, perSource,
                concentration);
    }

    /** The share of the excess that the heaviest {@code min_sources / 4} sources carry (by upper estimates). */
    private double topShare(RouteTraffic r, long now, double excess) {
        int k = Math.max(1, config.minSources() / 4);
        long heaviest = 0;
        for (HeavyHitters.Item i : r.heavy.top(now, k)) {
            heaviest += i.estimate();
        }
        return excess <= 0 ? 1.0 : Math.min(1.0, heaviest / excess);
    }

    private Finding finding(RouteTraffic r, RouteTally t, String method, long now, long requests, double rate,
            double threshold, SeasonalBaseline.Expected expected, long sources, double usualSources, double perSource,
            double concentration) {
        // the sources carrying the excess: the heaviest now, less the route's usual heavy talkers
        List<RouteTraffic.Source> top = r.heaviest(now, config.topSources() + r.usualHeavy.size()).stream()
                .filter(i -> !r.usualHeavy.contains(i.ip())).limit(config.topSources()).toList();
        long topRequests = top.stream().mapToLong(RouteTraffic.Source::count).sum();
        long newRequests = r.newRequests.sum(now);
        long newSources = r.newSources.estimate(now);
        double newShare = sources == 0 ? 0 : Math.min(1.0, (double) newSources / sources);
        Map<String, Object> evidence = new LinkedHashMap<>();
        String window = Durations.format(config.window());
        evidence.put("window", window);
        evidence.put("requests_in_window", requests);
        evidence.put("rate_per_s", round(rate));
        evidence.put("threshold_per_s", round(threshold));
        evidence.put("crossed", threshold > config.minRate() ? "ratio" : "min_rate");
        evidence.put("baseline_per_s", round(expected.value() / 60));
        evidence.put("baseline_from", expected.source().name().toLowerCase(Locale.ROOT));
        evidence.put("ratio", config.ratio());
        evidence.put("min_rate", config.minRate());
        evidence.put("distinct_sources", sources);
        evidence.put("usual_sources", Math.round(usualSources));
        evidence.put("min_sources", config.minSources());
        evidence.put("excess_rate_per_extra_source", round(perSource));
        evidence.put("min_source_rate", config.minSourceRate());
        evidence.put("excess_share_of_heaviest", round(concentration));
        evidence.put("heaviest_counted", Math.max(1, config.minSources() / 4));
        evidence.put("new_client_share", round(newShare));
        evidence.put("new_client_request_share", round(requests == 0 ? 0 : (double) newRequests / requests));
        evidence.put("client_error_rate", round(requests == 0 ? 0 : (double) r.clientErrors.sum(now) / requests));
        evidence.put("server_error_rate", round(requests == 0 ? 0 : (double) r.serverErrors.sum(now) / requests));
        evidence.put("mean_latency_ms", round(requests == 0 ? 0 : (double) r.latencyMs.sum(now) / requests));
        List<String> topCounts = new ArrayList<>();
        for (RouteTraffic.Source i : top) {
            topCounts.add(i.ip() + " " + i.count());
        }
        evidence.put("top_sources", topCounts);
        evidence.put("top_sources_share", round(requests == 0 ? 0 : Math.min(1.0, (double) topRequests / requests)));
        evidence.put("sources_sampled_one_in", 1L << r.sample.level());
        evidence.put("usual_heavy_sources_left_out", List.copyOf(r.usualHeavy));
        String summary = String.format(Locale.ROOT, "%s %s received %.0f req/s over %s (normal about %.1f, limit %.1f)"
                        + " from about %d sources (usually %d), %.1f req/s per extra source, %.0f%% of them new clients;"
                        + " a layer-7 flood of this route: rate-limit or challenge it and block the listed sources.",
                method, t.route(), rate, window, expected.value() / 60, threshold, sources, Math.round(usualSources),
                perSource, 100 * newShare);
        double over = rate / threshold;
        double score = Math.min(1.0, 0.5 + 0.5 * (over - 1) / 4);
        Alert.Severity severity = over >= 5 ? Alert.Severity.CRITICAL : config.settings().severity();
        return new Finding(r.runStart, requests, score, severity, t.route(), OTHER_METHODS.equals(method) ? null : method,
                summary, evidence, top.stream().map(RouteTraffic.Source::ip).toList());
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : v;
    }
}
