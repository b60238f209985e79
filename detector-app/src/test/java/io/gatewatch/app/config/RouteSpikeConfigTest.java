package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteSpikeConfigTest {
    private final ConfigLoader loader = new ConfigLoader(Set.of("nginx"), n -> List.of());

    private List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, "g.yaml")).problems();
    }

    private static RouteSpikeConfig of(GatewatchConfig c) {
        return (RouteSpikeConfig) c.detectors().stream().filter(b -> b.id().equals(RouteSpikeConfig.ID)).findFirst()
                .orElseThrow().base();
    }

    @Test
    void shouldBeOnWithItsDefaultsWithNoFile() {
        RouteSpikeConfig c = of(loader.defaults());
        assertEquals(List.of(true, Alert.Severity.HIGH, Duration.ofMinutes(1), 20.0, 5.0, 20, 0.25, Duration.ofMinutes(5),
                        Duration.ofHours(1), Duration.ofMinutes(30), Duration.ofMinutes(30), 64, 10),
                List.of(c.settings().enabled(), c.settings().severity(), c.window(), c.minRate(), c.ratio(),
                        c.minSources(), c.minSourceRate(), c.newClientWindow(), c.halfLife(), c.minHistory(),
                        c.slotMinHistory(), c.heavyHitters(), c.topSources()));
    }

    @Test
    void shouldReadItsBlock() throws ConfigException {
        RouteSpikeConfig c = of(loader.parse("""
                detectors:
                  route_spike: {mode: shadow, window: 30s, min_rate: 100, min_sources: 50, heavy_hitters: 128}
                """, "g.yaml"));
        assertEquals(List.of(Alert.Mode.SHADOW, Duration.ofSeconds(30), 100.0, 50, 128),
                List.of(c.settings().mode(), c.window(), c.minRate(), c.minSources(), c.heavyHitters()));
    }

    @Test
    void shouldReportEveryBadValueWithItsKeyAndWhatIsAllowed() {
        assertEquals(List.of(
                        "g.yaml:3: detectors.route_spike.window = 2s: out of range (allowed: 10s to 10m)",
                        "g.yaml:4: detectors.route_spike.ratio = 1: out of range (allowed: 1.5 to 10000)",
                        "g.yaml:5: detectors.route_spike.heavy_hitters = 100: must be a power of two from 8 to 1024 (the"
                                + " sketch's map size), e.g. 32, 64 or 128"),
                problems("""
                        detectors:
                          route_spike:
                            window: 2s
                            ratio: 1
                            heavy_hitters: 100
                        """));
    }
}
