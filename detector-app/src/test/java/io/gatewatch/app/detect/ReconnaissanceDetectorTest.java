package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.ReconnaissanceConfig;
import io.gatewatch.app.config.ReconnaissanceContent;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconnaissanceDetectorTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/140.0";
    private final ReconnaissanceDetector detector = detector("");

    static ReconnaissanceDetector detector(String block) {
        try {
            var config = new ConfigLoader(Set.of("nginx"), n -> List.of()).parse(
                    block.isEmpty() ? "" : "detectors:\n  reconnaissance:\n" + block.indent(4), "test.yaml");
            return new ReconnaissanceDetector((ReconnaissanceConfig) config.detectors().stream()
                    .filter(b -> b.id().equals(ReconnaissanceConfig.ID)).findFirst().orElseThrow().base());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ApiEvent request(Instant t, String method, String target, int status, String agent) {
        int q = target.indexOf('?');
        return ApiEvent.builder().ts(t).clientIp("203.0.113.7").method(method)
                .path(q < 0 ? target : target.substring(0, q)).query(q < 0 ? null : target.substring(q + 1))
                .status(status).userAgent(agent).build();
    }

    private static Finding observe(ReconnaissanceDetector d, ReconnaissanceDetector.State s, ApiEvent e) {
        return d.observe(s, e, new EventFacts(e.ts().toEpochMilli(), "ip:203.0.113.7", e.path(), false));
    }

    private Finding get(ReconnaissanceDetector.State s, Instant t, String target, int status) {
        return observe(detector, s, request(t, "GET", target, status, BROWSER));
    }

    @Test
    void shouldFireOnTheEleventhDistinctNotFoundPathOfABurst() {
        var s = detector.newSection();
        for (int i = 0; i < 10; i++) {
            assertNull(get(s, T0.plusSeconds(2L * i), "/old/page-" + i + ".html", 404));
        }
        Finding f = get(s, T0.plusSeconds(21), "/old/page-10.html", 404);
        assertNotNull(f);
        assertEquals("fast", f.evidence().get("window"));
        assertEquals("2m", f.evidence().get("window_length"));
        assertEquals(11L, f.evidence().get("points"));
        assertEquals(10, f.evidence().get("max_points"));
        assertEquals("fast_max_points", f.evidence().get("crossed"));
        assertEquals(11, f.evidence().get("not_found_paths"));
        assertEquals(0, f.evidence().get("probes"));
        assertEquals(T0.toEpochMilli(), f.firstSeen());
        assertEquals(Alert.Severity.MEDIUM, f.severity());
    }

    @Test
    void shouldNotCountRepeatsOfOnePathNorStaticOrOrdinaryMisses() {
        var s = detector.newSection();
        for (int i = 0; i < 50; i++) {
            assertNull(get(s, T0.plusSeconds(i), "/files/app-1.3.2.jar", 404));
        }
        for (String p : List.of("/favicon.ico", "/apple-touch-icon-precomposed.png", "/robots.txt", "/img/logo.png",
                "/css/site.css", "/.well-known/security.txt", "/sitemap.xml", "/blog/favicon.ico", "/browserconfig.xml")) {
            assertNull(get(s, T0.plusSeconds(60), p, 404), p);
        }
        assertEquals(1, s.paths.size(), "only the one jar path is held");
    }

    @Test
    void shouldFireOnTheThirdSensitiveFileProbeAndShowThem() {
        var s = detector.newSection();
        assertNull(get(s, T0, "/.env", 404));
        assertNull(get(s, T0.plusSeconds(1), "/.git/HEAD", 404));
        Finding f = get(s, T0.plusSeconds(2), "/wp-config.php.bak", 404);
        assertNotNull(f);
        assertEquals(15L, f.evidence().get("points"));
        assertEquals(Map.of("sensitive_file", 3), f.evidence().get("probe_kinds"));
        assertEquals(Map.of("sensitive_file", 12L, "not_found", 3L), f.evidence().get("points_by_signal"));
        assertEquals(List.of("/.env", "/.git/HEAD", "/wp-config.php.bak"), f.evidence().get("sample_paths"));
        assertTrue(f.summary().startsWith("ip:203.0.113.7 is probing for weaknesses: 3 sensitive-file probes, "
                + "3 not-found paths within 2m (15 points, 10 tolerated), e.g. /.env, /.git/HEAD, /wp-config.php.bak."),
                f.summary());
    }

    @Test
    void shouldCountASensitiveFileEvenWhenItWasServed() {
        var s = detector.newSection();
        assertNull(get(s, T0, "/.env", 200));
        assertNull(get(s, T0.plusSeconds(1), "/backup.zip", 200));
        assertNotNull(get(s, T0.plusSeconds(2), "/.git/config", 200));
    }

    @Test
    void shouldCountAdminInterfacesOnlyWhenRefused() {
        var s = detector.newSection();
        for (String p : List.of("/wp-admin/", "/wp-admin/edit.php", "/wp-admin/post.php", "/actuator/health")) {
            assertNull(get(s, T0, p, 200), p);
        }
        var probed = detector.newSection();
        assertNull(get(probed, T0, "/wp-login.php", 404));
        assertNull(get(probed, T0.plusSeconds(14), "/administrator/", 404));
        Finding f = get(probed, T0.plusSeconds(26), "/admin.php", 404);
        assertNotNull(f, "the CMS admin sweep seen in the apache_logs sample");
        assertEquals(Map.of("admin_interface", 3), f.evidence().get("probe_kinds"));
    }

    @Test
    void shouldWeighAScannerUserAgentSoTwoRequestsFire() {
        var s = detector.newSection();
        String nikto = "Mozilla/5.00 (Nikto/2.1.5) (Evasions:None) (Test:Port Check)";
        assertNull(observe(detector, s, request(T0, "HEAD", "/", 200, nikto)));
        Finding f = observe(detector, s, request(T0.plusSeconds(1), "GET", "/", 200, nikto));
        assertNotNull(f);
        assertEquals("nikto", f.evidence().get("scanner_agent"));
        assertEquals(2L, f.evidence().get("scanner_requests"));
        assertEquals(12L, f.evidence().get("points"));
    }

    @Test
    void shouldMatchScannerNamesAsWholeWordsOnly() {
        ReconnaissanceMatcher m = detector.matcher();
        assertEquals("sqlmap", m.scanner("sqlmap/1.7.2#stable (https://sqlmap.org)"));
        assertEquals("zgrab", m.scanner("Mozilla/5.0 zgrab/0.x"));
        assertEquals("nmap", m.scanner("Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)"));
        assertNull(m.scanner(BROWSER));
        assertNull(m.scanner("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
        assertNull(m.scanner("Mozilla/5.0 dirbusterish-proxy"), "a scanner name inside a longer word");
    }

    @Test
    void shouldCountUnusualMethodsAsProbes() {
        var s = detector.newSection();
        assertNull(observe(detector, s, request(T0, "TRACE", "/", 405, BROWSER)));
        assertNull(observe(detector, s, request(T0.plusSeconds(1), "PROPFIND", "/", 405, BROWSER)));
        Finding f = observe(detector, s, request(T0.plusSeconds(2), "DEBUG", "/", 405, BROWSER));
        assertNotNull(f);
        assertEquals(Map.of("odd_method", 3), f.evidence().get("probe_kinds"));
        assertEquals(1, f.evidence().get("not_found_paths"), "the one path refused three times counts once");
        assertTrue(((List<?>) f.evidence().get("sample_paths")).contains("TRACE /"));
    }

    @Test
    void shouldCountInjectionProbesPerDistinctQueryAndNotEchoTheQuery() {
        var s = detector.newSection();
        List<String> payloads = List.of("%20union%20select%20", "benchmark%28", "sleep%28", "pg_sleep%28", "md5%28");
        for (String p : payloads) {
            assertNull(get(s, T0, "/search?token=s3cr3t&q=1" + p, 200), p);
        }
        Finding f = get(s, T0.plusSeconds(1), "/search?token=s3cr3t&q=1%27%20union%20all%20select%20", 200);
        assertNotNull(f, "six distinct SQL-injection queries at 2 points each");
        assertEquals(Map.of("sql_injection", 6), f.evidence().get("probe_kinds"));
        assertTrue(f.evidence().get("sample_paths").toString().contains("/search?…%20union%20"), f.evidence().toString());
        assertTrue(!f.evidence().toString().contains("s3cr3t") && !f.summary().contains("s3cr3t"));
    }

    @Test
    void shouldMatchPercentEncodedProbesOnceDecoded() {
        assertEquals(ReconnaissanceConfig.Signal.SENSITIVE_FILE,
                detector.matcher().classify(request(T0, "GET", "/.%65nv", 404, BROWSER)).pathProbe());
        assertEquals(ReconnaissanceConfig.Signal.PATH_TRAVERSAL,
                detector.matcher().classify(request(T0, "GET", "/static/%2E%2E%2F%2E%2E%2Fetc/passwd", 404, BROWSER)).pathProbe());
    }

    @Test
    void shouldCatchAProberSendingOneSensitiveFileEveryFiveMinutesInTheSlowWindow() {
        var s = detector.newSection();
        Finding f = null;
        int probes = 0;
        while (f == null && probes < 72) {
            f = get(s, T0.plus(Duration.ofMinutes(5L * probes)), "/backup-" + probes + ".sql", 404);
            probes++;
        }
        assertNotNull(f);
        assertEquals(6, probes, "six probes of 5 points pass the 25 tolerated");
        assertEquals("slow", f.evidence().get("window"));
        assertEquals("12h", f.evidence().get("window_length"));
        assertEquals(30L, f.evidence().get("points"));
        assertEquals(2, f.evidence().get("min_probes"));
    }

    @Test
    void shouldNotFireOnAFewProbesSpreadOverTheSlowWindow() {
        var s = detector.newSection();
        for (int i = 0; i < 4; i++) {
            assertNull(get(s, T0.plus(Duration.ofMinutes(100L * i)), "/dump-" + i + ".sql", 404), "probe " + i);
        }
        for (int i = 0; i < 4; i++) {
            assertNull(get(s, T0.plus(Duration.ofMinutes(700 + i)), "/stale-link-" + i, 404));
        }
    }

    @Test
    void shouldNotLetPlainNotFoundsAloneFireTheSlowWindow() {
        var s = detector.newSection();
        for (int i = 0; i < 46; i++) {
            assertNull(get(s, T0.plus(Duration.ofMinutes(15L * i)), "/blog/moved-post-" + i, 404),
                    "46 distinct stale links over 11.5 h pass 40 points, but no probe is among them");
        }
    }

    @Test
    void shouldForgetProbesOlderThanTheSlowWindow() {
        var s = detector.newSection();
        for (int i = 0; i < 5; i++) {
            assertNull(get(s, T0.plus(Duration.ofMinutes(5L * i)), "/db-" + i + ".sql", 404));
        }
        assertNull(get(s, T0.plus(Duration.ofHours(13)), "/db-late.sql", 404), "the five earlier probes have slid out");
        assertEquals(1, s.paths.size());
        assertEquals(1, s.samples.size());
    }

    @Test
    void shouldKeepItsStateSmallActiveAndTinyIdle() {
        ProfileCodec codec = new ProfileCodec(List.of(detector));
        ClientProfile p = codec.newProfile();
        ByteWriter idle = new ByteWriter(16);
        p.sections[0].writeTo(idle);
        assertEquals(1, idle.size());
        var s = (ReconnaissanceDetector.State) p.sections[0];
        String agent = "sqlmap/1.7.2#stable (https://sqlmap.org)";
        for (int i = 0; i < 200; i++) {
            observe(detector, s, request(T0.plus(Duration.ofMinutes(3L * i)), "GET",
                    "/a/very/long/probe/path/that/goes/on/and/on/for/quite/some/characters/to/fill/the/sample/budget/"
                            + i + "/.env", 404, agent));
        }
        ByteWriter full = new ByteWriter(512);
        s.writeTo(full);
        assertEquals(ReconnaissanceDetector.KEYS, s.paths.size());
        assertTrue(full.size() <= 400, "a client at every bound takes " + full.size() + " bytes");
        ClientProfile back = codec.decode(codec.encode(p));
        var b = (ReconnaissanceDetector.State) back.sections[0];
        assertEquals(s.paths.size(), b.paths.size());
        assertEquals(s.samples, b.samples);
        assertEquals("sqlmap", b.agent);
    }

    @Test
    void shouldTakeListExtensionsAndRemovalsFromItsConfig() {
        ReconnaissanceDetector d = detector("""
                extra_sensitive_paths: [/internal/dump]
                extra_scanner_agents: [evilscan]
                extra_benign_paths: [/old-logo]
                ignore_patterns: [/admin]
                ignore_scanner_agents: [nessus]
                """);
        ReconnaissanceMatcher m = d.matcher();
        assertEquals(ReconnaissanceConfig.Signal.SENSITIVE_FILE,
                m.classify(request(T0, "GET", "/internal/dump", 200, BROWSER)).pathProbe());
        assertEquals("evilscan", m.scanner("EvilScan/2.0"));
        assertNull(m.scanner("Nessus SOAP"));
        assertEquals(ReconnaissanceMatcher.NOTHING, m.classify(request(T0, "GET", "/old-logo", 404, BROWSER)));
        assertNull(m.classify(request(T0, "GET", "/admin/users", 404, BROWSER)).pathProbe());
        assertEquals(ReconnaissanceConfig.Signal.ADMIN_INTERFACE,
                m.classify(request(T0, "GET", "/phpmyadmin/", 404, BROWSER)).pathProbe());
    }

    @Test
    void shouldLoadEveryBuiltInList() {
        ReconnaissanceContent c = ReconnaissanceContent.builtIn();
        assertEquals(0, c.skipped(), "the one regex entry is a plain prefix");
        assertTrue(detector.matcher().pathPatterns() > 900, "paths: " + detector.matcher().pathPatterns());
        assertTrue(detector.matcher().agentPatterns() >= 40, "agents: " + detector.matcher().agentPatterns());
    }
}
