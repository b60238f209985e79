package io.gatewatch.alerting.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.ConfigValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The alerting module's thin adapter over event-schema's config toolkit ({@link ConfigValues}): the same
 * reading, messages and masking as the detector app, plus what is the alerting's own: secrets read from
 * environment variables.
 */
final class Problems {
    static final String MISSING = ConfigValues.MISSING;
    static final String HIDDEN = ConfigValues.HIDDEN;

    private final List<String> lines;
    private final Function<String, String> env;

    Problems(List<String> lines, Function<String, String> env) {
        this.lines = lines;
        this.env = env;
    }

    void add(String path, String value, String reason) {
        lines.add(ConfigValues.line(path, ConfigValues.mask(value), reason, ""));
    }

    void add(String path, String value, String reason, String allowed) {
        lines.add(ConfigValues.line(path, ConfigValues.mask(value), reason, allowed));
    }

    void add(String path, JsonNode value, String reason) {
        lines.add(ConfigValues.line(path, ConfigValues.show(value, false), reason, ""));
    }

    boolean isObject(JsonNode node, String path) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            add(path, node, "must be a mapping of keys to values");
            return false;
        }
        return true;
    }

    void knownKeys(JsonNode node, String path, ConfigDef def) {
        ConfigValues.unknownKeys(node, path, def.names(), lines);
    }

    /** The declared key's value (its default when absent or refused), texts trimmed. */
    <T> T get(JsonNode parent, String path, ConfigKey<T> key) {
        T value = ConfigValues.read(parent, path, key, lines);
        return value instanceof String s ? key.type().convert(JsonNodeFactory.instance.textNode(s.trim())) : value;
    }

    /** A text that is optional and has no default. */
    Optional<String> optional(JsonNode parent, String path, ConfigKey<String> key) {
        return Optional.ofNullable(get(parent, path, key));
    }

    /** A list of texts; a single text is accepted as a list of one, as it always was here. */
    List<String> texts(JsonNode parent, String path, ConfigKey<List<String>> key) {
        JsonNode v = parent.get(key.name());
        if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
            ObjectNode wrapped = parent.deepCopy();
            ArrayNode one = wrapped.putArray(key.name());
            one.add(v);
            parent = wrapped;
        }
        List<String> out = ConfigValues.read(parent, path, key, lines);
        return out == null ? List.of() : out.stream().map(String::trim).toList();
    }

    /**
     * The value of the environment variable named at {@code envKey}. A secret written in the YAML itself
     * (at {@code inlineKey}) is refused without echoing it.
     */
    Optional<Secret> secret(JsonNode parent, String path, ConfigKey<String> envKey, ConfigKey<String> inlineKey) {
        get(parent, path, inlineKey);
        if (parent.has(inlineKey.name()) && !parent.has(envKey.name())) {
            return Optional.empty();
        }
        Optional<String> variable = optional(parent, path, envKey);
        if (variable.isEmpty() || !variable.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return Optional.empty();
        }
        String name = variable.get();
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            add(path + "." + envKey.name(), name, "environment variable " + name + " is not set or empty");
            return Optional.empty();
        }
        return Optional.of(new Secret(name, value.trim()));
    }
}
