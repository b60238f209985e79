package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.format.TestDetectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.alerting.format.AlertFormats;
import io.gatewatch.alerting.format.Product;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
    private final AlertFormats formats = new AlertFormats(new Product("Gatewatch", "Gatewatch", "0.1.0"), "gw-1", TestDetectors.STANDARD);

    @Test
    void shouldAppendOneJsonLinePerAlertCreatingFoldersAsNeeded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/alerts.jsonl");
        try (FileSink sink = new FileSink("f", file, formats, AlertFormat.ALERT)) {
            assertEquals(new SendResult.Delivered(), sink.send(TestAlerts.credentialStuffing()));
            assertEquals(new SendResult.Delivered(), sink.send(TestAlerts.dataHarvesting()));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals(TestAlerts.credentialStuffing(), Json.newMapper().readValue(lines.get(0), Alert.class));
        try (FileSink again = new FileSink("f", file, formats, AlertFormat.ALERT)) {
            again.send(TestAlerts.trafficSpikeOnRoute());
        }
        assertEquals(3, Files.readAllLines(file).size(), "appends, never truncates");
    }

    @Test
    void shouldWriteOcsfLinesWhenAsked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ocsf.jsonl");
        try (FileSink sink = new FileSink("f", file, formats, AlertFormat.OCSF)) {
            sink.send(TestAlerts.credentialStuffing());
        }
        JsonNode line = Json.newMapper().readTree(Files.readAllLines(file).getFirst());
        assertEquals(2004, line.path("class_uid").asInt());
    }

    @Test
    void shouldReportAnUnwritablePathAsRetryable(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        try (FileSink sink = new FileSink("f", blocker.resolve("alerts.jsonl"), formats, AlertFormat.ALERT)) {
            assertInstanceOf(SendResult.Retryable.class, sink.send(TestAlerts.credentialStuffing()));
        }
    }
}
