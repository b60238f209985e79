package io.gatewatch.alerting.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SplunkHecFormatTest {
    @Test
    void shouldCarryEpochSecondsWithMillisAndTheAlertAsEvent() throws Exception {
        Alert a = TestAlerts.credentialStuffing();
        JsonNode e = new SplunkHecFormat("gw-1", "gatewatch", "gatewatch:alert", null).render(a);
        assertEquals(new BigDecimal("1741953665.120"), e.path("time").decimalValue());
        assertEquals("gw-1", e.path("host").asText());
        assertEquals("gatewatch:alert", e.path("sourcetype").asText());
        assertFalse(e.has("index"), "no index: the token's default applies");
        assertEquals(a, Json.newMapper().treeToValue(e.path("event"), Alert.class));
    }

    @Test
    void shouldWriteIndexedFieldsAsFlatStrings() {
        JsonNode fields = new SplunkHecFormat("h", "s", "st", "security").render(TestAlerts.dataHarvesting()).path("fields");
        assertEquals("2", fields.path("revision").asText());
        fields.forEach(v -> assertTrue(v.isTextual(), "HEC indexed fields must be strings: " + v));
    }
}
