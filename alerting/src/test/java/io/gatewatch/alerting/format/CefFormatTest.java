package io.gatewatch.alerting.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.schema.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

class CefFormatTest {
    private final CefFormat cef = new CefFormat(FormatGoldenTest.PRODUCT, TestDetectors.STANDARD);

    @Test
    void shouldEscapePipeAndBackslashInHeaderFields() {
        assertEquals("a\\|b\\\\c=d", CefFormat.header("a|b\\c=d"));
        assertEquals("line one line two", CefFormat.header("line one\nline two"));
    }

    @Test
    void shouldEscapeBackslashEqualsAndLineBreaksInExtensionValues() {
        assertEquals("a|b\\\\c\\=d\\r\\ne", CefFormat.extensionValue("a|b\\c=d\r\ne"));
    }

    @Test
    void shouldRoundTripHostileTextThroughAnIndependentParser() {
        Alert a = TestAlerts.hostile();
        String line = cef.render(a);
        assertFalse(line.contains("\n") || line.contains("\r"), "one alert is one line");
        CefParser p = CefParser.parse(line);
        assertEquals(List.of("CEF:0", "Gatewatch", "Gatewatch", "0.1.0", "credential_stuffing",
                "Credential stuffing from user:<!here>|x=y\\z on POST /api/v1/login|admin (update 1)", "8"), p.header());
        assertEquals(a.summary(), p.extension().get("msg"));
        assertEquals(a.client().user(), p.extension().get("suser"));
        assertEquals(a.client().key(), p.extension().get("cs2"));
        assertEquals("clientKey", p.extension().get("cs2Label"));
        assertEquals(a.route(), p.extension().get("request"));
        assertEquals("203.0.113.9", p.extension().get("src"));
        assertEquals(Long.toString(a.detectedAt().toEpochMilli()), p.extension().get("rt"));
        assertEquals("1", p.extension().get("cn1"));
        assertEquals("cs-hostile-1", p.extension().get("externalId"));
    }

    @Test
    void shouldOmitCustomSlotsAndTheirLabelsWhenEmpty() {
        CefParser p = CefParser.parse(cef.render(TestAlerts.credentialStuffing()));
        assertFalse(p.extension().containsKey("cs3"));
        assertFalse(p.extension().containsKey("cs3Label"), "a label without a value misleads SIEM field mapping");
        assertFalse(p.extension().containsKey("suser"));
    }

    @Test
    void shouldMapSeveritiesOntoTheZeroToTenScale() {
        assertEquals(List.of(3, 5, 8, 10), List.of(Alert.Severity.values()).stream().map(CefFormat::severity).toList());
    }
}
