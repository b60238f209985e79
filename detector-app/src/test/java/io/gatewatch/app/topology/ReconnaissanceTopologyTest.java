package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Alert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * reconnaissance against CrowdSec's own hub test logs (from the shared data folder). Scenarios written for
 * Gatewatch are fixture folders (src/test/resources/fixtures/reconnaissance, run by {@link DetectorFixturesTest}).
 */
class ReconnaissanceTopologyTest {
    private static final Path HUB_TESTS = Path.of(System.getProperty("gatewatch.shared")).resolve("data/crowdsec-hub-tests");

    private static List<Alert> recon(TopologyFixture f) {
        return f.alerts.readValuesToList().stream().filter(a -> a.detector().equals("reconnaissance")).toList();
    }

    /**
     * CrowdSec hub fixtures whose lines are NGINX or Apache access logs, for the scenarios this detector
     * covers: each must raise a reconnaissance alert for exactly the source IPs CrowdSec's own
     * scenario.assert expects (read from the shared folder's _index.json).
     */
    @ParameterizedTest
    @ValueSource(strings = {"apache-http-probing", "apache2-http-sensitive-files", "nginx-http-sensitive-files",
            "nginx-bad-user-agent", "ipv6-postoverflow", "http-admin-interface-probing", "nginx-http-path-traversal",
            "nginx-http-backdoor", "http-cve-probing", "nginx-http-sqli-probing", "nginx-http-xss-probing",
            "http-dos-random-uri", "CVE-2024-38475"})
    void shouldAlertOnCrowdSecHubFixturesForTheSameSourceIps(String test) throws Exception {
        JsonNode fixture = hubIndex(test);
        Set<String> expected = new TreeSet<>();
        fixture.get("alerts").forEach(a -> a.get("src").forEach(ip -> expected.add(ip.asText())));
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(hubLog(fixture));
            Set<String> alerted = recon(f).stream().map(a -> a.client().ip()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, alerted);
        }
    }

    /** Parser-only hub fixtures: real traffic of self-hosted apps that must not look like reconnaissance. */
    @ParameterizedTest
    @ValueSource(strings = {"calibre-web-whitelist", "jellyfin-whitelist", "jellyseerr-whitelist", "nextcloud-whitelist",
            "overseerr-whitelist", "rocketchat-whitelist", "nginx_http-logs", "apache2-logs"})
    void shouldStaySilentOnBenignHubFixtures(String test) throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(hubLog(hubIndex(test)));
            assertEquals(List.of(), recon(f));
        }
    }

    @Test
    void shouldStaySilentOnAnAppServingSqlFilesOnceItsRouteIsAllowlisted() throws Exception {
        JsonNode fixture = hubIndex("actual-budget-whitelist");
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(hubLog(fixture));
            assertEquals(1, recon(f).stream().map(Alert::alertId).distinct().count(),
                    "Actual Budget serves its .sql migrations: a known false positive by default");
        }
        try (TopologyFixture f = new TopologyFixture(
                "detectors:\n  reconnaissance:\n    allowlist:\n      routes: [/data/migrations/**]\n")) {
            f.pipe(hubLog(fixture));
            assertEquals(List.of(), recon(f));
        }
    }

    private static JsonNode hubIndex(String test) throws IOException {
        for (JsonNode t : new ObjectMapper().readTree(HUB_TESTS.resolve("_index.json").toFile())) {
            if (t.get("test").asText().equals(test)) {
                return t;
            }
        }
        throw new AssertionError("no hub test " + test);
    }

    /** Raw bytes as ISO-8859-1, so the odd non-UTF-8 byte in a probe survives to the parser. */
    private static List<String> hubLog(JsonNode fixture) throws IOException {
        Path log = HUB_TESTS.resolve(fixture.get("test").asText()).resolve(fixture.get("log").asText());
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    }

}
