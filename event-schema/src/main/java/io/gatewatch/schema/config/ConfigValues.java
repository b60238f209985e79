package io.gatewatch.schema.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads declared keys from a YAML tree and reports each problem as one line
 * {@code key = value: reason (allowed: ...)}; reading goes on after a problem so that one run lists them
 * all. The detector app and the alerting module both read through this class: one set of messages.
 */
public final class ConfigValues {
    public static final String MISSING = "(missing)";
    public static final String HIDDEN = "(hidden)";
    private static final Pattern URL = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^\\s/?#]*@)?([^\\s/?#]*)([^\\s?#]*)([?#]\\S*)?");
    private static final Pattern USER_INFO = Pattern.compile("[^\\s/@]+:[^\\s/@]*@");
    private static final Pattern ASSIGNED_SECRET =
            Pattern.compile("(?i)\\b(password|passwd|pwd|secret|token|api[_-]?key)(\"?\\s*[=:]\\s*)[^\\s,;}\"]+");
    /**
     * A key named like this may hold a credential: a misspelt {@code token} must not echo the token as the
     * value of an unknown key (a scalar one: a credential is never a mapping). Fragments rather than words,
     * so that {@code tokn} or {@code secet} match too.
     */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(tok|sec|pas|pwd|pw|key|cred|auth|url|hook).*");

    private ConfigValues() {
    }

    /**
     * The value of {@code key} in the mapping {@code parent} (at dotted {@code path}); its default when it
     * is absent or refused, after the refusal is added to {@code problems}.
     */
    public static <T> T read(JsonNode parent, String path, ConfigKey<T> key, List<String> problems) {
        JsonNode v = parent == null ? null : parent.get(key.name());
        String at = join(path, key.name());
        if (v == null || v.isNull()) {
            if (key.required()) {
                problems.add(at + " = " + MISSING + ": required" + allowedSuffix(key.allowed()));
            }
            return key.defaultValue();
        }
        if (key.type() instanceof ValueType.ListOf<?> list) {
            @SuppressWarnings("unchecked")
            T items = (T) readList(v, at, (ConfigKey<List<Object>>) (ConfigKey<?>) key, (ValueType<Object>) list.item(), problems);
            return items;
        }
        String typeProblem = key.type().problem(v);
        if (typeProblem != null) {
            problems.add(line(at, show(v, key.secret()), typeProblem, key.allowed()));
            return key.defaultValue();
        }
        T value = key.type().convert(v);
        for (Validator<? super T> check : key.validators()) {
            String reason = check.check(value);
            if (reason != null) {
                problems.add(line(at, show(v, key.secret()), reason, check.allowed()));
                return key.defaultValue();
            }
        }
        return value;
    }

    private static List<Object> readList(JsonNode v, String at, ConfigKey<List<Object>> key, ValueType<Object> item,
            List<String> problems) {
        String typeProblem = key.type().problem(v);
        if (typeProblem != null) {
            problems.add(line(at, show(v, key.secret()), typeProblem, key.allowed()));
            return key.defaultValue();
        }
        List<Validator<Object>> itemChecks = new ArrayList<>();
        for (Validator<? super List<Object>> check : key.validators()) {
            if ((Object) check instanceof Validator.Each<?> each) {
                @SuppressWarnings("unchecked")
                Validator<Object> c = (Validator<Object>) each.item();
                itemChecks.add(c);
            }
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode n = v.get(i);
            String itemAt = at + "[" + i + "]";
            String problem = item.problem(n);
            if (problem != null) {
                problems.add(line(itemAt, show(n, key.secret()), problem, key.allowed()));
                continue;
            }
            Object value = item.convert(n);
            String refused = null;
            String allowed = "";
            for (Validator<Object> c : itemChecks) {
                refused = c.check(value);
                if (refused != null) {
                    allowed = c.allowed();
                    break;
                }
            }
            if (refused != null) {
                problems.add(line(itemAt, show(n, key.secret()), refused, allowed));
            } else {
                out.add(value);
            }
        }
        List<Object> result = List.copyOf(out);
        for (Validator<? super List<Object>> check : key.validators()) {
            String reason = (Object) check instanceof Validator.Each<?> ? null : check.check(result);
            if (reason != null) {
                problems.add(line(at, show(v, key.secret()), reason, check.allowed()));
            }
        }
        return result;
    }

    /** Reports every key of {@code node} not in {@code allowed}: a typo must not fall back to a default. */
    public static void unknownKeys(JsonNode node, String path, Collection<String> allowed, List<String> problems) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                JsonNode v = node.get(k);
                boolean mayBeSecret = v.isValueNode() && SECRET_NAME.matcher(k).matches();
                problems.add(line(join(path, k), show(v, mayBeSecret), "unknown key", String.join(", ", allowed)));
            }
        }
    }

    /** One problem line: {@code key = value: reason (allowed: ...)}, the parenthesis only when something is allowed. */
    public static String line(String keyPath, String shownValue, String reason, String allowed) {
        return keyPath + " = " + shownValue + ": " + reason + allowedSuffix(allowed);
    }

    private static String allowedSuffix(String allowed) {
        return allowed == null || allowed.isEmpty() ? "" : " (allowed: " + allowed + ")";
    }

    public static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }

    /** A value as a message shows it: short, and never with a secret in it. */
    public static String show(JsonNode v, boolean secret) {
        if (v == null || v.isMissingNode()) {
            return MISSING;
        }
        if (secret) {
            return HIDDEN;
        }
        if (v.isNull()) {
            return "null";
        }
        String s = v.isValueNode() ? v.asText() : v.toString();
        s = mask(s);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    /**
     * Hides what in a text may be a credential: a URL's user and password, its path (webhook URLs carry
     * their secret there) and its query; a {@code user:password@} without a scheme; {@code password=...}.
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        text = ASSIGNED_SECRET.matcher(text).replaceAll("$1$2***");
        if (text.indexOf('@') < 0 && text.indexOf("://") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        var m = URL.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            out.append(m.group(1));
            if (m.group(2) != null) {
                out.append("***@");
            }
            out.append(m.group(3));
            String path = m.group(4);
            if (path != null && path.length() > 1) {
                out.append("/***");
            } else if (path != null) {
                out.append(path);
            }
            if (m.group(5) != null) {
                out.append(m.group(5).charAt(0)).append("***");
            }
            last = m.end();
        }
        out.append(text.substring(last));
        return USER_INFO.matcher(out).replaceAll("***@");
    }

    /** The constant of an enum named (without regard to case) by a value a {@link Validator.OneOf} accepted. */
    public static <E extends Enum<E>> E constant(Class<E> type, String name) {
        return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
    }
}
