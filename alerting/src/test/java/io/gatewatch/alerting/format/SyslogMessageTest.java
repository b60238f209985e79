package io.gatewatch.alerting.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.schema.Alert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyslogMessageTest {
    @Test
    void shouldWriteAnRfc5424HeaderWithPriorityFromFacilityAndSeverity() {
        assertEquals("<163>1 2025-03-14T12:01:05.120Z gw-1 gatewatch - credential_stuffing - MSG",
                SyslogMessage.rfc5424(20, "gw-1", "gatewatch", TestAlerts.credentialStuffing(), "MSG"));
    }

    @Test
    void shouldWriteAnRfc3164HeaderWithASpacePaddedDay() {
        Alert early = TestAlerts.revision(TestAlerts.credentialStuffing(), "x", 0, Instant.parse("2025-03-04T09:05:01Z"));
        assertEquals("<163>Mar  4 09:05:01 gw-1 gatewatch: MSG", SyslogMessage.rfc3164(20, "gw-1", "gatewatch", early, "MSG"));
    }

    @Test
    void shouldReplaceSpacesInHeaderTokensAndUseNilForMissingOnes() {
        assertEquals("<163>1 2025-03-14T12:01:05.120Z my_host - - credential_stuffing - M",
                SyslogMessage.rfc5424(20, "my host", "", TestAlerts.credentialStuffing(), "M"));
    }

    @Test
    void shouldFrameByOctetCountInBytesNotCharacters() {
        assertArrayEquals("6 héllo".getBytes(StandardCharsets.UTF_8), SyslogMessage.octetCounted("héllo"));
    }

    @Test
    void shouldFrameByLineFeedWithoutLeavingLineBreaksInside() {
        assertArrayEquals("a b c\n".getBytes(StandardCharsets.UTF_8), SyslogMessage.lineFramed("a\nb\rc"));
    }

    @Test
    void shouldMapAlertSeverityToSyslogSeverity() {
        assertEquals(5, SyslogMessage.severity(Alert.Severity.LOW));
        assertEquals(4, SyslogMessage.severity(Alert.Severity.MEDIUM));
        assertEquals(3, SyslogMessage.severity(Alert.Severity.HIGH));
        assertEquals(2, SyslogMessage.severity(Alert.Severity.CRITICAL));
    }
}
