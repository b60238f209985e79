package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import static io.gatewatch.schema.parse.Fixtures.rejection;
import static io.gatewatch.schema.parse.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code log_format json_logs escape=json} of formats/nginx.txt rendered with the values of a real
 * combined line (crowdsec-hub-tests/nginx_http-logs line 7) plus a request time: no rendered JSON line
 * is published with it.
 */
class NginxJsonLogParserTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    private static final Map<String, String> VALUES = Map.of(
            "$time_local", "08/Jun/2020:08:04:43 +0000",
            "$remote_addr", "192.168.1.1",
            "$remote_user", "user123",
            "$request", "GET /api/login?next=%2Fhome HTTP/1.1",
            "$status", "200",
            "$body_bytes_sent", "150",
            "$request_time", "0.005",
            "$http_referer", "",
            "$http_user_agent", "curl/7.68.0");

    private final NginxJsonLogParser parser = new NginxJsonLogParser(Json.newMapper(), false, hasher);

    static String rendered() {
        List<String> lines = Fixtures.lines("formats/nginx.txt");
        int start = lines.indexOf("# log_format json_logs escape=json");
        StringBuilder json = new StringBuilder();
        for (int i = start + 1; i < lines.size() && lines.get(i).startsWith("# '"); i++) {
            String l = lines.get(i);
            json.append(l, l.indexOf('\'') + 1, l.lastIndexOf('\''));
        }
        String out = json.toString();
        // Longest variable names first: $request_time before $request.
        for (String name : VALUES.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            out = out.replace(name, VALUES.get(name));
        }
        assertFalse(out.contains("$"), out);
        return out;
    }

    @Test
    void shouldReadEveryFieldOfTheDocumentedJsonFormat() {
        ApiEvent e = single(parser.parse(rendered()));

        assertEquals(Instant.parse("2020-06-08T08:04:43Z"), e.ts());
        assertEquals("nginx", e.gateway());
        assertEquals("192.168.1.1", e.clientIp());
        assertNull(e.apiKeyHash());
        assertEquals("user123", e.user());
        assertEquals("curl/7.68.0", e.userAgent());
        assertEquals("GET", e.method());
        assertNull(e.host());
        assertEquals("/api/login", e.path());
        assertEquals("next=%2Fhome", e.query());
        assertEquals("/api/login", e.route());
        assertEquals(200, e.status(), "\"status\": \"200\" is a string in this format");
        assertEquals(150L, e.bytesOut());
        assertNull(e.bytesIn());
        assertEquals(5.0, e.latencyMs(), 1e-9);
        assertNull(e.requestId());
    }

    @Test
    void shouldPreferRequestUriAndIsoTimeAndHashAnApiKeyHeader() {
        String line = """
                {"time_iso8601":"2024-03-01T10:00:00+01:00","msec":"1709283600.123","remote_addr":"2001:db8::1",\
                "request_method":"DELETE","request_uri":"/v1/items/9f8e7d6c5b4a3210?api_key=abc123secret",\
                "status":204,"body_bytes_sent":0,"request_length":"321","request_time":"0.250",\
                "http_host":"api.example.com:8443","request_id":"5f0c1e","http_x_api_key":"k-777"}""";

        ApiEvent e = single(parser.parse(line));

        assertEquals(Instant.parse("2024-03-01T09:00:00Z"), e.ts());
        assertEquals("2001:db8::1", e.clientIp());
        assertEquals("DELETE", e.method());
        assertEquals("/v1/items/9f8e7d6c5b4a3210", e.path());
        assertEquals("/v1/items/{id}", e.route());
        assertEquals("api_key=" + hasher.hash("abc123secret"), e.query());
        assertEquals(hasher.hash("k-777"), e.apiKeyHash(), "the header key wins over the query key");
        assertEquals("api.example.com", e.host());
        assertEquals(321L, e.bytesIn());
        assertEquals(250.0, e.latencyMs(), 1e-9);
        assertEquals("5f0c1e", e.requestId());
    }

    @Test
    void shouldFallBackToMsecForTheTime() {
        ApiEvent e = single(parser.parse("{\"msec\":\"1709283600.123\",\"remote_addr\":\"1.2.3.4\",\"request\":\"GET / HTTP/1.1\",\"status\":\"200\"}"));
        assertEquals(Instant.parse("2024-03-01T09:00:00.123Z"), e.ts());
    }

    @Test
    void shouldRejectARecordWithoutTime() {
        assertTrue(rejection(parser.parse("{\"remote_addr\":\"1.2.3.4\"}")).startsWith("nginx-json: no readable time"));
    }
}
