package io.gatewatch.alerting.config;

import java.util.Objects;

/**
 * A value read from an environment variable named in the config. Its {@code toString} names the variable,
 * never the value, so a config record printed in a log or an exception cannot leak it.
 */
public record Secret(String variable, String value) {
    public Secret {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
    }

    /** Replaces every occurrence of the secret in {@code text}; for reasons built from library exceptions. */
    public String redact(String text) {
        if (text == null || value.isEmpty()) {
            return text;
        }
        return text.replace(value, "${" + variable + "}");
    }

    @Override
    public String toString() {
        return "${" + variable + "}";
    }
}
