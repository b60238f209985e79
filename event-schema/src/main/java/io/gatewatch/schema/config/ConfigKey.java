package io.gatewatch.schema.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One key of the configuration, declared once: its name, type, default, validators, doc and whether it
 * may change while running. The loader reads it, problem messages quote it, and the JSON Schema and the
 * reference table are generated from it (Kafka's {@code ConfigDef.define} is the model).
 *
 * @param defaultValue null when the key has no default (it is then optional and unset, or required)
 * @param defaultText  how the reference shows the default when it is not a plain value (e.g. "this host")
 * @param live         true when a running instance may take a new value without a restart: thresholds,
 *                     modes, allowlists and sinks are; windows, topics, Kafka and state-shaping keys are not
 * @param secret       its value is never shown in a message
 */
public record ConfigKey<T>(
        String name,
        ValueType<T> type,
        T defaultValue,
        List<Validator<? super T>> validators,
        String doc,
        boolean live,
        boolean secret,
        boolean required,
        String defaultText) implements ConfigDef.Entry {

    public ConfigKey {
        validators = List.copyOf(validators);
    }

    public static <T> ConfigKey<T> of(String name, ValueType<T> type, T defaultValue) {
        return new ConfigKey<>(name, type, defaultValue, List.of(), "", false, false, false, null);
    }

    public static ConfigKey<String> text(String name, String defaultValue) {
        return of(name, ValueType.TEXT, defaultValue);
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue) {
        return of(name, ValueType.BOOLEAN, defaultValue);
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue) {
        return of(name, ValueType.INTEGER, defaultValue);
    }

    public static ConfigKey<Double> number(String name, double defaultValue) {
        return of(name, ValueType.NUMBER, defaultValue);
    }

    public static ConfigKey<Duration> duration(String name, Duration defaultValue) {
        return of(name, ValueType.DURATION, defaultValue);
    }

    public static ConfigKey<List<String>> texts(String name, List<String> defaultValue) {
        return of(name, ValueType.listOf(ValueType.TEXT), defaultValue);
    }

    public static ConfigKey<List<Integer>> integers(String name, List<Integer> defaultValue) {
        return of(name, ValueType.listOf(ValueType.INTEGER), defaultValue);
    }

    /** A name from a closed set, e.g. {@code mode: alert|shadow}. */
    public static ConfigKey<String> choice(String name, String defaultValue, List<String> choices) {
        return text(name, defaultValue).check(Validator.oneOf(choices));
    }

    public ConfigKey<T> check(Validator<? super T> validator) {
        List<Validator<? super T>> v = new ArrayList<>(validators);
        v.add(validator);
        return new ConfigKey<>(name, type, defaultValue, v, doc, live, secret, required, defaultText);
    }

    public ConfigKey<T> range(Number min, Number max) {
        @SuppressWarnings("unchecked")
        Validator<? super T> r = (Validator<? super T>) Validator.range(min, max);
        return check(r);
    }

    public ConfigKey<T> between(Duration min, Duration max) {
        @SuppressWarnings("unchecked")
        Validator<? super T> r = (Validator<? super T>) Validator.between(min, max);
        return check(r);
    }

    /** The same key with another default, e.g. a sink's delivery settings default to the top-level ones. */
    public ConfigKey<T> withDefault(T value) {
        return new ConfigKey<>(name, type, value, validators, doc, live, secret, required, defaultText);
    }

    public ConfigKey<T> doc(String text) {
        return new ConfigKey<>(name, type, defaultValue, validators, text, live, secret, required, defaultText);
    }

    /** May change on a running instance (the reload path reads this flag). */
    public ConfigKey<T> reloadable() {
        return new ConfigKey<>(name, type, defaultValue, validators, doc, true, secret, required, defaultText);
    }

    public ConfigKey<T> hidden() {
        return new ConfigKey<>(name, type, defaultValue, validators, doc, live, true, required, defaultText);
    }

    public ConfigKey<T> mandatory() {
        return new ConfigKey<>(name, type, defaultValue, validators, doc, live, secret, true, defaultText);
    }

    public ConfigKey<T> defaultText(String text) {
        return new ConfigKey<>(name, type, defaultValue, validators, doc, live, secret, required, text);
    }

    /** The default as the reference table writes it. */
    public String shownDefault() {
        if (defaultText != null) {
            return defaultText;
        }
        if (required) {
            return "(required)";
        }
        return defaultValue == null ? "(none)" : type.show(defaultValue);
    }

    /** What is allowed, joined over the validators; empty when any value of the type is. */
    public String allowed() {
        return String.join("; ", validators.stream().map(Validator::allowed).toList());
    }
}
