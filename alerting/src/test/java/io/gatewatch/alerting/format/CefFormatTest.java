package io.gatewatch.alerting.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void shouldShowEveryOtherControlCharacterAsVisibleTextInHeaderAndExtension() {
        String hostile = "a\tb\u001b[31mc\u0000d\u007fe\u0085f\u2028g";
        String expected = "a\\\\u0009b\\\\u001B[31mc\\\\u0000d\\\\u007Fe\\\\u0085f\\\\u2028g";
        assertEquals(expected, CefFormat.extensionValue(hostile));
        assertEquals(expected, CefFormat.header(hostile));
        Alert a = withText(TestAlerts.credentialStuffing(), hostile, "203.0.113.7", hostile);
        String line = cef.render(a);
        assertTrue(line.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028'), "no control character on the wire: " + line);
        CefParser p = CefParser.parse(line);
        assertEquals("a\\u0009b\\u001B[31mc\\u0000d\\u007Fe\\u0085f\\u2028g", p.extension().get("msg"),
                "a receiver reads the character's code, not the character");
    }

    @Test
    void shouldCapFieldsAtTheLengthsOfTheCefExtensionDictionary() {
        String longText = "x".repeat(9_000);
        Alert a = withText(TestAlerts.credentialStuffing(), longText, "203.0.113.7", longText);
        CefParser p = CefParser.parse(cef.render(new Alert(a.schema(), a.alertId(), a.revision(), a.detector(), a.severity(),
                a.scope(), new Alert.Client(longText, a.client().ip(), null, longText), "/" + longText, longText,
                a.firstSeen(), a.detectedAt(), a.score(), longText, a.evidence(), a.sources(), a.mode())));
        assertEquals(1023, p.extension().get("msg").length());
        assertEquals(1023, p.extension().get("suser").length());
        assertEquals(8000, p.extension().get("request").length());
        assertEquals(1023, p.extension().get("requestMethod").length());
        assertEquals(4000, p.extension().get("cs2").length(), "cs* custom strings hold 4000");
        assertTrue(p.header().get(5).length() <= 512, "the Name header field holds 512");
        assertEquals("x".repeat(1022), CefFormat.cut("x".repeat(1022) + "\ud83d\ude00", 1023),
                "a surrogate pair is never split: the emoji goes whole");
    }

    @Test
    void shouldPutAnIpv6SourceInC6a2AndNeverInSrc() {
        Alert a = withText(TestAlerts.credentialStuffing(), "s", "2001:db8::7", null);
        CefParser p = CefParser.parse(cef.render(a));
        assertEquals("2001:db8::7", p.extension().get("c6a2"));
        assertEquals("Source IPv6 Address", p.extension().get("c6a2Label"));
        assertFalse(p.extension().containsKey("src"), "src holds IPv4 only: " + p.extension());
        assertEquals("203.0.113.7", CefParser.parse(cef.render(TestAlerts.credentialStuffing())).extension().get("src"));
    }

    private static Alert withText(Alert a, String summary, String ip, String user) {
        return new Alert(a.schema(), a.alertId(), a.revision(), a.detector(), a.severity(), a.scope(),
                new Alert.Client(a.client().key(), ip, a.client().apiKeyHash(), user), a.route(), a.method(), a.firstSeen(),
                a.detectedAt(), a.score(), summary, a.evidence(), a.sources(), a.mode());
    }

    @Test
    void shouldMapSeveritiesOntoTheZeroToTenScale() {
        assertEquals(List.of(3, 5, 8, 10), List.of(Alert.Severity.values()).stream().map(CefFormat::severity).toList());
    }
}
