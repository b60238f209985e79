package io.gatewatch.app.detect;

import io.gatewatch.app.config.AnomalyConfig;
import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.AnomalyModelException;
import io.gatewatch.models.behaviour.FeatureSpace;
import io.gatewatch.models.behaviour.MultiScaleFeatures;
import io.gatewatch.models.behaviour.Scale;
import io.gatewatch.models.behaviour.Snapshot;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.schema.detector.OcsfAnalytic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A client whose behaviour at 1 min, 10 min or 1 h is unlike its peers' (docs/models.md). Each event
 * only bumps the client's multi-scale counters; each minute of a client's traffic is judged once, when
 * its next request lands in a later minute or, if it went silent, when stream time passes the minute
 * ({@link #onStreamTime}). A score above the model's calibrated threshold for the configured
 * false-positive budget is a finding that names the features that drove it, with the client's value
 * and the peers' median and p99.
 */
public final class AnomalyDetector extends ConfiguredDetector<AnomalyDetector.State, AnomalyConfig> {
    // A trained model judges it; no single technique fits what "unlike the training traffic" evidences.
    public static final DetectorDescriptor<AnomalyConfig> DESCRIPTOR = DetectorDescriptor.client(
            new DetectorInfo(AnomalyConfig.ID,
                    "Anomalous client behaviour", null,
                    OcsfAnalytic.LEARNING, List.of("web", "intrusion_detection"),
                    List.of("info"), "docs/detectors/" + AnomalyConfig.ID + ".md"),
            new ConfigSection<>(AnomalyConfig.ID, AnomalyConfig.class, AnomalyConfig::read, AnomalyConfig.KEYS,
                    Set.of()),
            new StateSection<>(5, 2, c -> List.of()),
            AnomalyDetector::new);
    private final AnomalyModelSource models;
    /** Snapshots judged, for the trainer's reservoir; a no-op unless the topology samples. */
    private final Consumer<Snapshot> sampled;

    /** Loads the model file once: at topology build, never per event. */
    public AnomalyDetector(AnomalyConfig config) {
        this(config, AnomalyModelSource.fixed(loadOrNull(config)), s -> { });
    }

    public AnomalyDetector(AnomalyConfig config, AnomalyModelSource models, Consumer<Snapshot> sampled) {
        super(DESCRIPTOR, config);
        this.models = models;
        this.sampled = sampled;
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

    /** The client's counters at every scale: about 20 bytes for a quiet client, 200 for a busy one. */
    public static final class State implements Section {
        final MultiScaleFeatures features = new MultiScaleFeatures();

        @Override
        public void writeTo(ByteWriter out) {
            features.writeTo(out);
        }

        public long requests(Scale s) {
            return features.requests(s);
        }
    }

    @Override
    public State newSection() {
        return new State();
    }

    @Override
    public State readSection(ByteReader in) {
        State s = newSection();
        s.features.readFrom(in);
        return s;
    }

    @Override
    public Finding observe(State s, ApiEvent e, EventFacts f) {
        Snapshot closed = s.features.add(f.ts(), f.route(), e.path(), e.query(), e.method(), e.status(),
                e.bytesOut(), e.userAgent(), f.loginRoute());
        return closed == null ? null : judge(closed, f.key());
    }

    @Override
    public boolean wantsStreamTime() {
        return true;
    }

    @Override
    public Finding onStreamTime(State s, long streamTime, String key) {
        Snapshot closed = s.features.closeIfDue(streamTime);
        return closed == null ? null : judge(closed, key);
    }

    Finding judge(Snapshot snapshot, String key) {
        sampled.accept(snapshot);
        AnomalyModel model = models.current();
        if (model == null) {
            return null;
        }
        AnomalyModel.Verdict v = model.score(snapshot, key);
        double threshold = model.threshold(config.falsePositivesPerDay());
        if (v.scale() == null || !(v.score() > threshold)) {
            return null;
        }
        return finding(model, snapshot, v, threshold, key);
    }

    private Finding finding(AnomalyModel model, Snapshot snapshot, AnomalyModel.Verdict v, double threshold,
            String key) {
        List<Map<String, Object>> drivers = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        for (AnomalyModel.Contribution c : model.explain(snapshot, key, config.explain())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", c.feature());
            m.put("description", c.description());
            m.put("value", round(c.value()));
            m.put("peers_median", round(c.peersMedian()));
            m.put("peers_p99", round(c.peersP99()));
            m.put("contribution", round(c.contribution()));
            drivers.add(m);
            phrases.add(String.format(Locale.ROOT, "%s: %s; peers' p99: %s", c.description(), plain(c.value()),
                    plain(c.peersP99())));
        }
        AnomalyModel.Header h = model.header();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("minute", Instant.ofEpochMilli(snapshot.minuteStart()).toString());
        evidence.put("scale", v.scale().label());
        for (Scale s : Scale.values()) {
            evidence.put("requests_" + s.tag(), snapshot.requests(s));
        }
        evidence.put("score", round(v.score()));
        evidence.put("threshold", round(threshold));
        evidence.put("false_positives_per_day", config.falsePositivesPerDay());
        evidence.put("model", Map.of("version", h.version(), "algorithm", h.algorithm().id(),
                "trained_from", Instant.ofEpochMilli(h.trainedFrom()).toString(),
                "trained_to", Instant.ofEpochMilli(h.trainedTo()).toString()));
        evidence.put("drivers", drivers);
        String summary = String.format(Locale.ROOT, "%s behaved unlike its peers over %s up to %s (score %.2f,"
                + " threshold %.2f): %s; review its requests and block it if it is scanning, guessing or scraping.",
                key, v.scale().label(), Instant.ofEpochMilli(snapshot.minuteEnd()), v.score(), threshold,
                String.join("; ", phrases));
        long requests = snapshot.requests(v.scale());
        // 0..1 for the alert contract: 0.5 at the threshold, towards 1 as the score grows beyond it.
        double unit = Math.clamp(v.score() / (Math.abs(v.score()) + Math.abs(threshold) + 1e-9), 0.0, 1.0);
        long windowStart = Math.floorDiv(snapshot.minuteStart(), v.scale().millis()) * v.scale().millis();
        return new Finding(windowStart, requests, unit,
                config.settings().severity(), null, null, summary, evidence, List.of());
    }

    /** The feature names a finding's drivers come from, for docs and tests. */
    static List<String> featureNames() {
        return FeatureSpace.NAMES;
    }

    private static double round(double v) {
        double scale = Math.abs(v) >= 100 ? 1 : 1000;
        return Math.round(v * scale) / scale;
    }

    private static String plain(double v) {
        double r = Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100.0;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
