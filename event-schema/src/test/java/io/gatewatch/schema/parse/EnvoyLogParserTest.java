package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import static io.gatewatch.schema.parse.Fixtures.examples;
import static io.gatewatch.schema.parse.Fixtures.hubTestLines;
import static io.gatewatch.schema.parse.Fixtures.rejection;
import static io.gatewatch.schema.parse.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvoyLogParserTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    private final EnvoyLogParser parser = new EnvoyLogParser(Json.newMapper(), false, hasher);
    private final EnvoyLogParser trusting = new EnvoyLogParser(Json.newMapper(), true, hasher);

    private static String example(String startsWith) {
        return examples("envoy.txt").stream().filter(l -> l.startsWith(startsWith)).findFirst().orElseThrow();
    }

    @Test
    void shouldReadEveryFieldOfTheDocumentedDefaultFormatLine() {
        String line = example("[2016-04-15T20:17:00.310Z]");

        ApiEvent e = single(parser.parse(line));

        assertEquals(Instant.parse("2016-04-15T20:17:00.310Z"), e.ts());
        assertEquals("envoy", e.gateway());
        assertNull(e.clientIp(), "the default format has no downstream address, and XFF is not trusted");
        assertNull(e.apiKeyHash());
        assertNull(e.user());
        assertEquals("nsq2http", e.userAgent());
        assertEquals("POST", e.method());
        assertEquals("locations", e.host());
        assertEquals("/api/v1/locations", e.path());
        assertNull(e.query());
        assertEquals("/api/v1/locations", e.route());
        assertEquals(204, e.status());
        assertEquals(0L, e.bytesOut());
        assertEquals(154L, e.bytesIn());
        assertEquals(226.0, e.latencyMs());
        assertEquals("cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2", e.requestId());

        assertEquals("10.0.35.28", single(trusting.parse(line)).clientIp(), "X-Forwarded-For when trusted");
    }

    @Test
    void shouldReadTheDownstreamAddressOfIstiosFormat() {
        ApiEvent e = single(parser.parse(example("[2024-06-02T13:35:27.054Z]")));

        assertEquals("192.168.0.24", e.clientIp());
        assertEquals(302, e.status());
        assertEquals(0L, e.bytesIn());
        assertEquals(387L, e.bytesOut());
        assertEquals(16.0, e.latencyMs());
        assertEquals("kubeflow.kubefrog.fr", e.host());
        assertEquals("1d3ec87f-d974-4521-b5ac-23404817a56a", e.requestId());
        assertEquals("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0", e.userAgent());
    }

    @Test
    void shouldReadCriWrappedJsonWithTheDownstreamAddressAsClient() {
        List<String> lines = hubTestLines("envoy-logs");
        ApiEvent e = single(parser.parse(lines.getFirst()));

        assertEquals(Instant.parse("2025-12-31T16:37:40.479Z"), e.ts());
        assertEquals("10.0.0.12", e.clientIp());
        assertEquals("GET", e.method());
        assertEquals("www.example.com", e.host());
        assertEquals("/assets/image.webp", e.path());
        assertEquals(200, e.status());
        assertEquals(121258L, e.bytesOut());
        assertEquals(0L, e.bytesIn());
        assertEquals(11.0, e.latencyMs());
        assertEquals("3bbc0252-2d5c-49fe-bd89-104e9b61770b", e.requestId());
        assertEquals("Mozilla/4.0 (Windows NT 9.0; Win64; x64; rv:136.0) Gecko/20101 Firefox/136.0", e.userAgent());
    }

    @Test
    void shouldReadEveryLineOfTheEnvoyHubTests() {
        int total = 0;
        for (String test : List.of("envoy-logs", "envoy-http-bad-user-agent", "envoy-http-crawl-non_statics")) {
            for (String line : hubTestLines(test)) {
                ApiEvent e = single(parser.parse(line));
                assertTrue(e.status() != null && e.path() != null, line);
                total++;
            }
        }
        assertEquals(10 + 2 + 41, total);
        hubTestLines("envoy-http-crawl-non_statics").forEach(l -> assertEquals("10.0.0.13", single(parser.parse(l)).clientIp()));
    }

    @Test
    void shouldStripPortsAndBracketsFromIpv6Addresses() {
        List<String> lines = hubTestLines("envoy-logs");
        String jsonV6 = lines.stream().filter(l -> l.contains("\"downstream_remote_address\":\"[fd00:1234:5678::5a24]:43000\"")).findFirst().orElseThrow();
        String textV6 = lines.stream().filter(l -> l.contains("\"[fd00:1234:5678::5a24]\" \"curl/8.10.1\"")).findFirst().orElseThrow();
        String textXffList = lines.stream().filter(l -> l.contains("multi-ip-clf-v6")).findFirst().orElseThrow();

        assertEquals("fd00:1234:5678::5a24", single(parser.parse(jsonV6)).clientIp());
        assertNull(single(parser.parse(textV6)).clientIp());
        assertEquals("fd00:1234:5678::5a24", single(trusting.parse(textV6)).clientIp());
        assertEquals("fd00:1234:5678::5a24", single(trusting.parse(textXffList)).clientIp());
        assertEquals("192.168.1.100", single(trusting.parse(
                lines.stream().filter(l -> l.contains("multi-ip-clf-v4")).findFirst().orElseThrow())).clientIp());
    }

    @Test
    void shouldRejectBrokenRecordsWithAReason() {
        assertTrue(rejection(parser.parse("not envoy at all")).startsWith("envoy: neither JSON nor Envoy's text format"));
        assertEquals("envoy: no readable start_time", rejection(parser.parse("{\"method\":\"GET\"}")));
        assertTrue(rejection(parser.parse("2025-12-31T17:37:40.493035218+01:00 stdout P {\"start_time\":")).contains("partial CRI line"));
        assertTrue(rejection(parser.parse("[2016-04-15T20:17:00.310Z] \"POST /a HTTP/2\" 204 - 154 0")).contains("X-FORWARDED-FOR"));
    }
}
