package io.gatewatch.alerting.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.schema.Alert;
import org.junit.jupiter.api.Test;

class ConsoleFormatTest {
    @Test
    void shouldPrintOneReadableLinePerClientAlert() {
        assertEquals("12:01:05 HIGH credential_stuffing client=ip:203.0.113.7 POST /api/v1/login  "
                        + "\"203.0.113.7 tried 412 logins for 397 different users in 60 s (threshold 50 users); 98% failed\"",
                ConsoleFormat.line(TestAlerts.credentialStuffing()));
    }

    @Test
    void shouldMarkUpdatesWithTheirRevision() {
        assertEquals("12:01:05 CRITICAL data_harvesting client=key:hmac:9f2c1a7be04d3e11 GET /api/v1/customers/{id}  "
                        + "\"API key hmac:9f2c1a7be04d3e11 read 1840 different customer records in 10 min (threshold 500), 93% in ID order\"  (update 2)",
                ConsoleFormat.line(TestAlerts.dataHarvesting()));
    }

    @Test
    void shouldShowScopeAndSourceCountForRouteAlerts() {
        assertEquals("12:01:05 MEDIUM traffic_spike scope=route sources=3 GET /api/v1/search  "
                        + "\"GET /api/v1/search at 1830 req/s against a baseline of 41 req/s (z = 38.4, threshold 6)\"",
                ConsoleFormat.line(TestAlerts.trafficSpikeOnRoute()));
    }

    @Test
    void shouldMarkShadowAlerts() {
        assertEquals("[shadow] 12:01:05 LOW reconnaissance client=ip:198.51.100.77  "
                        + "\"198.51.100.77 requested 240 different paths in 5 min, 91% not found\"",
                ConsoleFormat.line(TestAlerts.reconnaissanceShadow()));
    }

    @Test
    void shouldReplaceControlCharactersSoRequestTextCannotForgeLinesOrMoveTheCursor() {
        Alert a = TestAlerts.hostile();
        String line = ConsoleFormat.line(a);
        assertEquals(-1, line.indexOf('\n'));
        assertEquals(-1, line.indexOf('\r'));
        assertEquals("12:01:05 HIGH credential_stuffing client=user:<!here>|x=y\\z POST /api/v1/login|admin  "
                + "\"user <!channel> said a|b\\c=d??forged line & <https://evil.example|click>\"  (update 1)", line);
        Alert ansi = new Alert(Alert.SCHEMA, "x", 0, "anomaly", Alert.Severity.LOW, Alert.Scope.GLOBAL, null, null, null,
                null, TestAlerts.DETECTED, 0.1, "\u001b[2Jcleared", null, null, Alert.Mode.ALERT);
        assertEquals("12:01:05 LOW anomaly scope=global  \"?[2Jcleared\"", ConsoleFormat.line(ansi));
    }
}
