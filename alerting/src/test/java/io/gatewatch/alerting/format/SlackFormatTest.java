package io.gatewatch.alerting.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.schema.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackFormatTest {
    private final SlackFormat slack = new SlackFormat(TestDetectors.STANDARD);

    /** Every text value anywhere in the message. */
    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("text") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    out.addAll(texts(e.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> out.addAll(texts(n)));
        }
        return out;
    }

    @Test
    void shouldEscapeUserContentSoItCannotMentionOrLink() {
        JsonNode msg = slack.render(TestAlerts.hostile());
        List<String> texts = texts(msg);
        assertTrue(texts.size() > 5);
        for (String t : texts) {
            assertFalse(t.contains("<") || t.contains(">"), "unescaped angle bracket in: " + t);
            assertFalse(t.matches("(?s).*&(?!amp;|lt;|gt;).*"), "unescaped ampersand in: " + t);
        }
        assertTrue(msg.path("text").asText().contains("&lt;!channel&gt;"));
    }

    @Test
    void shouldShowControlCharactersAsTextSoNoneReachesSlack() {
        JsonNode msg = slack.render(TestAlerts.hostile());
        for (String t : texts(msg)) {
            String content = t.replaceAll("^\\*[^*]+\\*\n", "");
            assertTrue(content.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028'),
                    "a control character in alert text: " + t);
        }
        assertTrue(msg.path("text").asText().contains("said a|b\\c=d\\u000D\\u000Aforged line"),
                "the summary's CR LF cannot start a fake line: " + msg.path("text").asText());
        assertEquals("a\\u0009b\\u001B[31mc\\u0000d\\u2028e", SlackFormat.escape("a\tb\u001b[31mc\u0000d\u2028e"));
    }

    @Test
    void shouldLinkAClientAlertToTheClientsPageAndARouteAlertToItsRoute() {
        SlackFormat linked = new SlackFormat(TestDetectors.STANDARD, "http://gatewatch.internal:9464");
        JsonNode msg = linked.render(TestAlerts.credentialStuffing());
        JsonNode actions = msg.path("blocks").valueStream().filter(b -> b.path("type").asText().equals("actions"))
                .findFirst().orElseThrow();
        JsonNode button = actions.path("elements").get(0);
        assertEquals("button", button.path("type").asText());
        assertEquals("http://gatewatch.internal:9464/#client=ip%3A203.0.113.7", button.path("url").asText());
        assertEquals("Open client in Gatewatch", button.path("text").path("text").asText());
        assertEquals("http://gatewatch.internal:9464/routes/%2Fapi%2Fv1%2Fsearch",
                linked.link(TestAlerts.trafficSpikeOnRoute()));
        assertEquals("http://gatewatch.internal:9464/#client=user%3A%3C%21here%3E%7Cx%3Dy%5Cz", linked.link(TestAlerts.hostile()),
                "a hostile key is URL-encoded: it cannot close the link or add a query");
        assertTrue(slack.render(TestAlerts.credentialStuffing()).path("blocks").valueStream()
                .noneMatch(b -> b.path("type").asText().equals("actions")), "no link base, no button");
    }

    @Test
    void shouldHaveHeaderSectionFieldsContextAndFallbackText() {
        JsonNode msg = slack.render(TestAlerts.credentialStuffing());
        assertEquals("[HIGH] Credential stuffing from ip:203.0.113.7 on POST /api/v1/login: "
                + "203.0.113.7 tried 412 logins for 397 different users in 60 s (threshold 50 users); 98% failed", msg.path("text").asText());
        List<String> types = msg.path("blocks").valueStream().map(b -> b.path("type").asText()).toList();
        assertEquals(List.of("header", "section", "section", "section", "context"), types);
        assertEquals("plain_text", msg.path("blocks").get(0).path("text").path("type").asText());
        assertEquals("*Client*\nip:203.0.113.7", msg.path("blocks").get(2).path("fields").get(2).path("text").asText());
        assertEquals("*login_attempts*\n412", msg.path("blocks").get(3).path("fields").get(0).path("text").asText());
    }

    @Test
    void shouldRespectSlackBlockLimitsForHugeAlerts() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            evidence.put("metric_" + i, "<&>".repeat(1000));
        }
        String longText = "&<>".repeat(5000);
        Alert huge = new Alert(Alert.SCHEMA, "big", 3, "credential_stuffing", Alert.Severity.CRITICAL, Alert.Scope.CLIENT,
                new Alert.Client("user:" + longText, "203.0.113.1", null, longText), "/" + longText, "POST",
                TestAlerts.FIRST_SEEN, TestAlerts.DETECTED, 1.0, longText, evidence, null, Alert.Mode.ALERT);
        JsonNode msg = slack.render(huge);

        JsonNode blocks = msg.path("blocks");
        assertTrue(blocks.size() <= SlackFormat.BLOCKS_MAX);
        assertTrue(blocks.get(0).path("text").path("text").asText().length() <= SlackFormat.HEADER_MAX);
        assertTrue(msg.path("text").asText().length() <= SlackFormat.FALLBACK_MAX);
        for (JsonNode b : blocks) {
            if (b.has("fields")) {
                assertTrue(b.path("fields").size() <= SlackFormat.FIELDS_MAX, "fields: " + b.path("fields").size());
                b.path("fields").forEach(f -> assertTrue(f.path("text").asText().length() <= SlackFormat.FIELD_TEXT_MAX));
            }
            if (b.path("text").has("text")) {
                assertTrue(b.path("text").path("text").asText().length() <= SlackFormat.SECTION_TEXT_MAX);
            }
        }
        for (String t : texts(msg)) {
            assertFalse(t.matches("(?s).*&(?!amp;|lt;|gt;).*"), "a cut split an entity: ..." + t.substring(Math.max(0, t.length() - 12)));
        }
        JsonNode evidenceFields = blocks.get(3).path("fields");
        assertEquals("_and 31 more evidence values_", evidenceFields.get(evidenceFields.size() - 1).path("text").asText());
    }

    @Test
    void shouldCutEscapedTextWithoutSplittingAnEntity() {
        assertEquals("ab…", SlackFormat.fit("ab&amp;cd", 5));
        assertEquals("ab&amp;…", SlackFormat.fit("ab&amp;cd", 9 - 1));
        assertEquals("abc", SlackFormat.fit("abc", 3));
    }
}
