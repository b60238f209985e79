package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatewatch.app.config.KafkaSettings.ProcessingGuarantee;
import io.gatewatch.app.config.KafkaSettings.RocksDbMemory;
import io.gatewatch.app.topology.StreamsSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
    private final ConfigLoader loader = new ConfigLoader(Set.of("nginx"), n -> List.of());

    private List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, "g.yaml")).problems();
    }

    @Test
    void shouldDefaultToExactlyOnceStaticMembershipAndSharedRocksDbMemory() {
        KafkaSettings k = loader.defaults().kafka();
        assertEquals(ProcessingGuarantee.EXACTLY_ONCE_V2, k.processingGuarantee());
        assertNull(k.instanceId());
        assertEquals(RocksDbMemory.DEFAULTS, k.rocksDb());
        Properties p = StreamsSettings.of(k, "127.0.0.1:9092", Path.of("/var/lib/gatewatch"));
        assertEquals("exactly_once_v2", p.get("processing.guarantee"));
        assertEquals("15000", p.get("main.consumer.session.timeout.ms"));
        assertEquals("1", p.get("num.standby.replicas"));
        assertEquals(StreamsSettings.instanceId(k, Path.of("/var/lib/gatewatch")), p.get("main.consumer.group.instance.id"));
    }

    @Test
    void shouldTakeAtLeastOnceAndTheInstanceIdFromTheConfigOrItsProperties() throws ConfigException {
        KafkaSettings k = loader.parse("kafka: {processing_guarantee: at_least_once, instance_id: gw-1}", "g.yaml").kafka();
        assertEquals(ProcessingGuarantee.AT_LEAST_ONCE, k.processingGuarantee());
        assertEquals("gw-1", StreamsSettings.instanceId(k, Path.of("x")));
        assertEquals("at_least_once", StreamsSettings.of(k, "b:9092", Path.of("x")).get("processing.guarantee"));
        KafkaSettings viaProperties = loader.parse("kafka: {properties: {processing.guarantee: at_least_once}}", "g.yaml").kafka();
        assertEquals(ProcessingGuarantee.AT_LEAST_ONCE, viaProperties.processingGuarantee());
    }

    @Test
    void shouldDeriveDifferentInstanceIdsForDifferentStateDirectories() {
        KafkaSettings k = loader.defaults().kafka();
        assertEquals(StreamsSettings.instanceId(k, Path.of("/a/state")), StreamsSettings.instanceId(k, Path.of("/a/state")));
        org.junit.jupiter.api.Assertions.assertNotEquals(StreamsSettings.instanceId(k, Path.of("/a/state")),
                StreamsSettings.instanceId(k, Path.of("/b/state")));
    }

    @Test
    void shouldNameTheKeyTheValueAndWhatIsAllowed() {
        assertEquals(List.of("g.yaml:1: kafka.processing_guarantee = exactly_once: unknown value (allowed: exactly_once_v2, at_least_once)"),
                problems("kafka: {processing_guarantee: exactly_once}"));
        assertEquals(List.of("g.yaml:1: kafka.processing_guarantee = at_least_once: contradicts properties.processing.guarantee"
                        + " = exactly_once_v2; set one of them"),
                problems("kafka: {processing_guarantee: at_least_once, properties: {processing.guarantee: exactly_once_v2}}"));
        assertEquals(List.of("g.yaml:1: kafka.rocksdb.write_buffer_mb = 64: write_buffer_mb (64) must be below block_cache_mb"
                        + " (64): the write buffers are charged against the block cache"),
                problems("kafka: {rocksdb: {write_buffer_mb: 64}}"));
    }
}
