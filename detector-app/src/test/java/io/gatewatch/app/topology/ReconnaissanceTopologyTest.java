package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReconnaissanceTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/141.0 Safari/537.36";
    private static final Path HUB_TESTS = Path.of(System.getProperty("gatewatch.shared")).resolve("data/crowdsec-hub-tests");

    private static String get(String ip, Instant t, String target, int status, String agent) {
        return CombinedLogLine.of(ip, null, t, "GET", target, status, 153, agent);
    }

    private static List<Alert> recon(TopologyFixture f) {
        return f.alerts.readValuesToList().stream().filter(a -> a.detector().equals("reconnaissance")).toList();
    }

    @Test
    void shouldAlertOnAFastProbeBurstAndUpdateRatherThanFlood() throws Exception {
        List<String> probes = List.of("/.env", "/.git/config", "/wp-config.php.bak", "/phpmyadmin/", "/actuator/env",
                "/server-status", "/backup.zip", "/.aws/credentials", "/swagger-ui.html", "/v2/api-docs");
        try (TopologyFixture f = new TopologyFixture()) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String target = i < probes.size() ? probes.get(i) : "/dir-" + i + "/";
                lines.add(get("198.51.100.23", T0.plusMillis(400L * i), target, 404, "curl/8.5.0"));
            }
            f.pipe(lines);
            List<Alert> alerts = recon(f);
            Alert first = alerts.getFirst();
            assertEquals(0, first.revision());
            assertEquals(Alert.Scope.CLIENT, first.scope());
            assertEquals("ip:198.51.100.23", first.client().key());
            assertEquals("198.51.100.23", first.client().ip());
            assertNull(first.route(), "a scan has no one route; its paths are in the evidence");
            assertEquals(T0.toEpochMilli() / 1000, first.detectedAt().getEpochSecond(), "the third probe, 0.8 s in");
            assertEquals("fast", first.evidence().get("window"));
            assertEquals(List.of("/.env", "/.git/config", "/wp-config.php.bak"), first.evidence().get("sample_paths"));
            assertTrue(alerts.stream().allMatch(a -> a.alertId().equals(first.alertId())), "one alert for one scan");
            assertTrue(alerts.size() >= 2 && alerts.size() <= 5, "updates as the scan doubles, not per probe: " + alerts.size());
            Alert last = alerts.getLast();
            assertTrue(((Number) last.evidence().get("probes")).intValue() >= 10, last.evidence().toString());
        }
    }

    @Test
    void shouldStaySilentForARealUserWithThreeNotFoundsInAnHour() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            List<String> lines = new ArrayList<>();
            String ip = "192.0.2.44";
            for (int i = 0; i < 40; i++) {
                Instant t = T0.plus(Duration.ofSeconds(90L * i));
                lines.add(get(ip, t, "/docs/page-" + (i % 12), 200, BROWSER));
                lines.add(get(ip, t.plusSeconds(1), "/static/app-" + (i % 3) + ".js", 200, BROWSER));
            }
            lines.add(get(ip, T0.plusSeconds(5), "/favicon.ico", 404, BROWSER));
            lines.add(get(ip, T0.plus(Duration.ofMinutes(20)), "/docs/old-page-from-a-bookmark", 404, BROWSER));
            lines.add(get(ip, T0.plus(Duration.ofMinutes(55)), "/blog/2019/moved-post", 404, BROWSER));
            f.pipe(sortedByTime(lines));
            assertTrue(f.alerts.isEmpty());
        }
    }

    @Test
    void shouldCatchOneSensitiveProbeEveryFiveMinutesForSixHoursInTheSlowWindow() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            List<String> lines = new ArrayList<>();
            String ip = "203.0.113.99";
            String[] names = {".env", ".git/config", "backup.sql", "wp-config.php.bak", "db.sql.gz", ".htpasswd"};
            for (int i = 0; i < 72; i++) {
                Instant t = T0.plus(Duration.ofMinutes(5L * i));
                lines.add(get(ip, t, "/site" + i + "/" + names[i % names.length], 404, BROWSER));
                lines.add(get(ip, t.plusSeconds(30), "/", 200, BROWSER));
            }
            f.pipe(lines);
            List<Alert> alerts = recon(f);
            Alert first = alerts.getFirst();
            assertEquals("slow", first.evidence().get("window"));
            assertEquals("12h", first.evidence().get("window_length"));
            assertEquals(T0.plus(Duration.ofMinutes(25)), first.detectedAt(), "the sixth probe passes 25 points");
            assertEquals(6, first.evidence().get("probes"));
            assertEquals("ip:203.0.113.99", first.client().key());
            assertTrue(alerts.stream().allMatch(a -> a.alertId().equals(first.alertId())), "six hours stay one alert");
            assertTrue(alerts.size() <= 4, "updates only when the evidence doubles: " + alerts.size());
        }
    }

    @Test
    void shouldKeepAProberPausingOverAnHourBetweenProbesToOneAlert() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                lines.add(get("203.0.113.77", T0.plus(Duration.ofMinutes(65L * i)), "/old" + i + "/.env", 404, BROWSER));
            }
            f.pipe(lines);
            List<Alert> alerts = recon(f);
            assertEquals(1, alerts.stream().map(Alert::alertId).distinct().count(), alerts.toString());
            assertEquals(T0.plus(Duration.ofMinutes(65L * 5)), alerts.getFirst().detectedAt());
        }
    }

    @Test
    void shouldNotAlertOnSlowNearMisses() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            List<String> lines = new ArrayList<>();
            // seven probes two hours apart: 35 points in the 12 h window, 40 tolerated
            for (int i = 0; i < 5; i++) {
                lines.add(get("203.0.113.5", T0.plus(Duration.ofHours(3L * i)), "/archive" + i + ".sql", 404, BROWSER));
            }
            // a crawler meeting 46 distinct dead links over 11.5 h: enough points, but not one probe among them
            for (int i = 0; i < 46; i++) {
                lines.add(get("203.0.113.6", T0.plus(Duration.ofMinutes(15L * i)), "/blog/dead-link-" + i, 404, BROWSER));
            }
            f.pipe(sortedByTime(lines));
            assertTrue(f.alerts.isEmpty(), () -> f.alerts.readValuesToList().toString());
        }
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

    private static List<String> sortedByTime(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        out.sort(java.util.Comparator.comparing(ReconnaissanceTopologyTest::timeOf));
        return out;
    }

    private static Instant timeOf(String combinedLine) {
        String stamp = combinedLine.substring(combinedLine.indexOf('[') + 1, combinedLine.indexOf(']'));
        return java.time.ZonedDateTime.parse(stamp,
                java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ENGLISH)).toInstant();
    }
}
