package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import static io.gatewatch.schema.parse.Fixtures.hubTestLines;
import static io.gatewatch.schema.parse.Fixtures.rejection;
import static io.gatewatch.schema.parse.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericJsonLogParserTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    private final ObjectMapper mapper = Json.newMapper();

    /** Fastly's JSON log streaming, as in crowdsec-hub-tests/fastly-logs (syslog-prefixed). */
    private final GenericJsonLogParser fastly = new GenericJsonLogParser("fastly", "fastly", Map.of(
            "ts", "timestamp", "client_ip", "client_ip", "host", "host", "path", "url",
            "method", "request_method", "user_agent", "request_user_agent", "status", "response_status",
            "bytes_out", "response_body_size"), mapper, hasher);

    @Test
    void shouldMapFastlyJsonBehindASyslogPrefix() {
        ApiEvent e = single(fastly.parse(hubTestLines("fastly-logs").getFirst()));

        assertEquals(Instant.parse("2021-11-12T16:59:45Z"), e.ts());
        assertEquals("fastly", e.gateway());
        assertEquals("1.2.3.4", e.clientIp());
        assertNull(e.apiKeyHash());
        assertNull(e.user());
        assertEquals("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/74.0.3729.169 Safari/537.36", e.userAgent());
        assertEquals("GET", e.method());
        assertEquals("fastly.mydomain.com", e.host());
        assertEquals("/zVnC16Tl.exe", e.path());
        assertNull(e.query());
        assertEquals("/zVnC16Tl.exe", e.route());
        assertEquals(404, e.status());
        assertEquals(564L, e.bytesOut());
        assertNull(e.bytesIn());
        assertNull(e.latencyMs());
        assertNull(e.requestId());
        hubTestLines("fastly-logs").forEach(l -> single(fastly.parse(l)));
    }

    @Test
    void shouldFollowDottedPathsAndHashTheMappedApiKey() {
        GenericJsonLogParser ecs = new GenericJsonLogParser("ecs", "custom", Map.of(
                "ts", "@timestamp", "client_ip", "source.ip", "url", "url.original", "method", "http.request.method",
                "status", "http.response.status_code", "api_key", "http.request.headers.x-api-key",
                "latency_s", "event.duration_s"), mapper, hasher);
        String line = """
                {"@timestamp":"2024-05-06T07:08:09.123Z","source":{"ip":"10.1.2.3"},\
                "url":{"original":"https://shop.example.com/api/v2/carts/12345?debug=1"},\
                "http":{"request":{"method":"PUT","headers":{"x-api-key":"live_abcdef"}},"response":{"status_code":"409"}},\
                "event":{"duration_s":0.042}}""";

        ApiEvent e = single(ecs.parse(line));

        assertEquals(Instant.parse("2024-05-06T07:08:09.123Z"), e.ts());
        assertEquals("custom", e.gateway());
        assertEquals("10.1.2.3", e.clientIp());
        assertEquals("shop.example.com", e.host());
        assertEquals("/api/v2/carts/12345", e.path());
        assertEquals("/api/v2/carts/{id}", e.route());
        assertEquals("debug=1", e.query());
        assertEquals("PUT", e.method());
        assertEquals(409, e.status());
        assertEquals(42.0, e.latencyMs(), 1e-9);
        assertEquals(hasher.hash("live_abcdef"), e.apiKeyHash());
    }

    @Test
    void shouldReadApiEventJsonBackUnchanged() throws Exception {
        ApiEvent original = io.gatewatch.schema.Samples.fullEvent();
        GenericJsonLogParser json = GenericJsonLogParser.apiEventNames(mapper, hasher);

        ApiEvent back = single(json.parse(mapper.writeValueAsString(original)));

        assertEquals(original, back);
    }

    @Test
    void shouldRefuseAMappingWithUnknownFieldsOrWithoutTime() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new GenericJsonLogParser("x", "x", Map.of("ts", "t", "clientip", "ip"), mapper, hasher));
        assertTrue(unknown.getMessage().startsWith("json mapping: unknown field 'clientip'; allowed: ts, gateway, client_ip"),
                unknown.getMessage());
        assertEquals("json mapping must map ts (the event time)", assertThrows(IllegalArgumentException.class,
                () -> new GenericJsonLogParser("x", "x", Map.of("path", "p"), mapper, hasher)).getMessage());
    }

    @Test
    void shouldRejectRecordsWithoutTheMappedTime() {
        assertEquals("fastly: no readable time at 'timestamp'", rejection(fastly.parse("{\"url\":\"/\"}")));
        assertFalse(fastly.recognises(mapper.createObjectNode().put("url", "/")));
    }
}
