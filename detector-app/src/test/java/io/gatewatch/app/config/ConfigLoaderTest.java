package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(Set.of("nginx", "kong"), n -> List.of());

    private List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, "g.yaml")).problems();
    }

    @Test
    void shouldWorkWithNoFileAtAll() {
        GatewatchConfig c = loader.defaults();
        assertEquals("nginx", c.inputFormat());
        assertEquals(List.of(IdentityKind.API_KEY, IdentityKind.USER, IdentityKind.IP), c.identityOrder());
        assertEquals("gatewatch.alerts", c.kafka().topics().alerts());
        CredentialStuffingConfig cs = (CredentialStuffingConfig) c.detectors().getFirst().base();
        assertEquals(Alert.Mode.ALERT, cs.settings().mode());
        assertEquals(CredentialStuffingConfig.defaultWindows(), cs.windows());
    }

    @Test
    void shouldReadADetectorBlock() throws ConfigException {
        GatewatchConfig c = loader.parse("""
                detectors:
                  credential_stuffing:
                    mode: shadow
                    severity: critical
                    cooldown: 5m
                    windows:
                      - {name: fast, window: 10s, max_failures: 3, max_attempts: 10}
                """, "g.yaml");
        CredentialStuffingConfig cs = (CredentialStuffingConfig) c.detectors().getFirst().base();
        assertEquals(Alert.Mode.SHADOW, cs.settings().mode());
        assertEquals(Alert.Severity.CRITICAL, cs.settings().severity());
        assertEquals(Duration.ofMinutes(5), cs.settings().cooldown());
        assertEquals(List.of(new CredentialStuffingConfig.Window("fast", Duration.ofSeconds(10), 3, 10)), cs.windows());
    }

    @Test
    void shouldReportEveryProblemWithKeyValueAndWhatIsAllowed() {
        assertEquals(List.of(
                "g.yaml: kafka.partitions = 0: must be a whole number from 1 to 10000",
                "g.yaml: input.format = apache2: unknown format; known: kong, nginx",
                "g.yaml: identity.order[1] = cookie: must be one of api_key, user, ip",
                "g.yaml: detectors.credential_stuffing.mode = loud: must be one of alert, shadow",
                "g.yaml: detectors.credential_stuffing.cooldown = soon: must be a duration like 500ms, 30s, 10m, 6h or 1d",
                "g.yaml: detectors.credential_stuffing.windows[0].max_failures = -1: must be a whole number from 1 to 1000000"),
                problems("""
                        kafka: {partitions: 0}
                        input: {format: apache2}
                        identity: {order: [user, cookie, ip]}
                        detectors:
                          credential_stuffing:
                            mode: loud
                            cooldown: soon
                            windows: [{name: b, window: 30s, max_failures: -1, max_attempts: 5}]
                        """));
    }

    @Test
    void shouldRejectUnknownKeysSoATypoDoesNotFallBackToADefault() {
        assertEquals(List.of("g.yaml: detectors.credential_stufing = {\"mode\":\"shadow\"}: unknown key; allowed here: "
                        + String.join(", ", io.gatewatch.app.detect.DetectorRegistry.standard().descriptors().stream()
                                .map(io.gatewatch.app.detect.DetectorDescriptor::id).toList())),
                problems("detectors:\n  credential_stufing: {mode: shadow}\n"));
    }

    @Test
    void shouldRejectARawApiKeyInTheAllowlistWithoutEchoingIt() {
        assertEquals(List.of("g.yaml: allowlist.cidrs[0] = example.com: must be a numeric IPv4 or IPv6 address with an "
                                + "optional /prefix, e.g. 10.0.0.0/8",
                        "g.yaml: allowlist.api_key_hashes[0] = (not shown, 11 characters): must be a key hash as alerts "
                                + "show it (sha256: and 16 hex digits), never the key itself"),
                problems("allowlist:\n  api_key_hashes: [sk_live_abc]\n  cidrs: [example.com]\n"));
    }

    @Test
    void shouldLayARouteOverrideOverTheDetectorsOwnBlock() throws ConfigException {
        GatewatchConfig c = loader.parse("""
                detectors:
                  credential_stuffing:
                    severity: medium
                    overrides:
                      - route: /api/v1/sso/**
                        enabled: false
                """, "g.yaml");
        DetectorBlock block = c.detectors().getFirst();
        assertEquals(Alert.Severity.MEDIUM, block.base().settings().severity());
        RouteOverride o = block.overrides().getFirst();
        assertEquals(true, o.route().matches("/api/v1/sso/callback"));
        assertEquals(false, o.config().settings().enabled());
        assertEquals(Alert.Severity.MEDIUM, o.config().settings().severity());
    }

    @Test
    void shouldRefuseToOverrideStateShapingKeysPerRoute() {
        assertEquals(List.of("g.yaml: detectors.credential_stuffing.overrides[0].windows = [{\"name\":\"x\",\"window\":\"5s\"}]: "
                        + "cannot be overridden per route: it shapes the state kept per client; set it in the detector's own block"),
                problems("detectors:\n  credential_stuffing:\n    overrides:\n      - route: /login\n        windows: [{name: x, window: 5s}]\n"));
    }

    @Test
    void shouldNameTheLineOfBrokenYaml() {
        List<String> p = problems("kafka:\n  partitions: [1\n");
        assertEquals(1, p.size());
        assertEquals(true, p.getFirst().startsWith("g.yaml: not valid YAML (line "), p.getFirst());
    }

    @Test
    void shouldRequireIpLastInTheIdentityOrder() {
        assertEquals(List.of("g.yaml: identity.order = [\"user\"]: must end with ip, so that every event has a client key"),
                problems("identity: {order: [user]}\n"));
    }
}
