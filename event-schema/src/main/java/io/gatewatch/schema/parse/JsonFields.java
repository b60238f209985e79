package io.gatewatch.schema.parse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lenient reads of access-log JSON: gateways write numbers as strings ({@code "status":"200"}), unset
 * values as {@code "-"} or {@code null}, and fields either flat ({@code "identity.sourceIp"}) or nested.
 * Every getter returns null rather than throwing.
 */
final class JsonFields {
    private JsonFields() {
    }

    /** The node at a field name or, failing that, at a dotted path; null when absent. */
    static JsonNode at(JsonNode obj, String path) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        JsonNode direct = obj.get(path);
        if (direct != null || path.indexOf('.') < 0) {
            return direct;
        }
        JsonNode node = obj;
        int start = 0;
        while (node != null && start <= path.length()) {
            int dot = path.indexOf('.', start);
            int end = dot < 0 ? path.length() : dot;
            if (!node.isObject()) {
                return null;
            }
            node = node.get(path.substring(start, end));
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return node;
    }

    /** The first of {@code paths} holding a usable text: not null, not empty, not {@code -}. */
    static String text(JsonNode obj, String... paths) {
        for (String path : paths) {
            String v = text(at(obj, path));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : text(node.get(0)); // a repeated header
        }
        if (node.isContainerNode()) {
            return null;
        }
        String v = node.asText();
        return v.isEmpty() || v.equals("-") ? null : v;
    }

    static Long longValue(JsonNode obj, String... paths) {
        for (String path : paths) {
            JsonNode node = at(obj, path);
            if (node == null || node.isNull()) {
                continue;
            }
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return node.asLong() >= 0 ? node.asLong() : null;
            }
            if (node.isNumber()) {
                double d = node.asDouble();
                return d >= 0 && d < 9e18 ? (long) d : null;
            }
            String t = text(node);
            if (t != null) {
                double d = Text.parseDecimal(t, 0, t.length());
                if (!Double.isNaN(d) && d < 9e18) {
                    return (long) d;
                }
            }
        }
        return null;
    }

    static Double doubleValue(JsonNode obj, String... paths) {
        for (String path : paths) {
            JsonNode node = at(obj, path);
            if (node == null || node.isNull()) {
                continue;
            }
            if (node.isNumber()) {
                double d = node.asDouble();
                return d >= 0 && Double.isFinite(d) ? d : null;
            }
            String t = text(node);
            if (t != null) {
                double d = Text.parseDecimal(t, 0, t.length());
                if (!Double.isNaN(d)) {
                    return d;
                }
            }
        }
        return null;
    }

    /** An HTTP status: an integer 0..999, as number or string. */
    static Integer status(JsonNode obj, String... paths) {
        Long v = longValue(obj, paths);
        return v == null || v > 999 ? null : v.intValue();
    }

    static boolean hasAny(JsonNode obj, String... names) {
        for (String name : names) {
            if (obj.has(name)) {
                return true;
            }
        }
        return false;
    }
}
