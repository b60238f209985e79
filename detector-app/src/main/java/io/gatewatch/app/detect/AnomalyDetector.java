package io.gatewatch.app.detect;

import java.util.Set;
import io.gatewatch.schema.detector.OcsfAnalytic;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.AnomalyConfig;
import io.gatewatch.app.config.Durations;
import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.AnomalyModelException;
import io.gatewatch.models.behaviour.BehaviourFeatures;
import io.gatewatch.models.behaviour.IntervalFeatures;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client whose behaviour over a whole interval is unlike the traffic the model was trained on.
 * Each event only updates the interval's counters; when an event lands in a later interval the
 * finished one is scored once, if it held at least {@code min_requests}. The finding explains itself
 * with every feature, the score, the threshold and the three features furthest from the training
 * mean in training standard deviations. A client that stops sending has its last interval scored
 * only if it comes back: the detector sees events, not the clock.
 */
public final class AnomalyDetector extends ConfiguredDetector<AnomalyDetector.State, AnomalyConfig> {
    // A trained model judges it; no single technique fits what "unlike the training traffic" evidences.
    public static final DetectorDescriptor<AnomalyConfig> DESCRIPTOR = DetectorDescriptor.client(
            new DetectorInfo(AnomalyConfig.ID,
                    "Anomalous client behaviour", null,
                    OcsfAnalytic.LEARNING, List.of("web", "intrusion_detection"),
                    List.of("info"), "docs/detectors/" + AnomalyConfig.ID + ".md"),
            new ConfigSection<>(AnomalyConfig.ID, AnomalyConfig.class, AnomalyConfig::read, AnomalyConfig.KEYS,
                    Set.of("interval", "model")),
            new StateSection<>(5, 1, c -> List.of(c.interval())),
            AnomalyDetector::new);
    private static final int EXPLAINED = 3;
    private final long intervalMs;
    private final AnomalyModel model;

    /** Loads the model once: at topology build, never per event. */
    public AnomalyDetector(AnomalyConfig config) {
        this(config, loadOrNull(config));
    }

    AnomalyDetector(AnomalyConfig config, AnomalyModel model) {
        super(DESCRIPTOR, config);
        this.intervalMs = config.interval().toMillis();
        this.model = model;
    }

    private static AnomalyModel loadOrNull(AnomalyConfig config) {
        if (!config.settings().enabled() || config.model() == null) {
            return null;
        }
        try {
            return AnomalyModel.load(config.model());
        } catch (AnomalyModelException e) {
            // The config check read the header; a failure here is a file changed or truncated since.
            throw new IllegalStateException("detectors.anomaly.model: " + e.getMessage(), e);
        }
    }

    /** The counters of the current interval: about 15 bytes for a quiet client, under 100 for a busy one. */
    public static final class State implements Section {
        final IntervalFeatures interval;

        State(long intervalMs) {
            interval = new IntervalFeatures(intervalMs);
        }

        @Override
        public void writeTo(ByteWriter out) {
            interval.writeTo(out);
        }
    }

    @Override
    public State newSection() {
        return new State(intervalMs);
    }

    @Override
    public State readSection(ByteReader in) {
        State s = newSection();
        s.interval.readFrom(in);
        return s;
    }

    @Override
    public Finding observe(State s, ApiEvent e, EventFacts f) {
        boolean hasQuery = e.query() != null && !e.query().isEmpty();
        BehaviourFeatures closed = s.interval.add(f.ts(), f.route(), e.path(), e.method(), e.status(), e.bytesOut(),
                hasQuery, f.loginRoute());
        if (closed == null || closed.requests() < config.minRequests() || model == null) {
            return null;
        }
        double[] values = closed.values();
        double score = model.score(values);
        if (score < config.threshold()) {
            return null;
        }
        return finding(closed, values, score, f);
    }

    private Finding finding(BehaviourFeatures closed, double[] values, double score, EventFacts f) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            features.put(BehaviourFeatures.NAMES.get(i), round(values[i], 3));
        }
        List<Map<String, Object>> furthest = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        for (AnomalyModel.Deviation d : model.furthest(values, EXPLAINED)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", d.feature());
            m.put("value", round(d.value(), 3));
            m.put("training_mean", round(d.mean(), 3));
            m.put("stddevs_from_mean", round(d.z(), 1));
            furthest.add(m);
            phrases.add(String.format(Locale.ROOT, "%s %s (usually %s, %+.1f sd)", d.feature(), plain(d.value()),
                    plain(d.mean()), d.z()));
        }
        String interval = Durations.format(config.interval());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("interval", interval);
        evidence.put("interval_start", Instant.ofEpochMilli(closed.intervalStart()).toString());
        evidence.put("requests", closed.requests());
        evidence.put("min_requests", config.minRequests());
        evidence.put("score", round(score, 3));
        evidence.put("threshold", config.threshold());
        evidence.put("features", features);
        evidence.put("furthest_from_training", furthest);
        String summary = String.format(Locale.ROOT, "%s behaved unlike the traffic the model was trained on over %s"
                + " from %s (%d requests, score %.2f, threshold %.2f): %s; review its requests and block it if it"
                + " is scanning or scraping.", f.key(), interval, Instant.ofEpochMilli(closed.intervalStart()),
                closed.requests(), score, config.threshold(), String.join(", ", phrases));
        return new Finding(closed.intervalStart(), closed.requests(), score, config.settings().severity(), null, null,
                summary, evidence, List.of());
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    private static String plain(double v) {
        double r = round(v, 2);
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
