package io.gatewatch.app.detect;

import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.ToyConfig;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.window.RingCounter;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.detector.AttackTechnique;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.schema.detector.OcsfAnalytic;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A detector that exists only in test code, to prove a new detector needs no wiring outside its own files. */
public final class ToyDetector extends ConfiguredDetector<ToyDetector.State, ToyConfig> {
    public static final DetectorDescriptor<ToyConfig> DESCRIPTOR = DetectorDescriptor.client(
            new DetectorInfo(ToyConfig.ID, "Toy probing", new AttackTechnique("TA0007", "Discovery",
                    "T1046", "Network Service Discovery", null, null), OcsfAnalytic.BEHAVIORAL,
                    List.of("web", "intrusion_detection"), List.of("indicator"), "docs/extending.md"),
            new ConfigSection<>(ToyConfig.ID, ToyConfig.class, ToyConfig::read, ToyConfig.KEYS, Set.of("window")),
            new StateSection<>(42, 1, c -> List.of(c.window())),
            ToyDetector::new);


    public ToyDetector(ToyConfig config) {
        super(DESCRIPTOR, config);
    }

    /** Hits on /toy in the window. */
    public static final class State implements Section {
        final RingCounter hits;

        State(long windowMs) {
            hits = new RingCounter(windowMs, 6);
        }

        @Override
        public void writeTo(ByteWriter out) {
            hits.writeTo(out);
        }
    }

    @Override
    public State newSection() {
        return new State(config.window().toMillis());
    }

    @Override
    public State readSection(ByteReader in) {
        State s = newSection();
        s.hits.readFrom(in);
        return s;
    }

    @Override
    public Finding observe(State s, ApiEvent e, EventFacts f) {
        if (f.route() == null || !f.route().startsWith("/toy")) {
            return null;
        }
        s.hits.add(f.ts(), 1);
        long hits = s.hits.sum(f.ts());
        if (hits <= config.maxHits()) {
            return null;
        }
        return new Finding(f.ts(), hits, 0.5, config.settings().severity(), f.route(), e.method(),
                f.key() + " hit " + f.route() + " " + hits + " times", Map.of("hits", hits, "max_hits", config.maxHits()),
                List.of());
    }
}
