package io.gatewatch.alerting.format;

import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.schema.Alert;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every format of every sample alert, against reviewed golden files. */
class FormatGoldenTest {
    static final Product PRODUCT = new Product("Gatewatch", "Gatewatch", "0.1.0");
    static final String HOST = "gw-test-1";
    static final long WEBHOOK_TIME = 1741953725L;
    static final byte[] WEBHOOK_KEY = "test-signing-key".getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> alerts() {
        return Stream.of(
                Arguments.of("credential_stuffing", TestAlerts.credentialStuffing()),
                Arguments.of("data_harvesting_update", TestAlerts.dataHarvesting()),
                Arguments.of("traffic_spike_route", TestAlerts.trafficSpikeOnRoute()),
                Arguments.of("reconnaissance_shadow", TestAlerts.reconnaissanceShadow()),
                Arguments.of("hostile_text", TestAlerts.hostile()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alerts")
    void shouldRenderOcsfDetectionFindingAsReviewed(String name, Alert alert) {
        GoldenFiles.assertJson("ocsf/" + name + ".json", new OcsfFormat(PRODUCT, TestDetectors.STANDARD).render(alert));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alerts")
    void shouldRenderEcsAsReviewed(String name, Alert alert) {
        GoldenFiles.assertJson("ecs/" + name + ".json", new EcsFormat(PRODUCT, TestDetectors.STANDARD).render(alert));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alerts")
    void shouldRenderCefInBothSyslogHeadersAsReviewed(String name, Alert alert) {
        String cef = new CefFormat(PRODUCT, TestDetectors.STANDARD).render(alert);
        GoldenFiles.assertText("cef/" + name + ".rfc5424.txt", SyslogMessage.rfc5424(20, HOST, "gatewatch", alert, cef) + "\n");
        GoldenFiles.assertText("cef/" + name + ".rfc3164.txt", SyslogMessage.rfc3164(20, HOST, "gatewatch", alert, cef) + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alerts")
    void shouldRenderSplunkHecEventAsReviewed(String name, Alert alert) {
        GoldenFiles.assertJson("splunk_hec/" + name + ".json", new SplunkHecFormat(HOST, "gatewatch", "gatewatch:alert", "security").render(alert));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alerts")
    void shouldRenderSlackBlockKitAsReviewed(String name, Alert alert) {
        GoldenFiles.assertJson("slack/" + name + ".json", new SlackFormat(TestDetectors.STANDARD).render(alert));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alerts")
    void shouldRenderSignedWebhookRequestAsReviewed(String name, Alert alert) {
        String body = new WebhookFormat().body(alert);
        String request = WebhookFormat.TIMESTAMP_HEADER + ": " + WEBHOOK_TIME + "\n"
                + WebhookFormat.SIGNATURE_HEADER + ": " + WebhookFormat.signature(WEBHOOK_KEY, WEBHOOK_TIME, body) + "\n\n"
                + body + "\n";
        GoldenFiles.assertText("webhook/" + name + ".http", request);
    }
}
