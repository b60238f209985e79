package io.gatewatch.app.detect;

import io.gatewatch.schema.detector.AttackTechnique;
import java.util.Set;
import io.gatewatch.schema.detector.OcsfAnalytic;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.Durations;
import io.gatewatch.app.config.TrafficSpikeConfig;
import io.gatewatch.models.baseline.Ewma;
import io.gatewatch.models.baseline.IntervalBaseline;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client's request rate against its own learned baseline. Each event is counted in its interval
 * and judged at once, so a flood is reported a few seconds in, not when the interval closes. A
 * steady integration polling every two seconds is its own normal; the same client at forty a second
 * is not. Clients too new to have a baseline are held to a fixed ceiling instead.
 */
public final class TrafficSpikeDetector extends ConfiguredDetector<TrafficSpikeDetector.State, TrafficSpikeConfig> {
    // A layer-7 request flood exhausts the web service, not the network link; judged against a learned baseline.
    /** A new client's peak requests per second over its first min_history, summarised once it has passed. */
    static final PeerMetric PEAK_RATE = new PeerMetric(TrafficSpikeConfig.ID, "peak_rate");
    /** A new client's requests per minute over its first min_history. */
    static final PeerMetric RATE_PER_MINUTE = new PeerMetric(TrafficSpikeConfig.ID, "requests_per_minute");
    public static final DetectorDescriptor<TrafficSpikeConfig> DESCRIPTOR = DetectorDescriptor.population(
            new DetectorInfo(TrafficSpikeConfig.ID,
                    "Traffic spike", new AttackTechnique("TA0040", "Impact", "T1499", "Endpoint Denial of Service",
                    "T1499.002", "Service Exhaustion Flood"),
                    OcsfAnalytic.STATISTICAL, List.of("web", "intrusion_detection"),
                    List.of("info"), "docs/detectors/" + TrafficSpikeConfig.ID + ".md"),
            new ConfigSection<>(TrafficSpikeConfig.ID, TrafficSpikeConfig.class, TrafficSpikeConfig::read, TrafficSpikeConfig.KEYS,
                    Set.of("interval", "half_life")),
            new StateSection<>(3, 2, c -> List.of(c.interval(), c.halfLife())),
            TrafficSpikeDetector::new, List.of(PEAK_RATE, RATE_PER_MINUTE));
    private final long intervalMs;
    private final double intervalSeconds;
    private final double alpha;
    private final long minHistory;

    public TrafficSpikeDetector(TrafficSpikeConfig config) {
        super(DESCRIPTOR, config);
        this.intervalMs = config.interval().toMillis();
        this.intervalSeconds = intervalMs / 1000.0;
        this.alpha = config.alpha();
        this.minHistory = config.minHistoryIntervals();
    }

    /**
     * The request count of the current interval and the baseline of the finished ones (about 15 bytes), and
     * while the client is new its peak interval and request count so far (two or three bytes), summarised to
     * its populations once its first min_history has passed (then one byte).
     */
    public static final class State implements Section {
        final IntervalBaseline rate;
        /** The most requests in one interval while new; -1 once summarised to the peers. */
        long firstPeak;
        long firstRequests;

        State(long intervalMs, double alpha) {
            rate = new IntervalBaseline(intervalMs, alpha);
        }

        @Override
        public void writeTo(ByteWriter out) {
            rate.writeTo(out);
            out.writeVarLong(firstPeak + 1);
            if (firstPeak >= 0) {
                out.writeVarLong(firstRequests);
            }
        }
    }

    /** What the current interval is held to, and why. */
    private record Limit(double count, String crossed, PeerQuantile peers) {
        Limit(double count, String crossed) {
            this(count, crossed, null);
        }
    }

    @Override
    public State newSection() {
        return new State(intervalMs, alpha);
    }

    @Override
    public State readSection(ByteReader in) {
        State s = newSection();
        s.rate.readFrom(in);
        s.firstPeak = in.readVarLong() - 1;
        if (s.firstPeak >= 0) {
            s.firstRequests = in.readVarLong();
        }
        return s;
    }

    @Override
    public Finding observe(State s, ApiEvent e, EventFacts f) {
        // The limit before counting is the one the current interval was held to. If this event closes a
        // spike interval, it is learnt as one deviation above the mean rather than at its size: a flood
        // stays a spike for hours instead of becoming the norm in minutes, a lasting change is still learnt.
        Ewma before = s.rate.baseline();
        s.rate.add(f.ts(), 1, limit(before, f.peers()).count(), before.mean() + effectiveStddev(before));
        long count = s.rate.currentCount();
        summariseFirstMinutes(s, f.peers(), count);
        Limit limit = limit(s.rate.baseline(), f.peers());
        if (count <= limit.count()) {
            return null;
        }
        if (s.firstPeak >= 0) {
            // an outlier is not a peer: a client caught bursting while new never feeds its populations
            s.firstPeak = -1;
            s.firstRequests = 0;
        }
        return finding(s, e, f, count, limit);
    }

    /**
     * While new, the client's peak interval and request count; once its first min_history has passed, both
     * go to its populations, once. A client that never comes back after its first minutes (a one-off burst)
     * is never summarised, so an attack does not teach its peers.
     */
    private void summariseFirstMinutes(State s, Peers peers, long count) {
        if (s.firstPeak < 0) {
            return;
        }
        if (s.rate.baseline().samples() < minHistory) {
            s.firstPeak = Math.max(s.firstPeak, count);
            s.firstRequests++;
            return;
        }
        peers.add(PEAK_RATE, s.firstPeak / intervalSeconds);
        peers.add(RATE_PER_MINUTE, s.firstRequests / (minHistory * intervalSeconds / 60.0));
        s.firstPeak = -1;
        s.firstRequests = 0;
    }

    private Limit limit(Ewma b, Peers peers) {
        if (b.samples() < minHistory) {
            PeerQuantile q = peers.quantile(PEAK_RATE, config.peerQuantile());
            if (q == null) {
                return new Limit(config.newClientMaxRate() * intervalSeconds, "new_client_max_rate", null);
            }
            double byPeers = config.peerFactor() * q.value();
            return byPeers > config.peerMinRate()
                    ? new Limit(byPeers * intervalSeconds, "peers", q)
                    : new Limit(config.peerMinRate() * intervalSeconds, "peer_min_rate", q);
        }
        double floor = config.minRate() * intervalSeconds;
        double byZ = b.mean() + config.zThreshold() * effectiveStddev(b);
        double byRatio = config.ratioThreshold() * b.mean();
        if (floor >= byZ && floor >= byRatio) {
            return new Limit(floor, "min_rate");
        }
        return byZ >= byRatio ? new Limit(byZ, "z_threshold") : new Limit(byRatio, "ratio_threshold");
    }

    /** Never below a Poisson count's spread, so a perfectly regular poller is not judged by a zero deviation. */
    private static double effectiveStddev(Ewma b) {
        return Math.max(b.stddev(), Math.sqrt(b.mean()));
    }

    private Finding finding(State s, ApiEvent e, EventFacts f, long count, Limit limit) {
        Ewma b = s.rate.baseline();
        boolean isNew = b.samples() < minHistory;
        double rate = count / intervalSeconds;
        String interval = Durations.format(config.interval());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("interval", Durations.format(config.interval()));
        evidence.put("requests_in_interval", count);
        evidence.put("rate_per_s", round(rate));
        evidence.put("limit_per_s", round(limit.count() / intervalSeconds));
        evidence.put("crossed", limit.crossed());
        evidence.put("history_intervals", b.samples());
        evidence.put("min_history_intervals", minHistory);
        String summary;
        if (isNew && limit.peers() != null) {
            PeerQuantile q = limit.peers();
            evidence.put("population", q.population());
            evidence.put("population_samples", q.samples());
            evidence.put("peer_quantile", config.peerQuantile());
            evidence.put("peer_peak_rate_per_s", round(q.value()));
            evidence.put("peer_factor", config.peerFactor());
            evidence.put("peer_min_rate", config.peerMinRate());
            summary = String.format(Locale.ROOT, "%s sent %d requests in %s (%.1f req/s) with under %s of history; "
                    + "new clients of %s peak at %s req/s (p%s of %d): a burst from a fresh source, %.1fx the limit; "
                    + "rate-limit or block it.", f.key(), count, interval, rate, Durations.format(config.minHistory()),
                    q.population(), plain(round(q.value())), plain(config.peerQuantile() * 100), q.samples(),
                    count / Math.max(1, limit.count()));
        } else if (isNew) {
            evidence.put("new_client_max_rate", config.newClientMaxRate());
            summary = String.format(Locale.ROOT, "%s sent %d requests in %s (%.1f req/s) with under %s of history "
                    + "(tolerated from a new client: %s req/s): a flood from a fresh source; rate-limit or block it.",
                    f.key(), count, interval, rate, Durations.format(config.minHistory()),
                    plain(config.newClientMaxRate()));
        } else {
            double mean = b.mean() / intervalSeconds;
            double sd = effectiveStddev(b) / intervalSeconds;
            double z = sd == 0 ? 0 : (rate - mean) / sd;
            evidence.put("baseline_mean_per_s", round(mean));
            evidence.put("baseline_stddev_per_s", round(sd));
            evidence.put("z_score", round(z));
            if (mean > 0) {
                evidence.put("ratio_to_mean", round(rate / mean));
            }
            evidence.put("min_rate", config.minRate());
            evidence.put("z_threshold", config.zThreshold());
            evidence.put("ratio_threshold", config.ratioThreshold());
            String times = mean == 0 ? "far above" : String.format(Locale.ROOT, "%.1fx", rate / mean);
            summary = String.format(Locale.ROOT, "%s sent %d requests in %s (%.1f req/s), %s its usual %.2f req/s "
                    + "(z = %.1f): rate-limit it, or ask its owner what changed.",
                    f.key(), count, interval, rate, times, mean, z);
        }
        if (f.route() != null) {
            evidence.put("sample_route", f.route());
        }
        double over = count / Math.max(1, limit.count());
        double score = Math.min(1.0, 0.5 + 0.5 * (over - 1) / 3);
        return new Finding(s.rate.currentStart(), count, score, severity(over), null, null, summary, evidence, List.of());
    }

    private Alert.Severity severity(double over) {
        Alert.Severity base = config.settings().severity();
        return over >= 4 && base != Alert.Severity.CRITICAL ? Alert.Severity.values()[base.ordinal() + 1] : base;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
