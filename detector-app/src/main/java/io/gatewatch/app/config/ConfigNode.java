package io.gatewatch.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.gatewatch.schema.Redact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A cursor into the YAML tree that knows its dotted key and reports every problem it meets as
 * {@code key = value: reason} instead of throwing, so one validation run lists them all.
 * Typed getters return the default after reporting a problem, so reading can go on.
 */
public final class ConfigNode {
    private final JsonNode json;
    private final String path;
    private final List<String> problems;

    public ConfigNode(JsonNode json, String path, List<String> problems) {
        this.json = json == null ? MissingNode.getInstance() : json;
        this.path = path;
        this.problems = problems;
    }

    public static ConfigNode root(JsonNode json, List<String> problems) {
        return new ConfigNode(json, "", problems);
    }

    List<String> problems() {
        return problems;
    }

    public JsonNode json() {
        return json;
    }

    public String path() {
        return path;
    }

    public boolean isPresent() {
        return !json.isMissingNode() && !json.isNull();
    }

    public boolean has(String key) {
        return json.has(key) && !json.get(key).isNull();
    }

    public String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public ConfigNode child(String key) {
        JsonNode c = json.get(key);
        if (c != null && !c.isNull() && !c.isObject()) {
            problem(key, c, "must be a mapping of keys to values");
            return new ConfigNode(MissingNode.getInstance(), keyPath(key), problems);
        }
        return new ConfigNode(c, keyPath(key), problems);
    }

    public List<ConfigNode> children(String key) {
        JsonNode c = json.get(key);
        List<ConfigNode> out = new ArrayList<>();
        if (c == null || c.isNull()) {
            return out;
        }
        if (!c.isArray()) {
            problem(key, c, "must be a list");
            return out;
        }
        for (int i = 0; i < c.size(); i++) {
            JsonNode item = c.get(i);
            String itemPath = keyPath(key) + "[" + i + "]";
            if (!item.isObject()) {
                problems.add(itemPath + " = " + show(item) + ": must be a mapping of keys to values");
                continue;
            }
            out.add(new ConfigNode(item, itemPath, problems));
        }
        return out;
    }

    /** Every key of this mapping, for maps whose keys are names (detectors, sinks). */
    public Iterator<Map.Entry<String, JsonNode>> fields() {
        return json.isObject() ? json.fields() : java.util.Collections.emptyIterator();
    }

    /** Reports keys that are not in the allowed set: a typo must not silently fall back to a default. */
    public void allowOnly(String... keys) {
        if (!json.isObject()) {
            return;
        }
        Set<String> allowed = new LinkedHashSet<>(List.of(keys));
        json.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problems.add(keyPath(k) + " = " + show(json.get(k)) + ": unknown key; allowed here: "
                        + String.join(", ", allowed));
            }
        });
    }

    public String text(String key, String def) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            problem(key, v, "must be a non-empty text value");
            return def;
        }
        return v.asText();
    }

    public boolean bool(String key, boolean def) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isBoolean()) {
            problem(key, v, "must be true or false");
            return def;
        }
        return v.booleanValue();
    }

    public int integer(String key, int def, int min, int max) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
            problem(key, v, "must be a whole number from " + min + " to " + max);
            return def;
        }
        return v.intValue();
    }

    public double decimal(String key, double def, double min, double max) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isNumber() || v.doubleValue() < min || v.doubleValue() > max) {
            problem(key, v, "must be a number from " + min + " to " + max);
            return def;
        }
        return v.doubleValue();
    }

    public Duration duration(String key, Duration def, Duration min, Duration max) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        Duration d = Durations.parse(v.asText());
        if (d == null || !v.isValueNode()) {
            problem(key, v, "must be a duration like 500ms, 30s, 10m, 6h or 1d");
            return def;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(key, v, "must be from " + Durations.format(min) + " to " + Durations.format(max));
            return def;
        }
        return d;
    }

    public <E extends Enum<E>> E oneOf(String key, E def, Class<E> type) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.asText())) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        problem(key, v, "must be one of " + String.join(", ", names));
        return def;
    }

    public List<String> texts(String key, List<String> def) {
        return list(key, def, JsonNode::isValueNode, JsonNode::asText, "must be a list of text values");
    }

    public List<Integer> integers(String key, List<Integer> def, int min, int max) {
        return list(key, def, n -> n.isIntegralNumber() && n.intValue() >= min && n.intValue() <= max,
                JsonNode::intValue, "must be a list of whole numbers from " + min + " to " + max);
    }

    private <T> List<T> list(String key, List<T> def, java.util.function.Predicate<JsonNode> ok,
            Function<JsonNode, T> read, String reason) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isArray()) {
            problem(key, v, reason);
            return def;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!ok.test(v.get(i))) {
                problems.add(keyPath(key) + "[" + i + "] = " + show(v.get(i)) + ": " + reason);
                continue;
            }
            out.add(read.apply(v.get(i)));
        }
        return List.copyOf(out);
    }

    /** Reports a problem with the value under key. */
    public void problem(String key, JsonNode value, String reason) {
        // a value may be a URL with a password or a pasted token: never printed as it is
        problems.add(keyPath(key) + " = " + Redact.text(show(value)) + ": " + reason);
    }

    /** Reports a problem with this node as a whole (e.g. two settings that conflict). */
    public void problem(String reason) {
        problems.add((path.isEmpty() ? "(top level)" : path) + " = " + Redact.text(show(json)) + ": " + reason);
    }

    static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "(missing)";
        }
        if (v.isContainerNode()) {
            String s = v.toString();
            return s.length() > 60 ? s.substring(0, 57) + "..." : s;
        }
        return v.asText();
    }
}
