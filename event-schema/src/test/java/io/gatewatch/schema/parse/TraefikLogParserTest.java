package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import static io.gatewatch.schema.parse.Fixtures.examples;
import static io.gatewatch.schema.parse.Fixtures.hubTestLines;
import static io.gatewatch.schema.parse.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraefikLogParserTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    private final TraefikLogParser parser = new TraefikLogParser(Json.newMapper(), false, hasher);

    @Test
    void shouldReadEveryFieldOfAJsonLine() {
        ApiEvent e = single(parser.parse(hubTestLines("traefik_json").getFirst()));

        assertEquals(Instant.parse("2021-12-08T14:02:43.587Z"), e.ts());
        assertEquals("traefik", e.gateway());
        assertEquals("172.17.0.1", e.clientIp());
        assertNull(e.apiKeyHash());
        assertNull(e.user(), "ClientUsername '-'");
        assertEquals("Nikto", e.userAgent());
        assertEquals("GET", e.method());
        assertEquals("test.docker.localhost", e.host());
        assertEquals("/594VAEoi.save", e.path());
        assertNull(e.query());
        assertEquals("/594VAEoi.save", e.route());
        assertEquals(200, e.status());
        assertEquals(357L, e.bytesOut());
        assertEquals(0L, e.bytesIn());
        assertEquals(0.357313, e.latencyMs(), 1e-9);
        assertNull(e.requestId());
    }

    @Test
    void shouldReadTheDocumentedExamplesInBothFormats() {
        List<String> lines = examples("traefik.txt").stream().filter(l -> !l.startsWith("<")).toList();
        assertEquals(5, lines.size());
        for (String line : lines) {
            ApiEvent e = single(parser.parse(line));
            assertTrue(e.status() != null && e.latencyMs() != null && e.clientIp() != null, line);
        }
        ApiEvent clf = single(parser.parse(lines.getFirst()));
        assertEquals(Instant.parse("2018-11-18T21:34:30Z"), clf.ts());
        assertEquals("10.0.0.2", clf.clientIp());
        assertEquals(401, clf.status());
        assertEquals(17L, clf.bytesOut());
        assertEquals("/dashboard/", clf.path());
        assertEquals("/dashboard", clf.route());
        assertEquals(0.0, clf.latencyMs());
    }

    @Test
    void shouldReadCommonFormatLinesWithUserStatusDashAndLatency() {
        List<String> lines = hubTestLines("traefik_clf");
        assertEquals(7, lines.size());
        lines.forEach(l -> single(parser.parse(l)));

        ApiEvent noResponse = single(parser.parse(lines.get(4)));
        assertNull(noResponse.status(), "'-' status: the client left before a response");
        assertNull(noResponse.bytesOut());
        assertEquals("/mobileadmin/home.cs", noResponse.path());

        ApiEvent slow = single(parser.parse(lines.get(5)));
        assertEquals(42.0, slow.latencyMs());
        assertEquals("Nikto", slow.userAgent());
        assertEquals(Instant.parse("2024-11-24T13:38:04Z"), slow.ts());

        ApiEvent query = single(parser.parse(lines.get(1)));
        assertEquals("/upload.asp", query.path());
        assertEquals("test=toto&tata=test", query.query());

        String withUser = Fixtures.lines("logs/fail2ban-tests/traefik-auth.log").stream()
                .filter(l -> l.startsWith("10.0.0.2 - username")).findFirst().orElseThrow();
        assertEquals("username", single(parser.parse(withUser)).user());
    }

    @Test
    void shouldReadEveryJsonLineOfTheTraefikHubTests() throws Exception {
        List<String> lines = new java.util.ArrayList<>(hubTestLines("traefik_json"));
        lines.addAll(hubTestLines("traefik_base-http-scenario"));
        assertEquals(7 + 80, lines.size()); // traefik_json, traefik_base-http-scenario
        // traefik_json also holds a bouncer plugin's debug line: no access record, rejected with a reason.
        List<String> debug = lines.stream().filter(l -> l.startsWith("DEBUG: ")).toList();
        assertEquals(1, debug.size());
        assertTrue(Fixtures.rejection(parser.parse(debug.getFirst())).startsWith("traefik: no [dd/Mon/yyyy"));
        lines.removeAll(debug);
        for (String line : lines) {
            ApiEvent e = single(parser.parse(line));
            assertEquals(Json.newMapper().readTree(line).get("ClientHost").asText(), e.clientIp(), line);
            assertTrue(e.path() != null && e.status() != null && e.latencyMs() != null, line);
        }
    }

    @Test
    void shouldRejectTraefiksTcpDebugLinesWithAReason() {
        // tcpudp-flood-traefik holds Traefik's debug log, not access logs.
        String line = hubTestLines("tcpudp-flood-traefik").getFirst();
        assertTrue(Fixtures.rejection(parser.parse(line)).startsWith("traefik: no [dd/Mon/yyyy"), line);
    }
}
