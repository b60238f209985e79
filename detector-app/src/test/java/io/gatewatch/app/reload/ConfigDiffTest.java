package io.gatewatch.app.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.app.config.ConfigException;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.DetectorBlock;
import io.gatewatch.app.config.Durations;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.GatewatchKeys;
import io.gatewatch.schema.config.ConfigKey;
import java.time.Duration;
import java.util.List;
import io.gatewatch.app.detect.DetectorDescriptor;
import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.schema.parse.Parsers;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {
    private final ConfigDiff diff = new ConfigDiff(GatewatchKeys.root(Parsers.standard().names()));

    @Test
    void shouldMarkThresholdsModesAllowlistsAndSinksLiveAndWindowsTopicsAndKafkaNot() {
        assertTrue(diff.isLive("detectors.credential_stuffing.windows[2].max_failures"));
        assertTrue(diff.isLive("detectors.reconnaissance.mode"));
        assertTrue(diff.isLive("allowlist.cidrs"));
        assertTrue(diff.isLive("alerting.sinks[1].url_env"));
        assertTrue(diff.isLive("detectors.traffic_spike.overrides[0].min_rate"));
        assertFalse(diff.isLive("detectors.credential_stuffing.windows[2].window"));
        assertFalse(diff.isLive("detectors.credential_stuffing.windows"), "adding a window reshapes the state");
        assertFalse(diff.isLive("kafka.topics.alerts"));
        assertFalse(diff.isLive("kafka.properties.num.stream.threads"));
        assertFalse(diff.isLive("time.grace"));
    }

    /**
     * What lets a reload keep state: changing any live key of a detector (each number, duration and switch
     * outside lists, to a neighbouring value the loader accepts) leaves its state fingerprint as it was.
     */
    @Test
    void shouldKeepEveryDetectorsStateFingerprintWhenAnyOfItsLiveKeysChanges() throws Exception {
        DetectorRegistry registry = DetectorRegistry.standard();
        ConfigLoader loader = new ConfigLoader(Parsers.standard().names(), n -> List.of());
        GatewatchConfig defaults = loader.defaults();
        ObjectMapper json = new ObjectMapper();
        int tried = 0;
        for (DetectorDescriptor<?> d : registry.descriptors()) {
            for (String path : d.config().keys().livePaths("")) {
                String full = "detectors." + d.id() + "." + path;
                if (path.contains("[") || !(diff.resolve(full) instanceof ConfigKey<?> key)) {
                    continue;
                }
                for (Object candidate : candidates(key)) {
                    ObjectNode root = json.createObjectNode();
                    ObjectNode at = root;
                    String[] parts = full.split("\\.");
                    for (int i = 0; i < parts.length - 1; i++) {
                        at = at.with(parts[i]);
                    }
                    at.set(parts[parts.length - 1], json.valueToTree(candidate));
                    GatewatchConfig changed;
                    try {
                        changed = loader.parse(json.writeValueAsString(root), "candidate");
                    } catch (ConfigException refusedValue) {
                        continue;
                    }
                    tried++;
                    assertEquals(fingerprint(registry, defaults, d.id()), fingerprint(registry, changed, d.id()),
                            full + " = " + candidate + " is live but changes the state fingerprint");
                    break;
                }
            }
        }
        assertTrue(tried >= 30, "only " + tried + " live keys were tried");
    }

    private static int fingerprint(DetectorRegistry registry, GatewatchConfig config, String id) {
        DetectorBlock b = config.detectors().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        return registry.of(b.base()).fingerprint(b.base());
    }

    private static List<Object> candidates(ConfigKey<?> key) {
        Object v = key.defaultValue();
        return switch (v) {
            case Integer i -> List.of(i + 1, i - 1, i * 2, 1);
            case Double x -> List.of(x * 0.5, x + 0.05, x * 2, 1.0);
            case Boolean b -> List.of(!b);
            case Duration t -> List.of(Durations.format(t.multipliedBy(2)), Durations.format(t.dividedBy(2)));
            case null, default -> List.of();
        };
    }
}
