package io.gatewatch.app.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.ToyConfig;
import io.gatewatch.app.detect.DetectorDescriptor;
import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.app.detect.StateSection;
import io.gatewatch.app.detect.ToyDetector;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.parse.Parsers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloaderTest {
    private static final String BASE = """
            kafka:
              partitions: 4
            detectors:
              reconnaissance:
                fast_max_points: 10
            """;
    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ConfigReloader open(String yaml, Map<String, String> held) throws Exception {
        Path file = dir.resolve("gatewatch.yaml");
        Files.writeString(file, yaml);
        return Reloaders.open(file, registry, held);
    }

    private ReloadOutcome edit(ConfigReloader r, String yaml) throws Exception {
        Files.writeString(r.file(), yaml);
        return r.reload("test");
    }

    private double reloads(String outcome) {
        return registry.get(ReloadMetrics.RELOADS).tag("outcome", outcome).counter().count();
    }

    @Test
    void shouldRefuseAChangeOfAKeyThatNeedsARestartNamingItAndKeepTheRunningConfig() throws Exception {
        ConfigReloader r = open(BASE, Map.of());
        GatewatchConfig running = r.live().config();
        ReloadOutcome.Refused refused = assertInstanceOf(ReloadOutcome.Refused.class,
                edit(r, BASE.replace("partitions: 4", "partitions: 8").replace("fast_max_points: 10", "fast_max_points: 6")));
        assertEquals(List.of(r.file() + ": kafka.partitions: 4 → 8: needs a restart"), refused.reasons());
        assertEquals(2, refused.changes().size(), "the live change is listed, not applied: " + refused.changes());
        assertSame(running, r.live().config());
        assertEquals(1, r.live().current().number());
        assertEquals(1.0, reloads("refused"));
        assertEquals(1.0, registry.get(ReloadMetrics.GENERATION).gauge().value());
    }

    @Test
    void shouldApplyALiveChangeAsTheNextGenerationAndCountIt() throws Exception {
        ConfigReloader r = open(BASE, Map.of());
        ReloadOutcome.Applied applied = assertInstanceOf(ReloadOutcome.Applied.class,
                edit(r, BASE.replace("fast_max_points: 10", "fast_max_points: 6") + "allowlist:\n  cidrs: [10.0.0.0/8]\n"));
        assertEquals("[detectors.reconnaissance.fast_max_points: 10 → 6, allowlist.cidrs: (unset) → [\"10.0.0.0/8\"]]",
                applied.changes().toString());
        assertEquals(2, r.live().current().number());
        assertEquals(1, r.live().config().allowlist().cidrs().size());
        assertEquals(1.0, reloads("applied"));
        assertEquals(2.0, registry.get(ReloadMetrics.GENERATION).gauge().value());
    }

    @Test
    void shouldSeeNoChangeInCommentsOrADefaultWrittenOutInAnotherSpelling() throws Exception {
        ConfigReloader r = open(BASE, Map.of());
        assertInstanceOf(ReloadOutcome.Unchanged.class, edit(r, "# tuned on Monday\n" + BASE + "time:\n  grace: 300s\n"));
        assertEquals(1, r.live().current().number());
        assertEquals(1.0, reloads("unchanged"));
    }

    @Test
    void shouldKeepTheRunningConfigWhenTheNewFileDoesNotValidate() throws Exception {
        ConfigReloader r = open(BASE, Map.of());
        ReloadOutcome.Invalid invalid = assertInstanceOf(ReloadOutcome.Invalid.class,
                edit(r, BASE.replace("fast_max_points: 10", "fast_max_points: lots")));
        assertTrue(invalid.problems().getFirst().contains("detectors.reconnaissance.fast_max_points = lots"),
                invalid.problems().toString());
        assertEquals(10, ((io.gatewatch.app.config.ReconnaissanceConfig) r.live().config().detectors().get(1).base())
                .fastMaxPoints());
        assertEquals(1.0, reloads("invalid"));
    }

    @Test
    void shouldNeverShowASecretInTheDiff() throws Exception {
        ConfigReloader r = open(BASE, Map.of());
        String token = "s3cr3t-api-token-0123456789";
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"gw\" password=\"hunter2hunter2\";";
        ReloadOutcome.Refused refused = assertInstanceOf(ReloadOutcome.Refused.class, edit(r, BASE.replace("partitions: 4",
                "partitions: 4\n  properties:\n    sasl.jaas.config: '" + jaas + "'") + "api:\n  token: " + token + "\n"));
        String shown = refused.reasons() + " " + refused.changes();
        assertFalse(shown.contains(token) || shown.contains("hunter2"), shown);
        assertTrue(shown.contains("api.token: (unset) → (hidden): needs a restart"), shown);
        assertTrue(shown.contains("kafka.properties.sasl.jaas.config: (unset) → (hidden): needs a restart"), shown);
    }

    @Test
    void shouldRefuseALiveKeyThisProcessReadsOnlyAtStartWithTheReason() throws Exception {
        ConfigReloader r = open(BASE, Map.of("alerting", "the alerting service reads it at start"));
        ReloadOutcome.Refused refused = assertInstanceOf(ReloadOutcome.Refused.class,
                edit(r, BASE + "alerting:\n  dedup:\n    cooldown: 5m\n"));
        assertEquals(List.of(r.file() + ": alerting.dedup.cooldown: (unset) → 5m: needs a restart (the alerting service"
                + " reads it at start)"), refused.reasons());
    }

    /** A detector whose state shape reads a key wrongly declared live: the fingerprint guard still holds. */
    @Test
    void shouldRefuseALiveChangeThatWouldReshapeADetectorsState() throws Exception {
        ConfigDef liveMaxHits = new ConfigDef(ToyConfig.KEYS.entries().stream()
                .map(e -> e instanceof ConfigKey<?> k && k.name().equals("max_hits") ? (ConfigDef.Entry) k.reloadable() : e)
                .toList());
        DetectorDescriptor<ToyConfig> misdeclared = DetectorDescriptor.client(ToyDetector.DESCRIPTOR.info(),
                new ConfigSection<>(ToyConfig.ID, ToyConfig.class, ToyConfig::read, liveMaxHits, Set.of("window")),
                new StateSection<>(43, 1, c -> List.of(c.maxHits())), ToyDetector::new);
        DetectorRegistry detectors = DetectorRegistry.standard().with(misdeclared);
        ConfigDef keys = ConfigDef.of(new ConfigDef.Section("detectors",
                ConfigDef.of(new ConfigDef.Section(ToyConfig.ID, liveMaxHits, "")), ""));
        Path file = dir.resolve("toy.yaml");
        Files.writeString(file, "detectors:\n  toy_probe:\n    max_hits: 3\n");
        ConfigReloader r = ConfigReloader.open(file, new ConfigLoader(Parsers.standard().names(), n -> List.of(),
                detectors.configSections()), keys, detectors, Map.of(), new ReloadMetrics(registry));
        ReloadOutcome.Refused refused = assertInstanceOf(ReloadOutcome.Refused.class,
                edit(r, "detectors:\n  toy_probe:\n    max_hits: 4\n"));
        assertEquals(1, refused.reasons().size());
        assertTrue(refused.reasons().getFirst().startsWith(file + ": detectors.toy_probe: the change reshapes its state"
                + " (fingerprint "), refused.reasons().toString());
    }
}
