package io.gatewatch.app.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.schema.config.ConfigDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * The one place that lists the detectors' YAML blocks: adding a detector adds its id, its reader and
 * the keys that shape its state (which per-route overrides may not change).
 */
final class DetectorCatalog {
    private DetectorCatalog() {
    }

    static List<String> ids() {
        return List.of(CredentialStuffingConfig.ID, ReconnaissanceConfig.ID, TrafficSpikeConfig.ID, DataHarvestingConfig.ID,
                AnomalyConfig.ID);
    }

    private static DetectorConfig readOne(String id, ConfigNode block) {
        return switch (id) {
            case CredentialStuffingConfig.ID -> CredentialStuffingConfig.read(block);
            case ReconnaissanceConfig.ID -> ReconnaissanceConfig.read(block);
            case TrafficSpikeConfig.ID -> TrafficSpikeConfig.read(block);
            case DataHarvestingConfig.ID -> DataHarvestingConfig.read(block);
            case AnomalyConfig.ID -> AnomalyConfig.read(block);
            default -> throw new IllegalArgumentException("no detector " + id);
        };
    }

    private static Set<String> stateKeys(String id) {
        return switch (id) {
            case CredentialStuffingConfig.ID -> Set.of("windows", "botnet");
            case ReconnaissanceConfig.ID -> Set.of("fast_window", "slow_window");
            case TrafficSpikeConfig.ID -> Set.copyOf(TrafficSpikeConfig.STATE_KEYS);
            case DataHarvestingConfig.ID -> Set.copyOf(DataHarvestingConfig.STATE_KEYS);
            case AnomalyConfig.ID -> Set.copyOf(AnomalyConfig.STATE_KEYS);
            default -> Set.of();
        };
    }

    /** Each detector's key declarations, by id, with the per-route {@code overrides} each block may hold. */
    static Map<String, ConfigDef> keyDefinitions() {
        Map<String, ConfigDef> defs = new LinkedHashMap<>();
        defs.put(CredentialStuffingConfig.ID, withOverrides(CredentialStuffingConfig.ID, CredentialStuffingConfig.KEYS));
        defs.put(ReconnaissanceConfig.ID, withOverrides(ReconnaissanceConfig.ID, ReconnaissanceConfig.KEYS));
        defs.put(TrafficSpikeConfig.ID, withOverrides(TrafficSpikeConfig.ID, TrafficSpikeConfig.KEYS));
        defs.put(DataHarvestingConfig.ID, withOverrides(DataHarvestingConfig.ID, DataHarvestingConfig.KEYS));
        defs.put(AnomalyConfig.ID, withOverrides(AnomalyConfig.ID, AnomalyConfig.KEYS));
        return Collections.unmodifiableMap(defs);
    }

    private static ConfigDef withOverrides(String id, ConfigDef keys) {
        ConfigDef item = ConfigDef.of(RouteGlob.patternKey("route").mandatory()
                .doc("the routes this override applies to (route template or glob)"))
                .plus(keys.without(stateKeys(id)).entries());
        return keys.plus(new ConfigDef.SectionList("overrides", item, "per route, first match wins: a route pattern and"
                + " any key of this block except those that shape the state kept per client", true, "[]", 0, Integer.MAX_VALUE));
    }

    static DetectorBlock read(String id, ConfigNode block) {
        List<ConfigNode> overrideNodes = block.children("overrides");
        ObjectNode baseJson = block.json().isObject() ? ((ObjectNode) block.json()).deepCopy() : null;
        if (baseJson != null) {
            baseJson.remove("overrides");
        }
        DetectorConfig base = readOne(id, new ConfigNode(baseJson, block.path(), problemsOf(block)));
        List<RouteOverride> overrides = new ArrayList<>();
        for (ConfigNode o : overrideNodes) {
            String pattern = o.text("route", null);
            RouteGlob glob = pattern == null ? null : RouteGlob.parse(pattern);
            if (glob == null) {
                o.problem("route", o.json().get("route"), "each override needs a route pattern starting with '/'");
                continue;
            }
            ObjectNode merged = baseJson == null ? new com.fasterxml.jackson.databind.node.ObjectNode(
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance) : baseJson.deepCopy();
            for (var it = o.json().fields(); it.hasNext(); ) {
                var field = it.next();
                if (field.getKey().equals("route")) {
                    continue;
                }
                if (stateKeys(id).contains(field.getKey())) {
                    o.problem(field.getKey(), field.getValue(), "cannot be overridden per route: it shapes the state "
                            + "kept per client; set it in the detector's own block");
                    continue;
                }
                merged.set(field.getKey(), field.getValue());
            }
            overrides.add(new RouteOverride(glob, readOne(id, new ConfigNode(merged, o.path(), problemsOf(block)))));
        }
        return new DetectorBlock(base, List.copyOf(overrides));
    }

    private static List<String> problemsOf(ConfigNode n) {
        return n.problems();
    }
}
