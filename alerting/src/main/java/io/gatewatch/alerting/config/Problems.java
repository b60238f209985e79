package io.gatewatch.alerting.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.schema.Redact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Reads typed values from the config tree, adding one {@code key = value: reason} line per problem. */
final class Problems {
    static final String MISSING = "(missing)";
    static final String HIDDEN = "(hidden)";

    private final List<String> lines;
    private final Function<String, String> env;

    Problems(List<String> lines, Function<String, String> env) {
        this.lines = lines;
        this.env = env;
    }

    void add(String path, String value, String reason) {
        // a value may be a URL with a password or a pasted token: never printed as it is
        lines.add(path + " = " + Redact.text(value) + ": " + reason);
    }

    void add(String path, JsonNode value, String reason) {
        add(path, show(value), reason);
    }

    static String show(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return MISSING;
        }
        if (value.isNull()) {
            return "null";
        }
        String s = value.isValueNode() ? value.asText() : value.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
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

    void knownKeys(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                add(path + "." + key, node.get(key), "unknown key; known keys: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    Optional<String> text(JsonNode parent, String key, String path, boolean required) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                add(path + "." + key, v, "required");
            }
            return Optional.empty();
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            add(path + "." + key, v, "must be a non-empty text");
            return Optional.empty();
        }
        return Optional.of(v.asText().trim());
    }

    String text(JsonNode parent, String key, String path, String fallback) {
        return text(parent, key, path, false).orElse(fallback);
    }

    int integer(JsonNode parent, String key, String path, int fallback, int min, int max) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() && !isIntegralText(v)) {
            add(path + "." + key, v, "must be a whole number from " + min + " to " + max);
            return fallback;
        }
        int n = v.isIntegralNumber() ? v.asInt() : Integer.parseInt(v.asText().trim());
        if (n < min || n > max) {
            add(path + "." + key, v, "must be from " + min + " to " + max);
            return fallback;
        }
        return n;
    }

    private static boolean isIntegralText(JsonNode v) {
        return v.isTextual() && v.asText().trim().matches("-?\\d{1,9}");
    }

    double fraction(JsonNode parent, String key, String path, double fallback) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            add(path + "." + key, v, "must be a number from 0 to 1");
            return fallback;
        }
        return v.asDouble();
    }

    boolean bool(JsonNode parent, String key, String path, boolean fallback) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        add(path + "." + key, v, "must be true or false");
        return fallback;
    }

    Duration duration(JsonNode parent, String key, String path, Duration fallback, Duration min, Duration max) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        Optional<Duration> d = v.isValueNode() ? Durations.parse(v.asText()) : Optional.empty();
        if (d.isEmpty()) {
            add(path + "." + key, v, "not a duration; write e.g. 500ms, 30s, 10m, 1h");
            return fallback;
        }
        if (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
            add(path + "." + key, v, "must be from " + Durations.format(min) + " to " + Durations.format(max));
            return fallback;
        }
        return d.get();
    }

    /** A list of texts; a single text is accepted as a list of one. */
    List<String> texts(JsonNode parent, String key, String path) {
        JsonNode v = parent.path(key);
        List<String> out = new ArrayList<>();
        if (v.isMissingNode() || v.isNull()) {
            return out;
        }
        if (v.isValueNode() && !v.asText().isBlank()) {
            out.add(v.asText().trim());
            return out;
        }
        if (!v.isArray()) {
            add(path + "." + key, v, "must be a list of texts");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                add(path + "." + key + "[" + i + "]", item, "must be a non-empty text");
            } else {
                out.add(item.asText().trim());
            }
        }
        return out;
    }

    /**
     * The value of the environment variable named at {@code key}. A secret written in the YAML itself
     * (at {@code inlineKey}) is refused without echoing it.
     */
    Optional<Secret> secret(JsonNode parent, String key, String inlineKey, String path, boolean required, String what) {
        if (parent.has(inlineKey)) {
            add(path + "." + inlineKey, HIDDEN, what + " is a secret and must not be written in the config; "
                    + "put it in an environment variable and name that variable in " + key);
        }
        Optional<String> variable = text(parent, key, path, required && !parent.has(inlineKey));
        if (variable.isEmpty()) {
            return Optional.empty();
        }
        String name = variable.get();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            add(path + "." + key, name, "not an environment variable name");
            return Optional.empty();
        }
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            add(path + "." + key, name, "environment variable " + name + " is not set or empty");
            return Optional.empty();
        }
        return Optional.of(new Secret(name, value.trim()));
    }
}
