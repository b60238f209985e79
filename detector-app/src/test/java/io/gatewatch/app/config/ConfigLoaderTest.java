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
                "g.yaml:1: kafka.partitions = 0: out of range (allowed: 1 to 10000)",
                "g.yaml:2: input.format = apache2: unknown value (allowed: kong, nginx)",
                "g.yaml:3: identity.order[1] = cookie: unknown value (allowed: api_key, user, ip)",
                "g.yaml:6: detectors.credential_stuffing.mode = loud: unknown value (allowed: alert, shadow)",
                "g.yaml:7: detectors.credential_stuffing.cooldown = soon: not a duration; write e.g. 250ms, 90s,"
                        + " 5m, 1h30m, PT90S or 2d (allowed: 1s to 7d)",
                "g.yaml:8: detectors.credential_stuffing.windows[0].max_failures = -1: out of range (allowed: 1 to"
                        + " 1000000)"),
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
        assertEquals(List.of(
                "g.yaml:2: detectors.credential_stufing = {\"mode\":\"shadow\"}: unknown key (allowed: "
                        + String.join(", ", io.gatewatch.app.detect.DetectorRegistry.standard().descriptors().stream()
                                .map(io.gatewatch.app.detect.DetectorDescriptor::id).toList()) + ")"),
                problems("detectors:\n  credential_stufing: {mode: shadow}\n"));
    }

    @Test
    void shouldRejectARawApiKeyInTheAllowlistWithoutEchoingIt() {
        assertEquals(List.of(
                "g.yaml:2: allowlist.api_key_hashes[0] = (hidden): not a keyed key hash (an unkeyed sha256: hash from"
                        + " before keyed hashing must be recomputed as hmac:, see docs/reliability.md) (allowed: key hashes"
                        + " as alerts show them (hmac: and 16 hex digits, keyed with secrets.hash_key), never the key itself)",
                "g.yaml:3: allowlist.cidrs[0] = example.com: not an address range (allowed: numeric IPv4 or IPv6"
                        + " addresses with an optional /prefix, e.g. 10.0.0.0/8)"),
                problems("allowlist:\n  api_key_hashes: [sk_live_abc]\n  cidrs: [example.com]\n"));
    }

    @Test
    void shouldAskForAnUnkeyedSha256AllowlistEntryToBeRecomputed() {
        assertEquals(List.of("g.yaml:2: allowlist.api_key_hashes[0] = (hidden): not a keyed key hash (an unkeyed sha256: hash"
                        + " from before keyed hashing must be recomputed as hmac:, see docs/reliability.md) (allowed: key"
                        + " hashes as alerts show them (hmac: and 16 hex digits, keyed with secrets.hash_key), never the key"
                        + " itself)"),
                problems("allowlist:\n  api_key_hashes: ['sha256:0123456789abcdef', 'hmac:0123456789abcdef']\n"));
    }

    @Test
    void shouldReadTheHashKeyAndNeverEchoItOrAMisspeltOne() throws ConfigException {
        assertEquals("a-long-enough-deployment-key", loader.parse("secrets:\n  hash_key: a-long-enough-deployment-key\n",
                "g.yaml").secrets().hashKey());
        assertEquals(List.of("g.yaml:2: secrets.hash_key = (not shown, 7 characters): must be a text of at least 16 "
                                + "characters (e.g. openssl rand -hex 32)",
                        "g.yaml:3: secrets.hash_kye = (not shown, 28 characters): unknown key; allowed: hash_key"),
                problems("secrets:\n  hash_key: hunter2\n  hash_kye: a-long-enough-deployment-key\n"));
        assertEquals(false, loader.parse("secrets:\n  hash_key: a-long-enough-deployment-key\n", "g.yaml")
                .toString().contains("a-long-enough-deployment-key"), "the config's toString hides the key");
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
        assertEquals(List.of(
                "g.yaml:5: detectors.credential_stuffing.overrides[0].windows ="
                        + " [{\"name\":\"x\",\"window\":\"5s\"}]: cannot be overridden per route: it shapes the state kept"
                        + " per client; set it in the detector's own block"),
                problems("detectors:\n  credential_stuffing:\n    overrides:\n      - route: /login\n        windows: [{name: x, window: 5s}]\n"));
    }

    @Test
    void shouldNameTheLineOfBrokenYaml() {
        List<String> p = problems("kafka:\n  partitions: [1\n");
        assertEquals(1, p.size());
        assertEquals(true, p.getFirst().startsWith("g.yaml:2: not valid YAML: "), p.getFirst());
    }

    @Test
    void shouldRequireIpLastInTheIdentityOrder() {
        assertEquals(List.of(
                "g.yaml:1: identity.order = [\"user\"]: must end with ip, so that every event has a client key"),
                problems("identity: {order: [user]}\n"));
    }
}
