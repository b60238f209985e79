package io.gatewatch.alerting.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookFormatTest {
    private static final byte[] KEY = "test-signing-key".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldMatchAnHmacComputedIndependently() {
        // openssl: printf '1741953725.{"a":1}' | openssl dgst -sha256 -hmac test-signing-key
        assertEquals("sha256=41c546d0776f97b8e24f049064208350b11b1262a7b785431cfcf494a623d2c6",
                WebhookFormat.signature(KEY, 1741953725L, "{\"a\":1}"));
    }

    @Test
    void shouldVerifyTheSignatureAndRejectAnyChange() {
        String body = new WebhookFormat().body(TestAlerts.credentialStuffing());
        String sig = WebhookFormat.signature(KEY, 1741953725L, body);
        assertTrue(WebhookFormat.verify(KEY, "1741953725", body, sig));
        assertFalse(WebhookFormat.verify(KEY, "1741953726", body, sig), "timestamp is signed");
        assertFalse(WebhookFormat.verify(KEY, "1741953725", body.replace("high", "low!"), sig), "body is signed");
        assertFalse(WebhookFormat.verify("other".getBytes(StandardCharsets.UTF_8), "1741953725", body, sig));
        assertFalse(WebhookFormat.verify(KEY, "not-a-number", body, sig));
    }

    @Test
    void shouldSendTheAlertContractJsonAsTheBody() throws Exception {
        Alert a = TestAlerts.dataHarvesting();
        String body = new WebhookFormat().body(a);
        JsonNode tree = Json.newMapper().readTree(body);
        assertFalse(tree.has("update"), "only contract fields");
        assertEquals(2, tree.path("revision").asInt());
        assertEquals(a, Json.newMapper().readValue(body, Alert.class));
    }
}
