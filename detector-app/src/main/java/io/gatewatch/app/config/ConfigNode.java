package io.gatewatch.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.ConfigValues;
import io.gatewatch.schema.config.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
                problems.add(ConfigValues.line(itemPath, show(item), "must be a mapping of keys to values", ""));
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
        ConfigValues.unknownKeys(json, path, List.of(keys), problems);
    }

    /** Reports keys this mapping's declaration does not name. */
    public void allowOnly(ConfigDef def) {
        ConfigValues.unknownKeys(json, path, def.names(), problems);
    }

    /** The value of a declared key: its default when absent, or when refused (the refusal is reported). */
    public <T> T get(ConfigKey<T> key) {
        return ConfigValues.read(json, path, key, problems);
    }

    /** The enum constant a {@link io.gatewatch.schema.config.Validator.OneOf} key names. */
    public <E extends Enum<E>> E get(ConfigKey<String> key, Class<E> type) {
        return ConfigValues.constant(type, get(key));
    }

    public String text(String key, String def) {
        return get(ConfigKey.text(key, def));
    }

    public boolean bool(String key, boolean def) {
        return get(ConfigKey.bool(key, def));
    }

    public int integer(String key, int def, int min, int max) {
        return get(ConfigKey.integer(key, def).range(min, max));
    }

    public double decimal(String key, double def, double min, double max) {
        return get(ConfigKey.number(key, def).range(min, max));
    }

    public Duration duration(String key, Duration def, Duration min, Duration max) {
        return get(ConfigKey.duration(key, def).between(min, max));
    }

    public <E extends Enum<E>> E oneOf(String key, E def, Class<E> type) {
        return get(ConfigKey.choice(key, def.name().toLowerCase(Locale.ROOT), Validator.oneOf(type).choices()), type);
    }

    public List<String> texts(String key, List<String> def) {
        return get(ConfigKey.texts(key, def));
    }

    public List<Integer> integers(String key, List<Integer> def, int min, int max) {
        return get(ConfigKey.integers(key, def).check(Validator.each(Validator.range(min, max))));
    }

    /** Reports a problem with the value under key. */
    public void problem(String key, JsonNode value, String reason) {
        problems.add(ConfigValues.line(keyPath(key), show(value), reason, ""));
    }

    /** Reports a problem with the value under key, saying what is allowed. */
    public void problem(String key, JsonNode value, String reason, String allowed) {
        problems.add(ConfigValues.line(keyPath(key), show(value), reason, allowed));
    }

    /** Reports a problem with this node as a whole (e.g. two settings that conflict). */
    public void problem(String reason) {
        problems.add((path.isEmpty() ? "(top level)" : path) + " = " + show(json) + ": " + reason);
    }

    static String show(JsonNode v) {
        return ConfigValues.show(v, false);
    }
}
