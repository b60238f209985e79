package io.gatewatch.alerting.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.alerting.TestClock;
import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.format.Product;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A receiver that echoes what it was called with, or a broken URL, never puts the URL's secrets into a reason. */
class HttpSinkRedactionTest {
    private static final String SLACK_PATH = "/services/T0A1B2C3D/B0Z9Y8X7W/q7Lx2NvR8tKp4WmZ9sYb3HcF";
    private static final String HOOK_TOKEN = "tok-5f0c9a7e31bd";
    private final LocalHttpReceiver receiver;
    private final Map<String, String> env;

    HttpSinkRedactionTest() throws Exception {
        receiver = new LocalHttpReceiver();
        env = Map.of("SLACK_WEBHOOK_URL", receiver.url(SLACK_PATH),
                "GATEWATCH_WEBHOOK_URL", receiver.url("/hook?token=" + HOOK_TOKEN + "&team=soc"));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Sink sink(String name) throws Exception {
        JsonNode node = new ObjectMapper(new YAMLFactory()).readTree("""
                sinks:
                  - {name: slack, type: slack, url_env: SLACK_WEBHOOK_URL}
                  - {name: hook, type: webhook, url_env: GATEWATCH_WEBHOOK_URL}
                """);
        List<String> problems = new ArrayList<>();
        AlertingConfig c = AlertingConfig.fromTree(node, problems, env::get);
        assertEquals(List.of(), problems);
        return new Sinks(System.out, () -> {
            throw new AssertionError("no Kafka here");
        }, HttpSink.newClient(Duration.ofSeconds(5)), new TestClock(Instant.parse("2025-03-14T12:02:05Z")),
                new Product("Gatewatch", "Gatewatch", "0.1.0"), "gw-1",
                io.gatewatch.alerting.format.TestDetectors.STANDARD).create(c.sink(name).orElseThrow());
    }

    private static String reason(SendResult r) {
        return switch (r) {
            case SendResult.Failed f -> f.reason();
            case SendResult.Retryable t -> t.reason();
            case SendResult.Delivered d -> throw new AssertionError("expected a failure");
        };
    }

    @Test
    void shouldNotEchoTheSlackWebhookPathWhenTheReceiverQuotesIt() throws Exception {
        receiver.answer(new LocalHttpReceiver.Response(404, Map.of(), "no_service: POST " + SLACK_PATH + " (url "
                + receiver.url(SLACK_PATH) + ", encoded " + URLEncoder.encode(SLACK_PATH, StandardCharsets.UTF_8) + ")"));

        String reason = reason(sink("slack").send(TestAlerts.credentialStuffing()));

        assertTrue(reason.startsWith("HTTP 404"), reason);
        assertFalse(reason.contains("q7Lx2NvR8tKp4WmZ9sYb3HcF"), reason);
        assertFalse(reason.contains("B0Z9Y8X7W"), reason);
    }

    @Test
    void shouldNotEchoAWebhookQueryTokenOrABearerTokenTheReceiverReturns() throws Exception {
        receiver.answer(new LocalHttpReceiver.Response(503, Map.of(), "overloaded: /hook?token=" + HOOK_TOKEN
                + " Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIzNDU2"));

        String reason = reason(sink("hook").send(TestAlerts.credentialStuffing()));

        assertTrue(reason.startsWith("HTTP 503"), reason);
        assertFalse(reason.contains(HOOK_TOKEN), reason);
        assertFalse(reason.contains("eyJzdWIiOiIxIn0"), reason);
    }

    @Test
    void shouldNotPrintThePasswordOfAnInvalidSplunkUrlInAConfigProblem() throws Exception {
        JsonNode node = new ObjectMapper(new YAMLFactory()).readTree("""
                sinks:
                  - {name: splunk, type: splunk_hec, url: 'htps://admin:hunter2pass@splunk.example:8088/services?token=abc123xyz', token_env: SLACK_WEBHOOK_URL}
                """);
        List<String> problems = new ArrayList<>();
        AlertingConfig.fromTree(node, problems, env::get);

        assertFalse(problems.isEmpty());
        String all = String.join("\n", problems);
        assertTrue(all.contains("sinks[0].url = htps://***@splunk.example:8088/***?***"), all);
        assertFalse(all.contains("hunter2pass") || all.contains("abc123xyz"), all);
    }
}
