package io.gatewatch.app.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.schema.config.ConfigDef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The detectors' YAML blocks, as the registry's descriptors declare them: each block's key, its reader and
 * the keys that shape its state (which per-route overrides may not change).
 */
final class DetectorCatalog {
    private final java.util.Map<String, ConfigSection<?>> sections = new java.util.LinkedHashMap<>();

    DetectorCatalog(List<ConfigSection<?>> sections) {
        sections.forEach(s -> this.sections.put(s.id(), s));
    }

    List<String> ids() {
        return List.copyOf(sections.keySet());
    }

    private DetectorConfig readOne(String id, ConfigNode block) {
        return sections.get(id).read(block);
    }

    private Set<String> stateKeys(String id) {
        return sections.get(id).stateKeys();
    }

    /** The standard detectors' key declarations, for the generated JSON Schema and reference table. */
    static Map<String, ConfigDef> keyDefinitions() {
        return new DetectorCatalog(io.gatewatch.app.detect.DetectorRegistry.standard().configSections()).definitions();
    }

    /** Each detector's key declarations, by id, with the per-route {@code overrides} each block may hold. */
    Map<String, ConfigDef> definitions() {
        Map<String, ConfigDef> defs = new LinkedHashMap<>();
        sections.forEach((id, s) -> defs.put(id, withOverrides(id, s.keys())));
        return Collections.unmodifiableMap(defs);
    }

    private ConfigDef withOverrides(String id, ConfigDef keys) {
        ConfigDef item = ConfigDef.of(RouteGlob.patternKey("route").mandatory()
                .doc("the routes this override applies to (route template or glob)"))
                .plus(keys.without(stateKeys(id)).entries());
        return keys.plus(new ConfigDef.SectionList("overrides", item, "per route, first match wins: a route pattern and"
                + " any key of this block except those that shape the state kept per client", true, "[]", 0, Integer.MAX_VALUE));
    }

    DetectorBlock read(String id, ConfigNode block) {
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
