package io.gatewatch.alerting;

import io.gatewatch.alerting.format.TestDetectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.config.DedupSettings;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.config.GroupingSettings;
import io.gatewatch.alerting.config.RouteRule;
import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.delivery.DeadLetter;

import io.gatewatch.alerting.format.CefFormat;
import io.gatewatch.alerting.format.ConsoleFormat;
import io.gatewatch.alerting.format.EcsFormat;
import io.gatewatch.alerting.format.OcsfFormat;
import io.gatewatch.alerting.format.Product;
import io.gatewatch.alerting.format.SlackFormat;
import io.gatewatch.alerting.format.SplunkHecFormat;
import io.gatewatch.alerting.format.SyslogMessage;
import io.gatewatch.alerting.format.WebhookFormat;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps every example in docs/alerting.md equal to what the code produces. Run with
 * {@code -Dgatewatch.docs.update=true} to rewrite the blocks after a deliberate change.
 */
class DocExamplesTest {
    private static final Path DOC = Path.of("..", "docs", "alerting.md");
    private static final Pattern BLOCK = Pattern.compile("(<!-- example:([a-z0-9-]+) -->\\n```[a-z]*\\n)(.*?)(```\\n<!-- /example -->)", Pattern.DOTALL);
    private static final Product PRODUCT = new Product("Gatewatch", "Gatewatch", "0.1.0");

    private final ObjectMapper pretty = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Map<String, String> examples() throws Exception {
        Alert cs = TestAlerts.credentialStuffing();
        Map<String, String> ex = new LinkedHashMap<>();
        ex.put("grouped-console", ConsoleFormat.line(groupedAlert()));
        String body = new WebhookFormat().body(cs);
        byte[] key = "test-signing-key".getBytes(StandardCharsets.UTF_8);
        ex.put("webhook", WebhookFormat.TIMESTAMP_HEADER + ": 1741953725\n" + WebhookFormat.SIGNATURE_HEADER + ": "
                + WebhookFormat.signature(key, 1741953725L, body) + "\n\n" + body);
        ex.put("console", String.join("\n", ConsoleFormat.line(cs), ConsoleFormat.line(TestAlerts.reconnaissanceShadow()),
                ConsoleFormat.line(TestAlerts.dataHarvesting())));
        ex.put("ocsf", pretty.writeValueAsString(new OcsfFormat(PRODUCT, TestDetectors.STANDARD).render(cs)));
        ex.put("ecs", pretty.writeValueAsString(new EcsFormat(PRODUCT, TestDetectors.STANDARD).render(cs)));
        String cef = new CefFormat(PRODUCT, TestDetectors.STANDARD).render(cs);
        ex.put("cef-rfc5424", SyslogMessage.rfc5424(20, "gw-1", "gatewatch", cs, cef));
        ex.put("cef-rfc3164", SyslogMessage.rfc3164(20, "gw-1", "gatewatch", cs, cef));
        Alert hostile = TestAlerts.hostile();
        ex.put("cef-hostile", SyslogMessage.rfc5424(20, "gw-1", "gatewatch", hostile, new CefFormat(PRODUCT, TestDetectors.STANDARD).render(hostile)));
        ex.put("splunk-hec", pretty.writeValueAsString(new SplunkHecFormat("gw-1", "gatewatch", "gatewatch:alert", "security").render(cs)));
        ex.put("slack", pretty.writeValueAsString(new SlackFormat(TestDetectors.STANDARD).render(cs)));
        ex.put("dead-letter", pretty.writeValueAsString(new DeadLetter("soc-slack",
                "gave up after 5 attempts; last: HTTP 503: service unavailable", 5, Instant.parse("2025-03-14T12:03:17.402Z"), cs, null)));
        return ex;
    }

    /** Seven alerts from six bots within group_wait, through the real dispatcher. */
    private static Alert groupedAlert() {
        DeliverySettings d = DeliverySettings.defaults();
        Dispatcher dispatcher = new Dispatcher(new AlertingConfig(List.of(new SinkConfig.Console("console", d)),
                List.of(new RouteRule("all", Set.of(), Alert.Severity.LOW, Set.of(Alert.Mode.ALERT), Set.of(), List.of("console"))),
                DedupSettings.defaults(), new GroupingSettings(true, Duration.ofSeconds(30), 5, Set.of("console")), "dlq"));
        Instant wall = Instant.parse("2025-03-14T12:01:30Z");
        for (int i = 0; i < 7; i++) {
            dispatcher.accept(TestAlerts.clientAlert("credential_stuffing", "192.0.2." + (10 + i % 6), Alert.Severity.HIGH,
                    TestAlerts.DETECTED.plusSeconds(i), "/api/v1/login"), i, wall);
        }
        return dispatcher.tick(wall.plusSeconds(30)).getFirst().alert();
    }

    @Test
    void shouldShowExactlyWhatTheCodeProducesInEveryDocExample() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Map<String, String> examples = examples();
        Matcher m = BLOCK.matcher(doc);
        StringBuilder out = new StringBuilder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (m.find()) {
            String name = m.group(2);
            String rendered = examples.get(name);
            assertTrue(rendered != null, "docs/alerting.md has an example block nobody renders: " + name);
            seen.add(name);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + rendered + "\n" + m.group(4)));
        }
        m.appendTail(out);
        assertEquals(examples.keySet(), seen, "every rendered example has a block in the doc");
        if (Boolean.getBoolean("gatewatch.docs.update")) {
            Files.writeString(DOC, out.toString(), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(doc, out.toString(), "docs/alerting.md examples are stale; rerun with -Dgatewatch.docs.update=true");
    }
}
