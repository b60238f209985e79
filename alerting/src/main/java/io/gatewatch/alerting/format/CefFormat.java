package io.gatewatch.alerting.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.detector.DetectorInfos;
import java.util.Locale;

/**
 * An alert as one ArcSight CEF:0 line. Header fields escape {@code \} and {@code |}; extension values
 * escape {@code \}, {@code =} and line breaks, so request-derived text cannot forge fields or lines.
 * Gatewatch-specific values use the custom string and number slots with their labels.
 */
public final class CefFormat {
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
                .append(header(AlertText.title(a, detectors) + (a.isUpdate() ? " (update " + a.revision() + ")" : ""))).append('|')
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
            e.put("src", a.client().ip());
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
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '|' -> b.append("\\|");
                case '\r', '\n' -> b.append(' ');
                default -> b.append(c);
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
                default -> b.append(c);
            }
        }
        return b.toString();
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
            out.append(key).append('=').append(extensionValue(value));
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
