package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.schema.ApiEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileCodecTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static List<Detector<?>> detectors(String yaml) throws Exception {
        GatewatchConfig c = new ConfigLoader(Set.of("nginx"), n -> List.of()).parse(yaml, "t.yaml");
        return DetectorRegistry.standard().clientScope(c.detectors()).stream().<Detector<?>>map(DetectorSlot::base).toList();
    }

    @Test
    void shouldDropOnlyTheSectionWrittenUnderAnotherShapeAndKeepTheOthers() throws Exception {
        List<Detector<?>> before = detectors("");
        ProfileCodec writer = new ProfileCodec(before);
        ClientProfile p = writer.newProfile();
        DetectionEngine engine = new DetectionEngine(DetectorRegistry.standard().clientScope(
                new ConfigLoader(Set.of("nginx"), n -> List.of()).parse("", "t.yaml").detectors()),
                io.gatewatch.app.config.Allowlist.EMPTY, io.gatewatch.schema.Alert.Scope.CLIENT);
        ApiEvent e = ApiEvent.builder().ts(T0).method("POST").path("/login").route("/login").status(401).build();
        engine.process(p, e, new EventFacts(T0.toEpochMilli(), "ip:1", "/login", true), null, a -> { });
        byte[] bytes = writer.encode(p);

        List<String> resets = new ArrayList<>();
        ProfileCodec reader = new ProfileCodec(detectors("detectors:\n  reconnaissance:\n    fast_window: 3m\n"),
                (detector, stored, current) -> resets.add(detector));
        ClientProfile back = reader.decode(bytes);
        assertEquals(List.of("reconnaissance"), resets);
        CredentialStuffingDetector.State cs = (CredentialStuffingDetector.State) back.sections[0];
        assertEquals(1, cs.failures[0].sum(T0.toEpochMilli()), "credential stuffing's count survived");
        assertTrue(reader.encode(back).length > 0);
    }
}
