package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.format.TestDetectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatewatch.alerting.Delivery;
import io.gatewatch.alerting.InMemoryDeadLetters;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.alerting.TestClock;
import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.delivery.DeadLetter;
import io.gatewatch.alerting.delivery.Outcome;
import io.gatewatch.alerting.delivery.Retrier;
import io.gatewatch.alerting.delivery.SinkWorker;
import io.gatewatch.alerting.format.Product;
import io.gatewatch.alerting.format.SlackFormat;
import io.gatewatch.alerting.format.SplunkHecFormat;
import io.gatewatch.alerting.format.WebhookFormat;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slack, Splunk HEC and webhook sinks against a local JDK HTTP server, configured as an analyst would. */
class HttpSinksTest {
    private static final String HOOK_SECRET = "whsec-test-9d1c7e";
    private static final String HEC_TOKEN = "11111111-2222-3333-4444-555555555555";
    private final LocalHttpReceiver receiver;
    private final TestClock clock = new TestClock(Instant.parse("2025-03-14T12:02:05Z"));
    private final InMemoryDeadLetters dlq = new InMemoryDeadLetters();
    private final List<Duration> waits = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();

    HttpSinksTest() throws Exception {
        receiver = new LocalHttpReceiver();
        env.put("SLACK_WEBHOOK_URL", receiver.url("/services/T000/B000/slack-secret-path"));
        env.put("HEC_TOKEN", HEC_TOKEN);
        env.put("GATEWATCH_WEBHOOK_URL", receiver.url("/hook"));
        env.put("GATEWATCH_WEBHOOK_SECRET", HOOK_SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private AlertingConfig config() throws Exception {
        JsonNode node = new ObjectMapper(new YAMLFactory()).readTree("""
                alerting:
                  delivery:
                    max_attempts: 3
                    initial_backoff: 1s
                    jitter: 0
                  sinks:
                    - name: soc-slack
                      type: slack
                      url_env: SLACK_WEBHOOK_URL
                    - name: splunk
                      type: splunk_hec
                      url: %s
                      token_env: HEC_TOKEN
                      index: security
                      host: gw-1
                    - name: hook
                      type: webhook
                      url_env: GATEWATCH_WEBHOOK_URL
                      secret_env: GATEWATCH_WEBHOOK_SECRET
                """.formatted(receiver.url(""))).get("alerting");
        List<String> problems = new ArrayList<>();
        AlertingConfig c = AlertingConfig.fromTree(node, problems, env::get);
        assertEquals(List.of(), problems);
        return c;
    }

    private Sink sink(String name) throws Exception {
        Sinks sinks = new Sinks(System.out, () -> {
            throw new AssertionError("no Kafka here");
        }, HttpSink.newClient(Duration.ofSeconds(5)), clock, new Product("Gatewatch", "Gatewatch", "0.1.0"), "gw-1",
                TestDetectors.STANDARD);
        return sinks.create(config().sink(name).orElseThrow());
    }

    private SinkWorker worker(String name) throws Exception {
        SinkConfig c = config().sink(name).orElseThrow();
        Sink s = sink(name);
        return new SinkWorker(s, c.delivery(), new Retrier(c.delivery(), d -> {
            waits.add(d);
            clock.advance(d);
        }, RandomGenerator.getDefault()), dlq, (d, o) -> outcomes.add(o), clock);
    }

    @Test
    void shouldSendTheAlertRevisionAsIdempotencyKeyToEveryHttpReceiver() throws Exception {
        Alert a = TestAlerts.revision(TestAlerts.credentialStuffing(), "cs-chain-1", 3, TestAlerts.credentialStuffing().detectedAt());
        for (String name : List.of("soc-slack", "splunk", "hook")) {
            assertEquals(new SendResult.Delivered(), sink(name).send(a));
            assertEquals("cs-chain-1:3", receiver.next().header("Idempotency-Key"), name);
        }
    }

    @Test
    void shouldPostTheBlockKitMessageToTheSlackWebhook() throws Exception {
        Alert a = TestAlerts.credentialStuffing();
        assertEquals(new SendResult.Delivered(), sink("soc-slack").send(a));
        LocalHttpReceiver.Request r = receiver.next();
        assertEquals("POST", r.method());
        assertEquals("/services/T000/B000/slack-secret-path", r.path());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertEquals(new SlackFormat(TestDetectors.STANDARD).render(a), Json.newMapper().readTree(r.body()));
    }

    @Test
    void shouldPostTheHecEventWithTheSplunkTokenToTheCollectorEndpoint() throws Exception {
        Alert a = TestAlerts.dataHarvesting();
        assertEquals(new SendResult.Delivered(), sink("splunk").send(a));
        LocalHttpReceiver.Request r = receiver.next();
        assertEquals("/services/collector/event", r.path());
        assertEquals("Splunk " + HEC_TOKEN, r.header("Authorization"));
        JsonNode expected = new SplunkHecFormat("gw-1", "gatewatch", "gatewatch:alert", "security").render(a);
        assertEquals(Json.newMapper().readTree(expected.toString()), Json.newMapper().readTree(r.body()));
    }

    @Test
    void shouldPostTheAlertJsonSignedWithHmacOverTimestampAndBody() throws Exception {
        Alert a = TestAlerts.credentialStuffing();
        assertEquals(new SendResult.Delivered(), sink("hook").send(a));
        LocalHttpReceiver.Request r = receiver.next();
        assertEquals("/hook", r.path());
        assertEquals(new WebhookFormat().body(a), r.body(), "the exact Alert v1 JSON");
        assertEquals(a, Json.newMapper().readValue(r.body(), Alert.class));
        assertEquals("1741953725", r.header(WebhookFormat.TIMESTAMP_HEADER), "signed at send time, from the clock");
        assertEquals(a.alertId(), r.header(WebhookFormat.ALERT_ID_HEADER));
        assertEquals("Gatewatch/0.1.0", r.header("User-Agent"));
        byte[] key = HOOK_SECRET.getBytes(StandardCharsets.UTF_8);
        assertTrue(WebhookFormat.verify(key, r.header(WebhookFormat.TIMESTAMP_HEADER), r.body(), r.header(WebhookFormat.SIGNATURE_HEADER)));
        assertEquals(WebhookFormat.signature(key, 1741953725L, r.body()), r.header(WebhookFormat.SIGNATURE_HEADER));
    }

    @Test
    void shouldRetryAfter429HonouringRetryAfterAndAfter5xxThenDeliver() throws Exception {
        receiver.answer(new LocalHttpReceiver.Response(429, Map.of("Retry-After", "7"), "rate_limited"),
                LocalHttpReceiver.Response.of(503));
        try (SinkWorker w = worker("soc-slack")) {
            w.process(new Delivery("soc-slack", TestAlerts.credentialStuffing(), List.of(1L)));
        }
        assertEquals(List.of(new Outcome.Delivered(3)), outcomes);
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(2)), waits, "Retry-After 7 s, then 1 s doubled");
        List<LocalHttpReceiver.Request> got = receiver.requests();
        assertEquals(3, got.size());
        assertEquals(got.get(0).body(), got.get(2).body(), "the same message each time");
        assertEquals(List.of(), dlq.letters());
    }

    @Test
    void shouldResignEachWebhookRetryWithTheCurrentTimestamp() throws Exception {
        receiver.answer(LocalHttpReceiver.Response.of(502));
        try (SinkWorker w = worker("hook")) {
            w.process(new Delivery("hook", TestAlerts.credentialStuffing(), List.of(1L)));
        }
        List<LocalHttpReceiver.Request> got = receiver.requests();
        assertEquals(List.of("1741953725", "1741953726"), got.stream().map(r -> r.header(WebhookFormat.TIMESTAMP_HEADER)).toList());
        byte[] key = HOOK_SECRET.getBytes(StandardCharsets.UTF_8);
        got.forEach(r -> assertTrue(WebhookFormat.verify(key, r.header(WebhookFormat.TIMESTAMP_HEADER), r.body(), r.header(WebhookFormat.SIGNATURE_HEADER))));
    }

    @Test
    void shouldDeadLetterAfterAnOutageWithoutLeakingTheWebhookUrl() throws Exception {
        receiver.otherwise(new LocalHttpReceiver.Response(500, Map.of(), "upstream down"));
        try (SinkWorker w = worker("soc-slack")) {
            w.process(new Delivery("soc-slack", TestAlerts.credentialStuffing(), List.of(1L)));
            receiver.close();
            w.process(new Delivery("soc-slack", TestAlerts.dataHarvesting(), List.of(2L)));
        }
        List<DeadLetter> letters = dlq.letters();
        assertEquals(2, letters.size());
        assertEquals("soc-slack", letters.get(0).sink());
        assertEquals("gave up after 3 attempts; last: HTTP 500: upstream down", letters.get(0).reason());
        assertEquals(TestAlerts.credentialStuffing(), letters.get(0).alert());
        assertTrue(letters.get(1).reason().startsWith("gave up after 3 attempts; last: ConnectException"), letters.get(1).reason());
        for (DeadLetter l : letters) {
            assertFalse(l.reason().contains("slack-secret-path"), "reason leaks the webhook URL: " + l.reason());
            assertFalse(l.reason().contains("127.0.0.1"), "reason names the receiver: " + l.reason());
        }
    }

    @Test
    void shouldNotRetryARejectedRequest() throws Exception {
        receiver.answer(new LocalHttpReceiver.Response(403, Map.of(), "{\"text\":\"Invalid token\",\"code\":4}"));
        try (SinkWorker w = worker("splunk")) {
            w.process(new Delivery("splunk", TestAlerts.credentialStuffing(), List.of(1L)));
        }
        assertEquals(1, receiver.requests().size());
        assertEquals("HTTP 403: {\"text\":\"Invalid token\",\"code\":4}", dlq.letters().getFirst().reason());
    }

    @Test
    void shouldScrubASecretThatAReceiverEchoesBack() throws Exception {
        receiver.answer(new LocalHttpReceiver.Response(401, Map.of(), "bad token " + HEC_TOKEN));
        SendResult r = sink("splunk").send(TestAlerts.credentialStuffing());
        assertEquals(new SendResult.Failed("HTTP 401: bad token ${HEC_TOKEN}"), r);
    }

    @Test
    void shouldReadRetryAfterAsSecondsOrHttpDate() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");
        assertEquals(Duration.ofSeconds(120), HttpSink.retryAfter("120", now).orElseThrow());
        assertEquals(Duration.ofSeconds(30), HttpSink.retryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now).orElseThrow());
        assertEquals(Duration.ZERO, HttpSink.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now).orElseThrow());
        assertTrue(HttpSink.retryAfter("soon", now).isEmpty());
    }

    @Test
    void shouldClassifyStatusesAsDeliveredRetryableOrFinal() throws Exception {
        HttpSink s = (HttpSink) sink("hook");
        assertInstanceOf(SendResult.Delivered.class, s.classify(204, java.util.Optional.empty(), ""));
        assertInstanceOf(SendResult.Retryable.class, s.classify(408, java.util.Optional.empty(), ""));
        assertInstanceOf(SendResult.Retryable.class, s.classify(502, java.util.Optional.empty(), ""));
        assertEquals(new SendResult.Retryable("HTTP 503", Duration.ofSeconds(4)), s.classify(503, java.util.Optional.of("4"), ""));
        assertInstanceOf(SendResult.Failed.class, s.classify(400, java.util.Optional.empty(), ""));
        assertInstanceOf(SendResult.Failed.class, s.classify(404, java.util.Optional.empty(), ""));
    }
}
