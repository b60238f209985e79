package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.app.config.CredentialStuffingConfig;
import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BotnetDetectorTest {
    private static final long T0 = 1_768_200_000L; // seconds, a whole minute
    private final BotnetDetector detector = new BotnetDetector(new CredentialStuffingConfig(
            new DetectorSettings(true, Alert.Mode.ALERT, Alert.Severity.HIGH, Duration.ofMinutes(15), Allowlist.EMPTY),
            CredentialStuffingConfig.defaultWindows(), List.of(401, 403), List.of(401),
            CredentialStuffingConfig.Botnet.defaults()));

    private static RouteTally tally(long second, int failures, int firstIp, int successes) {
        Map<String, Integer> ips = new HashMap<>();
        for (int i = 0; i < failures; i++) {
            ips.merge("100.64.0." + (firstIp + i) % 250, 1, Integer::sum);
        }
        return RouteTally.ofLogins("/api/v1/login", second, failures + successes, failures + successes, failures, ips,
                successes > 0 ? Set.of("198.51.100.1") : Set.of());
    }

    @Test
    void shouldNotLetASlowlyRampingBotnetTeachTheBaselineThatItIsNormal() {
        var s = detector.newSection();
        // two hours of normal traffic: one failed login a minute among ten logins
        for (long m = 0; m < 120; m++) {
            assertNull(detector.observe(s, tally(T0 + m * 60, 1, (int) m, 9), false));
        }
        // the botnet ramps: 2, 3, 4, ... failures a minute, from ever new addresses
        Finding f = null;
        int ip = 0;
        for (long m = 120; m < 160 && f == null; m++) {
            int n = (int) (m - 118);
            f = detector.observe(s, tally(T0 + m * 60, n, ip, 9), false);
            ip += n;
        }
        assertNotNull(f, "a ramp must be caught, not learned");
        assertEquals(f.evidence().get("min_failures"), 30);
    }
}
