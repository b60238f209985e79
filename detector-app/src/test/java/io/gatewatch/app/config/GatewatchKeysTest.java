package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewatchKeysTest {

    @Test
    void shouldNeverMarkAKeyThatShapesTheStateAsLive() {
        Map<String, ConfigDef> detectors = GatewatchKeys.detectors();
        assertEquals(List.of("credential_stuffing", "reconnaissance", "traffic_spike", "data_harvesting",
                "parameter_enumeration", "anomaly", "route_spike"), List.copyOf(detectors.keySet()));
        int stateKeys = 0;
        for (var d : detectors.entrySet()) {
            ConfigDef.SectionList overrides = (ConfigDef.SectionList) d.getValue().entry("overrides").orElseThrow();
            for (ConfigDef.Entry e : d.getValue().entries()) {
                if (e instanceof ConfigKey<?> k && !overrides.item().names().contains(k.name())) {
                    stateKeys++;
                    assertFalse(k.live(), d.getKey() + "." + k.name() + " shapes the state kept per client");
                }
            }
        }
        assertEquals(11, stateKeys, "interval, half_life, fast_window, slow_window, window x3, walk_window,"
                + " volume_window, routes_tracked, heavy_hitters");
    }

    @Test
    void shouldListTheLiveKeysForTheReloadPath() {
        List<String> live = GatewatchKeys.root(Set.of("nginx")).livePaths("");
        for (String key : List.of("detectors.credential_stuffing.windows[].max_failures", "detectors.anomaly.false_positives_per_day",
                "allowlist.cidrs", "alerting.sinks", "detectors.reconnaissance.mode", "login_routes")) {
            assertTrue(live.contains(key), key);
        }
        for (String key : List.of("kafka.partitions", "kafka.topics.raw", "time.grace", "identity.order",
                "detectors.credential_stuffing.windows", "detectors.credential_stuffing.windows[].window",
                "detectors.traffic_spike.interval", "detectors.data_harvesting.routes_tracked", "alerting.dead_letter_topic")) {
            assertFalse(live.contains(key), key);
        }
    }
}
