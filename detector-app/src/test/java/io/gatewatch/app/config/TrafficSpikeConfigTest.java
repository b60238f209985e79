package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficSpikeConfigTest {
    private final ConfigLoader loader = new ConfigLoader(Set.of("nginx"), n -> List.of());

    private List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, "g.yaml")).problems();
    }

    private static DetectorBlock block(GatewatchConfig c) {
        return c.detectors().stream().filter(b -> b.id().equals(TrafficSpikeConfig.ID)).findFirst().orElseThrow();
    }

    @Test
    void shouldBeOnWithItsDefaultsWithNoFile() {
        TrafficSpikeConfig t = (TrafficSpikeConfig) block(loader.defaults()).base();
        assertEquals(true, t.settings().enabled());
        assertEquals(Alert.Severity.MEDIUM, t.settings().severity());
        assertEquals(Duration.ofMinutes(10), t.settings().cooldown());
        assertEquals(Duration.ofSeconds(10), t.interval());
        assertEquals(Duration.ofMinutes(30), t.halfLife());
        assertEquals(30, t.minHistoryIntervals());
        assertEquals(10.0, t.minRate());
        assertEquals(6.0, t.zThreshold());
        assertEquals(5.0, t.ratioThreshold());
        assertEquals(50.0, t.newClientMaxRate());
        assertEquals(0.5, Math.pow(1 - t.alpha(), 180), 1e-9, "30 minutes are 180 intervals of 10 s");
    }

    @Test
    void shouldReadItsBlock() throws ConfigException {
        TrafficSpikeConfig t = (TrafficSpikeConfig) block(loader.parse("""
                detectors:
                  traffic_spike:
                    mode: shadow
                    interval: 30s
                    half_life: 2h
                    min_history: 10m
                    min_rate: 20
                    z_threshold: 4.5
                    ratio_threshold: 8
                    new_client_max_rate: 200
                    allowlist: {cidrs: [10.0.0.0/8]}
                """, "g.yaml")).base();
        assertEquals(Alert.Mode.SHADOW, t.settings().mode());
        assertEquals(20, t.minHistoryIntervals());
        assertEquals(4.5, t.zThreshold());
        assertEquals(200.0, t.newClientMaxRate());
        assertEquals(1, t.settings().allowlist().cidrs().size());
    }

    @Test
    void shouldReportEveryBadValueWithItsKey() {
        assertEquals(List.of(
                "g.yaml:3: detectors.traffic_spike.threshold = 3: unknown key (allowed: enabled, mode, severity,"
                        + " cooldown, allowlist, interval, half_life, min_history, min_rate, z_threshold, ratio_threshold,"
                        + " new_client_max_rate, peer_quantile, peer_factor, peer_min_rate)",
                "g.yaml:4: detectors.traffic_spike.interval = 0s: out of range (allowed: 1s to 5m)",
                "g.yaml:5: detectors.traffic_spike.min_history = soon: not a duration; write e.g. 250ms, 90s, 5m,"
                        + " 1h30m, PT90S or 2d (allowed: 0s to 1d)",
                "g.yaml:6: detectors.traffic_spike.z_threshold = 0.5: out of range (allowed: 1 to 100)",
                "g.yaml:7: detectors.traffic_spike.new_client_max_rate = 5: must be at least min_rate (10): a new"
                        + " client cannot be held to less than a known one"),
                problems("""
                        detectors:
                          traffic_spike:
                            threshold: 3
                            interval: 0s
                            min_history: soon
                            z_threshold: 0.5
                            new_client_max_rate: 5
                        """));
    }

    @Test
    void shouldNameBothSettingsThatConflict() {
        assertEquals(List.of(
                "g.yaml:2: detectors.traffic_spike.half_life = 1m: must be at least the interval (2m): the"
                        + " baseline would forget each interval before the next",
                "g.yaml:2: detectors.traffic_spike.min_rate = 80: must be at most new_client_max_rate (50 by"
                        + " default): a new client cannot be held to less than a known one"),
                problems("detectors:\n  traffic_spike: {interval: 2m, half_life: 1m, min_rate: 80}\n"));
    }

    @Test
    void shouldLetARouteChangeThresholdsButNotTheIntervalThatShapesTheBaseline() throws ConfigException {
        assertEquals(List.of(
                "g.yaml:4: detectors.traffic_spike.overrides[0].interval = 1m: cannot be overridden per route: it"
                        + " shapes the state kept per client; set it in the detector's own block"),
                problems("detectors:\n  traffic_spike:\n    overrides:\n      - {route: /api/v1/bulk/**, interval: 1m}\n"));
        DetectorBlock b = block(loader.parse(
                "detectors:\n  traffic_spike:\n    overrides:\n      - {route: /api/v1/bulk/**, min_rate: 100,"
                        + " new_client_max_rate: 100}\n",
                "g.yaml"));
        assertEquals(100.0, ((TrafficSpikeConfig) b.overrides().getFirst().config()).minRate());
        assertEquals(10.0, ((TrafficSpikeConfig) b.base()).minRate());
    }
}
