package io.gatewatch.alerting.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.Timestamps;
import io.gatewatch.schema.detector.DetectorInfos;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An alert as a Slack incoming-webhook message in Block Kit: header, summary, fields, evidence, context,
 * a button to the client's (or route's) page on Gatewatch's web page when a link base is configured,
 * and a {@code text} fallback for notifications. Every piece of alert text is escaped ({@code &}, {@code <},
 * {@code >}) so request-derived content cannot become a mention or a link, control characters (line
 * breaks included: they could fake fields) are shown as text (backslash, u and four hex digits), and
 * text is cut to Slack's limits after escaping.
 */
public final class SlackFormat {
    public static final int HEADER_MAX = 150;
    public static final int SECTION_TEXT_MAX = 3000;
    public static final int FIELD_TEXT_MAX = 2000;
    public static final int FIELDS_MAX = 10;
    public static final int BLOCKS_MAX = 50;
    public static final int FALLBACK_MAX = 3000;

    public static final int BUTTON_URL_MAX = 3000;

    private final ObjectMapper mapper = Json.newMapper();
    private final DetectorInfos detectors;
    private final String linkBase;

    public SlackFormat(DetectorInfos detectors) {
        this(detectors, null);
    }

    /**
     * @param detectors the detectors' titles
     * @param linkBase  the base URL of Gatewatch's web page (e.g. http://gatewatch.internal:9464), or null
     */
    public SlackFormat(DetectorInfos detectors, String linkBase) {
        this.detectors = detectors;
        this.linkBase = linkBase;
    }

    /** The web page's view of the alert's client, or the API's answer for its route; null without a link base. */
    String link(Alert a) {
        if (linkBase == null) {
            return null;
        }
        String url;
        if (a.client() != null && a.client().key() != null) {
            url = linkBase + "/#client=" + URLEncoder.encode(a.client().key(), StandardCharsets.UTF_8);
        } else if (a.route() != null) {
            url = linkBase + "/routes/" + URLEncoder.encode(a.route(), StandardCharsets.UTF_8);
        } else {
            return null;
        }
        return url.length() <= BUTTON_URL_MAX ? url : null;
    }

    public ObjectNode render(Alert a) {
        ObjectNode msg = mapper.createObjectNode();
        String title = "[" + AlertText.severityWord(a.severity()) + "] " + AlertText.title(a, detectors)
                + (a.isUpdate() ? " (update " + a.revision() + ")" : "");
        msg.put("text", fit(escape(title + ": " + nullToEmpty(a.summary())), FALLBACK_MAX));
        List<ObjectNode> blocks = new ArrayList<>();

        ObjectNode header = mapper.createObjectNode().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", fit(escape(title), HEADER_MAX)).put("emoji", false);
        blocks.add(header);

        if (a.summary() != null && !a.summary().isBlank()) {
            blocks.add(section(mrkdwn(fit(escape(a.summary()), SECTION_TEXT_MAX))));
        }

        List<ObjectNode> facts = new ArrayList<>();
        addField(facts, "Severity", a.severity() == null ? null : a.severity().json());
        addField(facts, "Detector", a.detector());
        if (a.scope() == Alert.Scope.CLIENT && a.client() != null) {
            addField(facts, "Client", a.client().key());
            addField(facts, "Client IP", a.client().ip());
            addField(facts, "User", a.client().user());
            addField(facts, "API key hash", a.client().apiKeyHash());
        } else {
            addField(facts, "Scope", a.scope() == null ? null : a.scope().json());
            addField(facts, "Source IPs", a.sources().isEmpty() ? null : String.join(", ", a.sources()));
        }
        addField(facts, "Route", AlertText.endpoint(a).isEmpty() ? null : AlertText.endpoint(a));
        addField(facts, "Score", String.format(Locale.ROOT, "%.2f", a.score()));
        addField(facts, "Detected at", a.detectedAt() == null ? null : Timestamps.format(a.detectedAt()));
        addField(facts, "First seen", a.firstSeen() == null ? null : Timestamps.format(a.firstSeen()));
        blocks.add(fieldsSection(facts));

        if (!a.evidence().isEmpty()) {
            List<ObjectNode> evidence = new ArrayList<>();
            int shown = 0;
            for (Map.Entry<String, Object> e : a.evidence().entrySet()) {
                if (shown == FIELDS_MAX - 1 && a.evidence().size() > FIELDS_MAX) {
                    evidence.add(mrkdwn("_and " + (a.evidence().size() - shown) + " more evidence values_"));
                    break;
                }
                addField(evidence, e.getKey(), evidenceValue(e.getValue()));
                shown++;
            }
            blocks.add(fieldsSection(evidence));
        }

        String link = link(a);
        if (link != null) {
            ObjectNode actions = mapper.createObjectNode().put("type", "actions");
            ObjectNode button = actions.putArray("elements").addObject().put("type", "button");
            button.putObject("text").put("type", "plain_text")
                    .put("text", a.client() != null && a.client().key() != null ? "Open client in Gatewatch" : "Open route in Gatewatch");
            button.put("url", link).put("action_id", "gatewatch-open");
            blocks.add(actions);
        }

        ObjectNode context = mapper.createObjectNode().put("type", "context");
        context.putArray("elements").add(mrkdwn(fit(escape("Gatewatch alert " + a.alertId() + " · revision "
                + a.revision() + " · mode " + (a.mode() == null ? "alert" : a.mode().json())), FIELD_TEXT_MAX)));
        blocks.add(context);

        ArrayNode out = msg.putArray("blocks");
        blocks.stream().limit(BLOCKS_MAX).forEach(out::add);
        return msg;
    }

    private String evidenceValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        JsonNode tree = mapper.valueToTree(value);
        return tree.toString();
    }

    private void addField(List<ObjectNode> fields, String name, String value) {
        if (value == null || value.isBlank() || fields.size() >= FIELDS_MAX) {
            return;
        }
        String label = "*" + escape(name) + "*\n";
        fields.add(mrkdwn(label + fit(escape(value), FIELD_TEXT_MAX - label.length())));
    }

    private ObjectNode fieldsSection(List<ObjectNode> fields) {
        ObjectNode s = mapper.createObjectNode().put("type", "section");
        ArrayNode arr = s.putArray("fields");
        fields.stream().limit(FIELDS_MAX).forEach(arr::add);
        return s;
    }

    private ObjectNode section(ObjectNode text) {
        ObjectNode s = mapper.createObjectNode().put("type", "section");
        s.set("text", text);
        return s;
    }

    private ObjectNode mrkdwn(String text) {
        return mapper.createObjectNode().put("type", "mrkdwn").put("text", text);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * Slack's three control characters as HTML entities, and every other control character (TAB, CR, LF,
     * ESC, NUL, DEL, C1, the Unicode line separators) as visible text: backslash, u and four hex digits.
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        b.append("\\u").append(String.format(Locale.ROOT, "%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * Cuts escaped text to {@code max} characters, ending in an ellipsis, without splitting an entity or a
     * surrogate pair.
     */
    public static String fit(String escaped, int max) {
        if (escaped.length() <= max) {
            return escaped;
        }
        int cut = max - 1;
        int amp = escaped.lastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - 5 && escaped.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        if (cut > 0 && Character.isHighSurrogate(escaped.charAt(cut - 1))) {
            cut--;
        }
        return escaped.substring(0, cut) + "…";
    }
}
