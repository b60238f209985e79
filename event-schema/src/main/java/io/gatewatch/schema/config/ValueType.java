package io.gatewatch.schema.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * The YAML shape of a key's value and its conversion to Java. A value of the wrong shape is reported
 * with {@link #read}'s reason; a value of the right shape is then checked by the key's {@link Validator}.
 */
public sealed interface ValueType<T> {
    ValueType<String> TEXT = new Text();
    ValueType<Boolean> BOOLEAN = new Bool();
    ValueType<Integer> INTEGER = new Whole();
    ValueType<Double> NUMBER = new Decimal();
    ValueType<Duration> DURATION = new Span();

    static <E> ValueType<List<E>> listOf(ValueType<E> item) {
        return new ListOf<>(item);
    }

    /** The reason the node cannot be read as this type, or null. */
    String problem(JsonNode node);

    /** The value of a node for which {@link #problem} is null. */
    T convert(JsonNode node);

    /** The type's name in docs: {@code integer}, {@code duration}, {@code list of text}. */
    String label();

    /** The JSON Schema keywords of the type. */
    void schema(ObjectNode target);

    /** How docs and messages write a value. */
    default String show(T value) {
        return String.valueOf(value);
    }

    record Text() implements ValueType<String> {
        @Override
        public String problem(JsonNode n) {
            return n.isValueNode() && !n.asText().isBlank() ? null : "must be a non-empty text value";
        }

        @Override
        public String convert(JsonNode n) {
            return n.asText();
        }

        @Override
        public String label() {
            return "text";
        }

        @Override
        public void schema(ObjectNode t) {
            // YAML reads `format: 1` as a number: the loader takes any scalar as text, and so does the schema.
            t.putArray("type").add("string").add("number").add("boolean");
        }
    }

    record Bool() implements ValueType<Boolean> {
        @Override
        public String problem(JsonNode n) {
            return n.isBoolean() ? null : "must be true or false";
        }

        @Override
        public Boolean convert(JsonNode n) {
            return n.booleanValue();
        }

        @Override
        public String label() {
            return "boolean";
        }

        @Override
        public void schema(ObjectNode t) {
            t.put("type", "boolean");
        }
    }

    record Whole() implements ValueType<Integer> {
        @Override
        public String problem(JsonNode n) {
            return n.isIntegralNumber() && n.canConvertToInt() ? null : "must be a whole number";
        }

        @Override
        public Integer convert(JsonNode n) {
            return n.intValue();
        }

        @Override
        public String label() {
            return "integer";
        }

        @Override
        public void schema(ObjectNode t) {
            t.put("type", "integer");
        }
    }

    record Decimal() implements ValueType<Double> {
        @Override
        public String problem(JsonNode n) {
            return n.isNumber() ? null : "must be a number";
        }

        @Override
        public Double convert(JsonNode n) {
            return n.doubleValue();
        }

        @Override
        public String label() {
            return "number";
        }

        @Override
        public void schema(ObjectNode t) {
            t.put("type", "number");
        }

        @Override
        public String show(Double value) {
            return Validator.plain(value);
        }
    }

    record Span() implements ValueType<Duration> {
        @Override
        public String problem(JsonNode n) {
            return n.isValueNode() ? Durations.problem(n.asText()) : "must be a duration, e.g. " + Durations.EXAMPLES;
        }

        @Override
        public Duration convert(JsonNode n) {
            return Durations.parse(n.asText()).orElseThrow();
        }

        @Override
        public String label() {
            return "duration";
        }

        @Override
        public void schema(ObjectNode t) {
            t.put("type", "string");
            t.put("pattern", Durations.SCHEMA_PATTERN);
        }

        @Override
        public String show(Duration value) {
            return Durations.format(value);
        }
    }

    /** A YAML list; each item is read and validated on its own, so a problem names its index. */
    record ListOf<E>(ValueType<E> item) implements ValueType<List<E>> {
        @Override
        public String problem(JsonNode n) {
            return n.isArray() ? null : "must be a list of " + item.label() + " values";
        }

        @Override
        public List<E> convert(JsonNode n) {
            throw new UnsupportedOperationException("lists are read item by item");
        }

        @Override
        public String label() {
            return "list of " + item.label();
        }

        @Override
        public void schema(ObjectNode t) {
            t.put("type", "array");
            item.schema(t.putObject("items"));
        }

        @Override
        public String show(List<E> value) {
            return "[" + String.join(", ", value.stream().map(item::show).toList()) + "]";
        }
    }
}
