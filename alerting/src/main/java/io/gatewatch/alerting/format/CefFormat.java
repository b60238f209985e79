package io.gatewatch.alerting.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.detector.DetectorInfos;
import java.util.Locale;
import java.util.Map;

/**
 * An alert as one ArcSight CEF:0 line. Header fields escape {@code \} and {@code |}; extension values
 * escape {@code \}, {@code =} and line breaks, so request-derived text cannot forge fields or lines. Every
 * other control character (TAB, ESC, NUL, DEL, C1, the Unicode line separators) has no CEF escape and is
 * written as visible text, an escaped backslash then u and four hex digits (ESC reads {@code \\u001B} on
 * the wire, backslash-u001B once unescaped), so a receiver neither splits on it nor passes it to a
 * terminal. Values are cut to the lengths of the CEF extension dictionary ({@link #MAX_LENGTHS}), and
 * IPv6 sources go to {@code c6a2} (Source IPv6 Address), never {@code src}.
 * Gatewatch-specific values use the custom string and number slots with their labels.
 */
public final class CefFormat {
    /** Value lengths in characters from the CEF extension dictionary; a key not listed is not capped. */
    public static final Map<String, Integer> MAX_LENGTHS = Map.ofEntries(
            Map.entry("msg", 1023), Map.entry("suser", 1023), Map.entry("request", 8000),
            Map.entry("requestMethod", 1023), Map.entry("cat", 1023), Map.entry("externalId", 40),
            Map.entry("cs1", 4000), Map.entry("cs2", 4000), Map.entry("cs3", 4000), Map.entry("cs4", 4000),
            Map.entry("cs5", 4000), Map.entry("cs6", 4000), Map.entry("cs1Label", 1023), Map.entry("cs2Label", 1023),
            Map.entry("cs3Label", 1023), Map.entry("cs4Label", 1023), Map.entry("cs5Label", 1023),
            Map.entry("cs6Label", 1023), Map.entry("c6a2Label", 1023));
    /** Header fields: Device Vendor, Product, Version and Event Class ID 1023, Name 512 (with the above, CEF rev. 25). */
    static final int HEADER_MAX = 1023;
    static final int NAME_MAX = 512;
    private final ObjectMapper mapper = Json.newMapper();
    private final Product product;
    private final DetectorInfos detectors;

    public CefFormat(Product product, DetectorInfos detectors) {
        this.product = product;
        this.detectors = detectors;
    }

    public String render(Alert a) {
        StringBuilder s = new StringBuilder("CEF:0|");
        s.append(header(product.vendor())).append('|')
                .append(header(product.name())).append('|')
                .append(header(product.version())).append('|')
                .append(header(a.detector())).append('|')
                .append(header(cut(AlertText.title(a, detectors) + (a.isUpdate() ? " (update " + a.revision() + ")" : ""), NAME_MAX))).append('|')
                .append(severity(a.severity())).append('|');
        Extension e = new Extension(s);
        if (a.detectedAt() != null) {
            e.put("rt", Long.toString(a.detectedAt().toEpochMilli()));
            e.put("end", Long.toString(a.detectedAt().toEpochMilli()));
        }
        if (a.firstSeen() != null) {
            e.put("start", Long.toString(a.firstSeen().toEpochMilli()));
        }
        e.put("cat", a.detector());
        e.put("externalId", a.alertId());
        if (a.client() != null) {
            String ip = a.client().ip();
            if (ip != null && ip.indexOf(':') >= 0) {
                e.labelled("c6a2", ip, "Source IPv6 Address");
            } else {
                e.put("src", ip);
            }
            e.put("suser", a.client().user());
        }
        e.put("requestMethod", a.method());
        e.put("request", a.route());
        e.put("msg", a.summary());
        e.labelled("cn1", Integer.toString(a.revision()), "revision");
        e.labelled("cfp1", String.format(Locale.ROOT, "%.3f", a.score()), "score");
        e.labelled("cs1", a.scope() == null ? null : a.scope().json(), "scope");
        if (a.client() != null) {
            e.labelled("cs2", a.client().key(), "clientKey");
            e.labelled("cs3", a.client().apiKeyHash(), "apiKeyHash");
        }
        e.labelled("cs4", a.sources().isEmpty() ? null : String.join(",", a.sources()), "sourceIps");
        e.labelled("cs5", a.mode() == null ? null : a.mode().json(), "mode");
        e.labelled("cs6", json(a), "evidence");
        return s.toString();
    }

    private String json(Alert a) {
        try {
            return mapper.writeValueAsString(a.evidence());
        } catch (JsonProcessingException ex) {
            return "{}";
        }
    }

    /** CEF severity 0..10. */
    static int severity(Alert.Severity s) {
        if (s == null) {
            return 0;
        }
        return switch (s) {
            case LOW -> 3;
            case MEDIUM -> 5;
            case HIGH -> 8;
            case CRITICAL -> 10;
        };
    }

    public static String header(String value) {
        if (value == null) {
            return "";
        }
        String v = cut(value, HEADER_MAX);
        StringBuilder b = new StringBuilder(v.length());
        for (char c : v.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '|' -> b.append("\\|");
                case '\r', '\n' -> b.append(' ');
                default -> appendOrShow(b, c);
            }
        }
        return b.toString();
    }

    public static String extensionValue(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '=' -> b.append("\\=");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> appendOrShow(b, c);
            }
        }
        return b.toString();
    }

    /** A control character as visible text: an escaped backslash, then u and four hex digits. */
    private static void appendOrShow(StringBuilder b, char c) {
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            b.append("\\\\u").append(String.format(Locale.ROOT, "%04X", (int) c));
        } else {
            b.append(c);
        }
    }

    /** At most {@code max} characters, never splitting a surrogate pair. */
    static String cut(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }

    private static final class Extension {
        private final StringBuilder out;
        private boolean first = true;

        Extension(StringBuilder out) {
            this.out = out;
        }

        void put(String key, String value) {
            if (value == null || value.isEmpty()) {
                return;
            }
            if (!first) {
                out.append(' ');
            }
            first = false;
            Integer max = MAX_LENGTHS.get(key);
            out.append(key).append('=').append(extensionValue(max == null ? value : cut(value, max)));
        }

        /** A custom slot and its label, both or neither. */
        void labelled(String key, String value, String label) {
            if (value != null && !value.isEmpty()) {
                put(key, value);
                put(key + "Label", label);
            }
        }
    }
}
