package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import static io.gatewatch.schema.parse.Fixtures.rejection;
import static io.gatewatch.schema.parse.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AWS publishes the access-log templates but no rendered line, so these tests render AWS's own presets
 * from formats/aws-api-gateway.txt, replacing each {@code $context} variable with a value of its
 * documented form.
 */
class AwsApiGatewayLogParserTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    private static final Map<String, String> CONTEXT = Map.ofEntries(
            Map.entry("$context.requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"),
            Map.entry("$context.extendedRequestId", "Ab1CdEfGhIjKlMn="),
            Map.entry("$context.identity.sourceIp", "198.51.100.23"),
            Map.entry("$context.identity.caller", "-"),
            Map.entry("$context.identity.user", "-"),
            Map.entry("$context.requestTime", "25/Feb/2021:05:57:48 +0100"),
            Map.entry("$context.httpMethod", "GET"),
            Map.entry("$context.resourcePath", "/pets/{petId}"),
            Map.entry("$context.routeKey", "GET /pets/{petId}"),
            Map.entry("$context.status", "404"),
            Map.entry("$context.protocol", "HTTP/1.1"),
            Map.entry("$context.responseLength", "42"));

    private final AwsApiGatewayLogParser parser = new AwsApiGatewayLogParser(Json.newMapper(), hasher);

    /** The preset after {@code title}: its lines up to a blank line, continuation backslashes removed, variables replaced. */
    private static String rendered(String title) {
        List<String> lines = Fixtures.lines("formats/aws-api-gateway.txt");
        int start = lines.indexOf(title);
        StringBuilder template = new StringBuilder();
        for (int i = start + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
            String l = lines.get(i);
            template.append(l.endsWith("\\") ? l.substring(0, l.length() - 1) : l);
        }
        String out = template.toString();
        // Longest names first, so $context.requestTime is not eaten by $context.requestId's prefix and so on.
        List<String> names = CONTEXT.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList();
        for (String name : names) {
            out = out.replace(name, CONTEXT.get(name));
        }
        assertTrue(!out.contains("$context"), "unrendered variable in " + out);
        return out;
    }

    @Test
    void shouldReadEveryFieldOfTheRestApiJsonPreset() {
        ApiEvent e = single(parser.parse(rendered("JSON:")));

        assertEquals(Instant.parse("2021-02-25T04:57:48Z"), e.ts());
        assertEquals("aws-apigw", e.gateway());
        assertEquals("198.51.100.23", e.clientIp());
        assertNull(e.apiKeyHash());
        assertNull(e.user(), "caller and user '-'");
        assertNull(e.userAgent(), "not in the preset");
        assertEquals("GET", e.method());
        assertNull(e.host());
        assertNull(e.path(), "the preset logs only the resource template, not the path");
        assertNull(e.query());
        assertEquals("/pets/{petId}", e.route());
        assertEquals(404, e.status());
        assertEquals(42L, e.bytesOut());
        assertNull(e.bytesIn());
        assertNull(e.latencyMs());
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", e.requestId());
    }

    @Test
    void shouldReadTheHttpApiJsonPresetWithItsRouteKey() {
        ApiEvent e = single(parser.parse(rendered("JSON (HTTP API):")));

        assertEquals("GET", e.method());
        assertEquals("/pets/{petId}", e.route());
        assertEquals(404, e.status());
        assertEquals("198.51.100.23", e.clientIp());
    }

    @Test
    void shouldReadTheRestApiClfPreset() {
        ApiEvent e = single(parser.parse(rendered("CLF:")));

        assertEquals("198.51.100.23", e.clientIp());
        assertEquals(Instant.parse("2021-02-25T04:57:48Z"), e.ts());
        assertEquals("/pets/{petId}", e.route());
        assertNull(e.path());
        assertEquals(404, e.status());
        assertEquals(42L, e.bytesOut());
        assertEquals("aws-apigw", e.gateway());
    }

    @Test
    void shouldReadTheRecommendedTemplateWithKeyIdPathLatencyAndEpochTime() {
        String line = """
                {"requestId":"r-1","ip":"203.0.113.9","apiKeyId":"a1b2c3d4e5","caller":"AIDACKCEVSQ6C2EXAMPLE",\
                "requestTimeEpoch":1614232668342,"httpMethod":"POST","resourcePath":"/orders/{id}",\
                "path":"/prod/orders/77?expand=items","status":201,"responseLength":"512","responseLatency":"37",\
                "userAgent":"okhttp/4.12.0","domainName":"api.example.com"}""";

        ApiEvent e = single(parser.parse(line));

        assertEquals(Instant.parse("2021-02-25T05:57:48.342Z"), e.ts());
        assertEquals(hasher.hash("a1b2c3d4e5"), e.apiKeyHash());
        assertEquals("AIDACKCEVSQ6C2EXAMPLE", e.user());
        assertEquals("/prod/orders/77", e.path());
        assertEquals("expand=items", e.query());
        assertEquals("/orders/{id}", e.route());
        assertEquals(37.0, e.latencyMs());
        assertEquals(512L, e.bytesOut());
        assertEquals("okhttp/4.12.0", e.userAgent());
        assertEquals("api.example.com", e.host());
    }

    @Test
    void shouldRejectARecordWithoutTime() {
        assertEquals("aws-apigw: no readable requestTimeEpoch or requestTime",
                rejection(parser.parse("{\"requestId\":\"x\",\"httpMethod\":\"GET\"}")));
    }
}
