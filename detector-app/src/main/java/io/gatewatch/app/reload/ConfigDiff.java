package io.gatewatch.app.reload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.ConfigValues;
import io.gatewatch.schema.config.ValueType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The keys whose values differ between two YAML trees of {@code gatewatch.yaml}, as the analyst wrote
 * them ({@code detectors.credential_stuffing.windows[0].max_failures}), each marked live or not by the
 * key declarations. A key left out counts as its default, and values are compared after conversion, so
 * writing out a default ({@code grace: 5m}) or another spelling ({@code 300s}) is no change. Values are
 * shown as config problems show them: secret keys hidden, credentials in URLs masked.
 */
public final class ConfigDiff {
    /** One changed key: its path, both values as shown, and whether a running instance may take it. */
    public record Change(String key, String before, String after, boolean live) {
        @Override
        public String toString() {
            return key + ": " + before + " → " + after;
        }
    }

    private static final String UNSET = "(unset)";
    private final ConfigDef root;
    private final Set<String> livePaths;

    public ConfigDiff(ConfigDef root) {
        this.root = root;
        this.livePaths = Set.copyOf(root.livePaths(""));
    }

    public List<Change> between(JsonNode before, JsonNode after) {
        List<Change> out = new ArrayList<>();
        walk("", orEmpty(before), orEmpty(after), out);
        return out;
    }

    private static JsonNode orEmpty(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? JsonNodeFactory.instance.objectNode() : n;
    }

    private void walk(String path, JsonNode a, JsonNode b, List<Change> out) {
        boolean aAbsent = a == null || a.isNull();
        boolean bAbsent = b == null || b.isNull();
        if (isMapping(a, b)) {
            JsonNode am = aAbsent ? JsonNodeFactory.instance.objectNode() : a;
            JsonNode bm = bAbsent ? JsonNodeFactory.instance.objectNode() : b;
            Set<String> names = new LinkedHashSet<>();
            am.fieldNames().forEachRemaining(names::add);
            bm.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path.isEmpty() ? name : path + "." + name, am.get(name), bm.get(name), out);
            }
            return;
        }
        if (!aAbsent && !bAbsent && a.isArray() && b.isArray() && a.size() == b.size() && allMappings(a) && allMappings(b)) {
            for (int i = 0; i < a.size(); i++) {
                walk(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
            return;
        }
        if (Objects.equals(aAbsent ? null : a, bAbsent ? null : b)) {
            return;
        }
        ConfigDef.Entry entry = resolve(path);
        if (entry instanceof ConfigKey<?> key && sameValue(key, aAbsent ? null : a, bAbsent ? null : b)) {
            return;
        }
        boolean secret = entry instanceof ConfigKey<?> key ? key.secret() : isFreeMap(path);
        out.add(new Change(path, show(aAbsent ? null : a, secret), show(bAbsent ? null : b, secret), isLive(path)));
    }

    /**
     * Both sides mappings, or one a mapping and the other absent: compared key by key, against defaults.
     * Free mappings ({@code kafka.properties}) too, their values hidden: they may hold credentials.
     */
    private static boolean isMapping(JsonNode a, JsonNode b) {
        boolean aMap = a != null && a.isObject();
        boolean bMap = b != null && b.isObject();
        boolean aAbsent = a == null || a.isNull();
        boolean bAbsent = b == null || b.isNull();
        return (aMap || aAbsent) && (bMap || bAbsent) && (aMap || bMap);
    }

    private static boolean allMappings(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static String show(JsonNode n, boolean secret) {
        return n == null ? UNSET : ConfigValues.show(n, secret);
    }

    /** Live when the path, its list indexes written {@code []}, is a live key or lies inside a list live as a whole. */
    boolean isLive(String path) {
        String p = path.replaceAll("\\[\\d+]", "[]");
        if (livePaths.contains(p)) {
            return true;
        }
        for (String live : livePaths) {
            if (p.startsWith(live + "[") || p.startsWith(live + ".")) {
                return true;
            }
        }
        return false;
    }

    private boolean isFreeMap(String path) {
        for (int i = path.indexOf('.'); ; i = path.indexOf('.', i + 1)) {
            if (resolve(i < 0 ? path : path.substring(0, i)) instanceof ConfigDef.FreeMap) {
                return true;
            }
            if (i < 0) {
                return false;
            }
        }
    }

    /** The declaration at a dotted path, looking through lists of mappings and sink variants; null if none. */
    ConfigDef.Entry resolve(String path) {
        List<ConfigDef> defs = List.of(root);
        ConfigDef.Entry found = null;
        for (String segment : path.split("\\.")) {
            String name = segment.replaceAll("\\[\\d+]$", "");
            found = null;
            for (ConfigDef d : defs) {
                found = d.entry(name).orElse(null);
                if (found != null) {
                    break;
                }
            }
            if (found == null) {
                return null;
            }
            defs = switch (found) {
                case ConfigDef.Section s -> List.of(s.def());
                case ConfigDef.SectionList l -> List.of(l.item());
                case ConfigDef.Variants v -> {
                    List<ConfigDef> all = new ArrayList<>(List.of(v.common()));
                    all.addAll(v.variants().values());
                    yield all;
                }
                default -> List.of();
            };
        }
        return found;
    }

    private static boolean sameValue(ConfigKey<?> key, JsonNode a, JsonNode b) {
        Object va = a == null ? key.defaultValue() : value(key.type(), a);
        Object vb = b == null ? key.defaultValue() : value(key.type(), b);
        return va != null && va.equals(vb);
    }

    private static Object value(ValueType<?> type, JsonNode n) {
        if (type instanceof ValueType.ListOf<?> list) {
            if (!n.isArray()) {
                return null;
            }
            List<Object> items = new ArrayList<>();
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                Object v = value(list.item(), it.next());
                if (v == null) {
                    return null;
                }
                items.add(v);
            }
            return items;
        }
        return type.problem(n) == null ? type.convert(n) : null;
    }
}
