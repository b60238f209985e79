package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import static io.gatewatch.schema.parse.Fixtures.events;
import static io.gatewatch.schema.parse.Fixtures.jsonBlocks;
import static io.gatewatch.schema.parse.Fixtures.rejection;
import static io.gatewatch.schema.parse.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KongLogParserTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    private final ObjectMapper mapper = Json.newMapper();
    private final KongLogParser parser = new KongLogParser(mapper, hasher);
    private final List<String> samples = jsonBlocks("kong.txt");

    @Test
    void shouldFindBothDocumentedSamples() {
        assertEquals(2, samples.size());
    }

    @Test
    void shouldReadEveryFieldOfTheKong22Sample() {
        ApiEvent e = single(parser.parse(samples.get(0)));

        assertEquals(Instant.parse("2021-02-25T05:57:48.342Z"), e.ts());
        assertEquals("kong", e.gateway());
        assertEquals("192.168.144.1", e.clientIp());
        assertNull(e.apiKeyHash());
        assertEquals("foo", e.user(), "consumer.username");
        assertEquals("HTTPie/2.4.0", e.userAgent());
        assertEquals("GET", e.method());
        assertEquals("localhost", e.host());
        assertEquals("/log", e.path());
        assertNull(e.query());
        assertEquals("/log", e.route());
        assertEquals(200, e.status());
        assertEquals(827L, e.bytesOut());
        assertEquals(138L, e.bytesIn());
        assertEquals(515.0, e.latencyMs());
        assertNull(e.requestId());
    }

    @Test
    void shouldReadTheKong38SampleWithItsRequestIdAndNoConsumer() {
        ApiEvent e = single(parser.parse(samples.get(1)));

        assertEquals(Instant.parse("2024-09-19T22:10:39.538Z"), e.ts());
        assertEquals("192.168.65.1", e.clientIp());
        assertNull(e.user());
        assertEquals("HTTPie/3.2.3", e.userAgent());
        assertEquals("/example-route", e.path());
        assertEquals(9982L, e.bytesOut());
        assertEquals(139L, e.bytesIn());
        assertEquals(173.0, e.latencyMs());
        assertEquals("2f6946328ffc4946b8c9120704a4a155", e.requestId());
    }

    @Test
    void shouldReadABatchedArrayAsSeveralEvents() throws Exception {
        String batch = "[" + mapper.readTree(samples.get(0)) + "," + mapper.readTree(samples.get(1)) + "]";

        List<ApiEvent> events = events(parser.parse(batch));

        assertEquals(2, events.size());
        assertEquals("foo", events.get(0).user());
        assertEquals("2f6946328ffc4946b8c9120704a4a155", events.get(1).requestId());
    }

    @Test
    void shouldRejectABatchWithABrokenElementAndSayWhich() throws Exception {
        String batch = "[" + mapper.readTree(samples.get(0)) + ",{\"request\":{}}]";

        assertEquals("kong: no started_at (epoch milliseconds) (element 2 of 2)", rejection(parser.parse(batch)));
    }

    @Test
    void shouldHashApiKeysFromHeadersAndQueryAndNeverKeepThemInClear() throws Exception {
        String secret = "s3cr3t-key-0123456789";
        ObjectNode withHeader = (ObjectNode) mapper.readTree(samples.get(1));
        ((ObjectNode) withHeader.at("/request/headers")).put("apikey", secret);
        ObjectNode inQuery = (ObjectNode) mapper.readTree(samples.get(1));
        ((ObjectNode) inQuery.get("request")).put("uri", "/example-route?apikey=" + secret + "&page=2");
        ObjectNode bearer = (ObjectNode) mapper.readTree(samples.get(1));
        ((ObjectNode) bearer.at("/request/headers")).put("authorization", "Bearer " + secret);

        for (ObjectNode record : List.of(withHeader, inQuery, bearer)) {
            ApiEvent e = single(parser.parse(record.toString()));
            assertEquals(hasher.hash(secret), e.apiKeyHash(), record.at("/request").toString());
            assertFalse(mapper.writeValueAsString(e).contains(secret), "the key must not survive in clear");
        }
        ApiEvent q = single(parser.parse(inQuery.toString()));
        assertEquals("/example-route", q.path());
        assertEquals("apikey=" + hasher.hash(secret) + "&page=2", q.query());
    }

    @Test
    void shouldTakeTheBasicAuthUserButNeverThePassword() throws Exception {
        ObjectNode record = (ObjectNode) mapper.readTree(samples.get(1));
        String basic = java.util.Base64.getEncoder().encodeToString("alice:hunter2".getBytes());
        ((ObjectNode) record.at("/request/headers")).put("authorization", "Basic " + basic);

        ApiEvent e = single(parser.parse(record.toString()));

        assertEquals("alice", e.user());
        assertNull(e.apiKeyHash(), "a password guess must not become a client identity");
        assertFalse(mapper.writeValueAsString(e).contains("hunter2"));
    }

    @Test
    void shouldRecogniseKongRecordsOnly() throws Exception {
        assertTrue(parser.recognises(mapper.readTree(samples.get(0))));
        assertFalse(parser.recognises(mapper.readTree("{\"started_at\":1,\"requestId\":\"x\"}")));
    }

    @Test
    void shouldRejectWhatIsNotKongJsonWithAReason() {
        assertEquals("kong: not a JSON record", rejection(parser.parse("GET / HTTP/1.1")));
        assertTrue(rejection(parser.parse("{\"started_at\": 1, ")).startsWith("kong: not valid JSON"));
        assertEquals("kong: no request object", rejection(parser.parse("{\"started_at\": 1614232668342}")));
        assertEquals("kong: expected a JSON object or a non-empty array of objects", rejection(parser.parse("[]")));
    }
}
