package io.gatewatch.app.detect;

import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.DetectorBlock;
import io.gatewatch.app.config.DetectorConfig;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.schema.detector.DetectorInfos;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The detectors a Gatewatch build runs, one {@link DetectorDescriptor} each. Immutable; production
 * passes {@link #standard()}, tests may pass a registry with a detector of their own. Two descriptors
 * with the same id or state tag are refused here, at start-up, naming both.
 */
public final class DetectorRegistry {
    private final Map<String, DetectorDescriptor<?>> byId = new LinkedHashMap<>();

    public DetectorRegistry(List<DetectorDescriptor<?>> descriptors) {
        Map<Integer, DetectorDescriptor<?>> byTag = new HashMap<>();
        for (DetectorDescriptor<?> d : descriptors) {
            DetectorDescriptor<?> sameId = byId.putIfAbsent(d.id(), d);
            if (sameId != null) {
                throw new IllegalArgumentException("two detectors declare the id " + d.id() + ": "
                        + sameId.info().title() + " and " + d.info().title());
            }
            DetectorDescriptor<?> sameTag = byTag.putIfAbsent(d.state().tag(), d);
            if (sameTag != null) {
                throw new IllegalArgumentException("detectors " + sameTag.id() + " and " + d.id()
                        + " both declare state tag " + d.state().tag() + "; each needs a tag of its own");
            }
        }
    }

    /** Every detector Gatewatch ships, in the order they run and appear in the config. */
    public static DetectorRegistry standard() {
        return new DetectorRegistry(List.of(
                CredentialStuffingDetector.DESCRIPTOR,
                ReconnaissanceDetector.DESCRIPTOR,
                TrafficSpikeDetector.DESCRIPTOR,
                DataHarvestingDetector.DESCRIPTOR,
                ParameterEnumerationDetector.DESCRIPTOR,
                AnomalyDetector.DESCRIPTOR,
                RouteSpikeDetector.DESCRIPTOR));
    }

    /** This registry plus more detectors (a test's toy one). */
    public DetectorRegistry with(DetectorDescriptor<?>... more) {
        List<DetectorDescriptor<?>> all = new java.util.ArrayList<>(byId.values());
        all.addAll(List.of(more));
        return new DetectorRegistry(all);
    }

    public List<DetectorDescriptor<?>> descriptors() {
        return List.copyOf(byId.values());
    }

    public Optional<DetectorDescriptor<?>> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public DetectorDescriptor<?> of(DetectorConfig c) {
        DetectorDescriptor<?> d = byId.get(c.id());
        if (d == null) {
            throw new IllegalArgumentException("no detector " + c.id() + " in this registry");
        }
        return d;
    }

    /** The YAML blocks, for the config loader. */
    public List<ConfigSection<?>> configSections() {
        return byId.values().stream().<ConfigSection<?>>map(DetectorDescriptor::config).toList();
    }

    /** Titles and SIEM mappings, for the alerting module. */
    public DetectorInfos infos() {
        return new DetectorInfos(byId.values().stream().map(DetectorDescriptor::info).toList());
    }

    public List<DetectorInfo> infoList() {
        return byId.values().stream().map(DetectorDescriptor::info).toList();
    }

    /** A slot per client- or population-scope detector enabled in its block or in any of its route overrides. */
    public List<DetectorSlot> clientScope(List<DetectorBlock> blocks) {
        return blocks.stream()
                .filter(b -> of(b.base()).scope() != DetectorScope.ROUTE)
                .filter(b -> b.settings().enabled() || b.overrides().stream().anyMatch(o -> o.config().settings().enabled()))
                .map(this::slot)
                .toList();
    }

    /** The route-scope detectors of the enabled blocks whose descriptors declare one. */
    public List<RouteDetector<?>> routeScope(List<DetectorBlock> blocks) {
        return blocks.stream()
                .filter(b -> b.settings().enabled())
                .flatMap(b -> of(b.base()).createRoute(b.base()).stream())
                .toList();
    }

    /** Each enabled detector's section version and fingerprint under this config, for the start-up log. */
    public String shapes(List<DetectorBlock> blocks) {
        StringBuilder s = new StringBuilder();
        for (DetectorBlock b : blocks) {
            if (b.settings().enabled()) {
                DetectorDescriptor<?> d = of(b.base());
                s.append(s.isEmpty() ? "" : ", ").append(d.id()).append(" v").append(d.state().version())
                        .append('/').append(String.format("%04x", d.fingerprint(b.base())));
            }
        }
        return s.toString();
    }

    private DetectorSlot slot(DetectorBlock block) {
        DetectorDescriptor<?> d = of(block.base());
        return new DetectorSlot(d.create(block.base()), block.overrides().stream()
                .map(o -> new DetectorSlot.Routed(o.route(), d.create(o.config())))
                .toList());
    }
}
