package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatewatch.app.config.ReconnaissanceConfig.Signal;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconnaissanceConfigTest {
    private final ConfigLoader loader = new ConfigLoader(Set.of("nginx"), n -> List.of());

    private static ReconnaissanceConfig recon(GatewatchConfig c) {
        return (ReconnaissanceConfig) block(c).base();
    }

    private static DetectorBlock block(GatewatchConfig c) {
        return c.detectors().stream().filter(b -> b.id().equals(ReconnaissanceConfig.ID)).findFirst().orElseThrow();
    }

    private List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, "g.yaml")).problems();
    }

    @Test
    void shouldDefaultToAFastAndATwelveHourWindowWithWeightedSignals() {
        ReconnaissanceConfig r = recon(loader.defaults());
        assertEquals(true, r.settings().enabled());
        assertEquals(Alert.Mode.ALERT, r.settings().mode());
        assertEquals(Alert.Severity.MEDIUM, r.settings().severity());
        assertEquals(Duration.ofHours(12), r.settings().cooldown());
        assertEquals(Duration.ofMinutes(2), r.fastWindow());
        assertEquals(10, r.fastMaxPoints());
        assertEquals(Duration.ofHours(12), r.slowWindow());
        assertEquals(25, r.slowMaxPoints());
        assertEquals(2, r.slowMinProbes());
        assertEquals(1, r.weight(Signal.NOT_FOUND));
        assertEquals(4, r.weight(Signal.SENSITIVE_FILE));
        assertEquals(6, r.weight(Signal.SCANNER_AGENT));
        assertEquals(Set.of(400, 403, 404, 405, 410), r.errorStatuses());
        assertEquals(Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"), r.allowedMethods());
    }

    @Test
    void shouldReadItsBlock() throws ConfigException {
        ReconnaissanceConfig r = recon(loader.parse("""
                detectors:
                  reconnaissance:
                    mode: shadow
                    fast_window: 1m
                    fast_max_points: 20
                    slow_window: 24h
                    slow_max_points: 60
                    slow_min_probes: 3
                    weights: {not_found: 2, backdoor: 10}
                    error_statuses: [404]
                    allowed_methods: [GET, POST, PROPFIND]
                    extra_sensitive_paths: [/internal/export.csv]
                    extra_scanner_agents: [acme-audit]
                """, "g.yaml"));
        assertEquals(Alert.Mode.SHADOW, r.settings().mode());
        assertEquals(Duration.ofMinutes(1), r.fastWindow());
        assertEquals(20, r.fastMaxPoints());
        assertEquals(Duration.ofHours(24), r.slowWindow());
        assertEquals(60, r.slowMaxPoints());
        assertEquals(3, r.slowMinProbes());
        assertEquals(2, r.weight(Signal.NOT_FOUND));
        assertEquals(10, r.weight(Signal.BACKDOOR));
        assertEquals(4, r.weight(Signal.SENSITIVE_FILE), "unnamed weights keep their defaults");
        assertEquals(Set.of(404), r.errorStatuses());
        assertEquals(Set.of("GET", "POST", "PROPFIND"), r.allowedMethods());
        assertEquals(List.of("/internal/export.csv"), r.extraSensitivePaths());
        assertEquals(List.of("acme-audit"), r.extraScannerAgents());
    }

    @Test
    void shouldReportEveryProblemOfTheBlockWithItsKeyAndReason() {
        assertEquals(List.of(
                "g.yaml:3: detectors.reconnaissance.slow_windw = 8h: unknown key (allowed: enabled, mode,"
                        + " severity, cooldown, allowlist, fast_window, fast_max_points, slow_window, slow_max_points,"
                        + " slow_min_probes, weights, error_statuses, allowed_methods, extra_sensitive_paths,"
                        + " extra_admin_paths, extra_scanner_agents, extra_benign_paths, ignore_patterns,"
                        + " ignore_scanner_agents)",
                "g.yaml:4: detectors.reconnaissance.fast_window = 1h: out of range (allowed: 10s to 30m)",
                "g.yaml:5: detectors.reconnaissance.fast_max_points = 0: out of range (allowed: 1 to 200)",
                "g.yaml:6: detectors.reconnaissance.slow_window = 2h: out of range (allowed: 6h to 1d)",
                "g.yaml:7: detectors.reconnaissance.slow_min_probes = 50: out of range (allowed: 0 to 40)",
                "g.yaml:8: detectors.reconnaissance.weights.backdor = 5: unknown key (allowed: not_found,"
                        + " scanner_agent, sensitive_file, admin_interface, backdoor, cve_probe, technology_probe,"
                        + " path_traversal, sql_injection, xss_probe, odd_method)",
                "g.yaml:8: detectors.reconnaissance.weights.scanner_agent = 101: out of range (allowed: 0 to 100)",
                "g.yaml:9: detectors.reconnaissance.error_statuses[1] = 500: out of range (allowed: 400 to 499)",
                "g.yaml:10: detectors.reconnaissance.allowed_methods[1] = GET /: not an HTTP method token"
                        + " (allowed: HTTP method tokens such as GET)",
                "g.yaml:11: detectors.reconnaissance.extra_sensitive_paths[0] = /my backup: not a path fragment"
                        + " (allowed: path fragments of 1 to 200 characters without spaces)",
                "g.yaml:12: detectors.reconnaissance.extra_scanner_agents[0] = ab: too short or too long (allowed:"
                        + " 3 to 200 characters: a shorter word would match inside ordinary user agents)",
                "g.yaml:13: detectors.reconnaissance.ignore_patterns[0] = /admn: not an entry of the built-in path"
                        + " lists (allowed: entries of the built-in path lists)",
                "g.yaml:14: detectors.reconnaissance.ignore_scanner_agents[0] = curl: not an entry of the built-in"
                        + " scanner agent list (allowed: entries of the built-in scanner agent list)"),
                problems("""
                        detectors:
                          reconnaissance:
                            slow_windw: 8h
                            fast_window: 1h
                            fast_max_points: 0
                            slow_window: 2h
                            slow_min_probes: 50
                            weights: {backdor: 5, scanner_agent: 101}
                            error_statuses: [404, 500]
                            allowed_methods: [GET, GET /]
                            extra_sensitive_paths: [/my backup]
                            extra_scanner_agents: [ab]
                            ignore_patterns: [/admn, /admin]
                            ignore_scanner_agents: [curl]
                        """));
    }

    @Test
    void shouldRefuseToOverrideItsWindowsPerRouteButTakeThresholds() throws ConfigException {
        assertEquals(List.of(
                "g.yaml:5: detectors.reconnaissance.overrides[0].slow_window = 6h: cannot be overridden per route:"
                        + " it shapes the state kept per client; set it in the detector's own block"),
                problems("""
                        detectors:
                          reconnaissance:
                            overrides:
                              - route: /api/internal/**
                                slow_window: 6h
                        """));
        DetectorBlock b = block(loader.parse("""
                detectors:
                  reconnaissance:
                    overrides:
                      - route: /api/search
                        weights: {sql_injection: 0}
                        fast_max_points: 30
                """, "g.yaml"));
        ReconnaissanceConfig o = (ReconnaissanceConfig) b.overrides().getFirst().config();
        assertEquals(0, o.weight(Signal.SQL_INJECTION));
        assertEquals(30, o.fastMaxPoints());
        assertEquals(Duration.ofHours(12), o.slowWindow());
    }
}
