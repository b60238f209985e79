package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.alerting.format.AlertFormats;
import io.gatewatch.alerting.format.ConsoleFormat;
import io.gatewatch.alerting.format.Product;
import io.gatewatch.alerting.format.SlackFormat;
import io.gatewatch.alerting.format.WebhookFormat;
import io.gatewatch.app.topology.TopologyFixture;
import io.gatewatch.models.behaviour.Algorithm;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.detector.DetectorInfos;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An anomaly alert through the real topology: a client bursts for one minute and then goes silent, so only
 * the stream-time punctuation can judge its minute; its explanation (the driving features, the client's
 * values and the peers' p99) reaches every alert format, through the summary each of them carries.
 */
class AnomalyAlertFormatsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SCANNER = "203.0.113.66";

    @TempDir
    Path dir;

    @Test
    void shouldJudgeASilentBurstThroughTheTopologyAndShowItsExplanationInEveryFormat() throws Exception {
        Path model = dir.resolve("anomaly.model");
        AnomalyTraffic.trainedModel(2, Algorithm.ROBUST_Z).save(model);
        String yaml = """
                detectors:
                  credential_stuffing: {enabled: false}
                  reconnaissance: {enabled: false}
                  traffic_spike: {enabled: false}
                  data_harvesting: {enabled: false}
                  anomaly: {enabled: true, mode: alert, model: %s}
                """.formatted(model);
        Random r = new Random(21);
        List<String> lines = new ArrayList<>(AnomalyTraffic.benignClient("10.0.0.9", T0, 8, r));
        lines.addAll(AnomalyTraffic.scannerMinute(SCANNER, T0.plusSeconds(120), 300, r));
        Alert alert;
        try (TopologyFixture f = new TopologyFixture(yaml)) {
            f.pipe(AnomalyTraffic.inTimeOrder(lines));
            List<Alert> alerts = f.alerts.readValuesToList();
            assertEquals(1, alerts.size(), alerts.toString());
            alert = alerts.getFirst();
        }
        assertEquals("anomaly", alert.detector());
        assertEquals(SCANNER, alert.client().ip());
        assertTrue(alert.detectedAt().isAfter(T0.plusSeconds(179)) && alert.detectedAt().isBefore(T0.plusSeconds(300)),
                "judged by punctuation within a minute or two of the burst's end, never by the scanner's own next"
                        + " request: " + alert.detectedAt());
        @SuppressWarnings("unchecked")
        Map<String, Object> top = ((List<Map<String, Object>>) alert.evidence().get("drivers")).getFirst();
        String phrase = top.get("description") + ": ";
        assertTrue(alert.summary().contains(phrase) && alert.summary().contains("peers' p99: "), alert.summary());

        DetectorInfos infos = DetectorRegistry.standard().infos();
        AlertFormats formats = new AlertFormats(new Product("Gatewatch", "Gatewatch", "test"), "gw-1", infos);
        JsonNode ocsf = Json.newMapper().readTree(formats.line(AlertFormat.OCSF, alert));
        assertTrue(ocsf.path("message").asText().contains(phrase), ocsf.toString());
        JsonNode ecs = Json.newMapper().readTree(formats.line(AlertFormat.ECS, alert));
        assertTrue(ecs.path("message").asText().contains(phrase), ecs.toString());
        String cef = formats.line(AlertFormat.CEF, alert);
        assertTrue(cef.contains(phrase.replace("=", "\\=")), cef);
        String hec = formats.line(AlertFormat.SPLUNK_HEC, alert);
        assertTrue(hec.contains(phrase) && hec.contains("\"drivers\""), hec);
        assertTrue(new SlackFormat(infos).render(alert).toString().contains(phrase), "slack");
        String webhook = new WebhookFormat().body(alert);
        assertTrue(webhook.contains(phrase) && webhook.contains("peers_p99"), webhook);
        assertTrue(ConsoleFormat.line(alert).contains(phrase), ConsoleFormat.line(alert));
        String alertLine = formats.line(AlertFormat.ALERT, alert);
        assertTrue(alertLine.contains("\"peers_p99\""), alertLine);
    }
}
