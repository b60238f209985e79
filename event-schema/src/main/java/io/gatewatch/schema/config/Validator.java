package io.gatewatch.schema.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a well-typed value of a key may be. Each kind says why a value is refused, what is allowed (for
 * messages and the reference table) and, where JSON Schema can say it, the schema keywords.
 */
public sealed interface Validator<T> {

    /** Why the value is refused, or null when it is allowed. */
    String check(T value);

    /** What is allowed, as the reference table and {@code (allowed: ...)} in messages write it. */
    String allowed();

    /** Adds the schema keywords that express this validator, where JSON Schema can. */
    default void schema(ObjectNode target) {
    }

    static Range range(Number min, Number max) {
        return new Range(min, max);
    }

    static DurationRange between(Duration min, Duration max) {
        return new DurationRange(min, max);
    }

    static OneOf oneOf(List<String> choices) {
        return new OneOf(List.copyOf(choices));
    }

    static <E extends Enum<E>> OneOf oneOf(Class<E> type) {
        return new OneOf(java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }

    static Matches matches(String regex, String reason, String allowed) {
        return new Matches(Pattern.compile(regex), reason, allowed);
    }

    static <E> Each<E> each(Validator<? super E> item) {
        return new Each<>(item);
    }

    /** For checks JSON Schema cannot express (a CIDR, a regular expression that compiles). */
    static <T> Satisfies<T> satisfies(Predicate<T> test, String reason, String allowed) {
        return new Satisfies<>(test, reason, allowed);
    }

    /** Any value is refused, e.g. a secret written inline where only the name of a variable may be. */
    static Refused refused(String reason, String allowed) {
        return new Refused(reason, allowed);
    }

    static Size size(int min, int max) {
        return new Size(min, max);
    }

    /** Numbers from min to max, both included. */
    record Range(Number min, Number max) implements Validator<Number> {
        @Override
        public String check(Number v) {
            return v.doubleValue() < min.doubleValue() || v.doubleValue() > max.doubleValue() ? "out of range" : null;
        }

        @Override
        public String allowed() {
            return plain(min) + " to " + plain(max);
        }

        @Override
        public void schema(ObjectNode t) {
            putNumber(t, "minimum", min);
            putNumber(t, "maximum", max);
        }

        private static void putNumber(ObjectNode t, String field, Number n) {
            if (n instanceof Double || n instanceof Float) {
                t.put(field, n.doubleValue());
            } else {
                t.put(field, n.longValue());
            }
        }
    }

    /** Durations from min to max, both included. */
    record DurationRange(Duration min, Duration max) implements Validator<Duration> {
        @Override
        public String check(Duration v) {
            return v.compareTo(min) < 0 || v.compareTo(max) > 0 ? "out of range" : null;
        }

        @Override
        public String allowed() {
            return Durations.format(min) + " to " + Durations.format(max);
        }
    }

    /** One of a closed set of names, compared without regard to case. */
    record OneOf(List<String> choices) implements Validator<String> {
        @Override
        public String check(String v) {
            return choices.stream().anyMatch(c -> c.equalsIgnoreCase(v)) ? null : "unknown value";
        }

        @Override
        public String allowed() {
            return String.join(", ", choices);
        }

        @Override
        public void schema(ObjectNode t) {
            t.remove("type");
            ArrayNode e = t.putArray("enum");
            choices.forEach(e::add);
        }
    }

    /** Text matching a regular expression, described for people in {@code allowed}. */
    record Matches(Pattern regex, String reason, String allowed) implements Validator<String> {
        @Override
        public String check(String v) {
            return regex.matcher(v).matches() ? null : reason;
        }

        @Override
        public void schema(ObjectNode t) {
            t.put("type", "string");
            t.put("pattern", "^(?:" + regex.pattern() + ")$");
        }
    }

    /** Applies to every item of a list; a refused item is reported under its index. */
    record Each<E>(Validator<? super E> item) implements Validator<List<E>> {
        @Override
        public String check(List<E> v) {
            return null;
        }

        @Override
        public String allowed() {
            return item.allowed();
        }

        @Override
        public void schema(ObjectNode t) {
            item.schema((ObjectNode) t.get("items"));
        }
    }

    record Satisfies<T>(Predicate<T> test, String reason, String allowed) implements Validator<T> {
        @Override
        public String check(T v) {
            return test.test(v) ? null : reason;
        }
    }

    record Refused(String reason, String allowed) implements Validator<Object> {
        @Override
        public String check(Object v) {
            return reason;
        }

        @Override
        public void schema(ObjectNode t) {
            t.putObject("not");
        }
    }

    /** How many items a list may have. */
    record Size(int min, int max) implements Validator<List<?>> {
        @Override
        public String check(List<?> v) {
            if (v.size() < min) {
                return min == 1 ? "must list at least one item" : "must list at least " + min + " items";
            }
            return v.size() > max ? "must list at most " + max + " items" : null;
        }

        @Override
        public String allowed() {
            return max == Integer.MAX_VALUE ? "at least " + min + (min == 1 ? " item" : " items")
                    : min + " to " + max + " items";
        }

        @Override
        public void schema(ObjectNode t) {
            t.put("minItems", min);
            if (max != Integer.MAX_VALUE) {
                t.put("maxItems", max);
            }
        }
    }

    /** A number as people write it: {@code 5}, not {@code 5.0}. */
    static String plain(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
