package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.parse.Parsers;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionEngineTest {

    private static DetectionEngine engine(String yaml) throws Exception {
        GatewatchConfig c = new ConfigLoader(Parsers.standard().names(), n -> List.of()).parse(yaml, "test.yaml");
        return new DetectionEngine(DetectorRegistry.standard().clientScope(c.detectors()), c.allowlist(), Alert.Scope.CLIENT);
    }

    /** The processor parses each event's address only for CIDR allowlists; without one it must not be asked. */
    @Test
    void shouldAskForTheClientAddressOnlyWhenAnAllowlistHasCidrs() throws Exception {
        assertFalse(engine("").needsClientAddress());
        assertFalse(engine("allowlist:\n  user_agents: ['^kube-probe/']\n").needsClientAddress());
        assertTrue(engine("allowlist:\n  cidrs: [10.0.0.0/8]\n").needsClientAddress());
    }
}
