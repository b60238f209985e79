package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For each config key that shapes a detector's state: traffic, a restart on the same stores under the
 * changed key (the stores' bytes carried over), more traffic. Only that detector's section is reset; the others keep their state and an
 * attack in progress across the restart is still caught; nothing is counted corrupt.
 */
class StateReshapeTest {
    /**
     * Recent, on a minute: the test driver's stream time is the wall clock (raw records carry it), and
     * profiles idle for a day by stream time are expired at the first punctuation after the restart.
     */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
    private static final String STUFFER = "203.0.113.7";
    private static final String FLOODER = "198.51.100.44";

    static Stream<Arguments> shapingKeys() {
        return Stream.of(
                Arguments.of("credential_stuffing", "credential_stuffing:\n    windows:\n"
                        + "      - {name: burst, window: 30s, max_failures: 5, max_attempts: 20}\n"
                        + "      - {name: slow, window: 10m, max_failures: 10, max_attempts: 40}\n", true),
                Arguments.of("credential_stuffing", "credential_stuffing:\n    windows:\n"
                        + "      - {name: burst, window: 40s, max_failures: 5, max_attempts: 20}\n"
                        + "      - {name: slow, window: 10m, max_failures: 10, max_attempts: 40}\n"
                        + "      - {name: rapid, window: 5s, max_failures: 5, max_attempts: 5}\n", true),
                // the botnet window shapes credential stuffing's route section only: the per-client count goes on
                Arguments.of("credential_stuffing", "credential_stuffing:\n    botnet:\n      window: 20m\n", false),
                Arguments.of("reconnaissance", "reconnaissance:\n    fast_window: 3m\n", true),
                Arguments.of("reconnaissance", "reconnaissance:\n    slow_window: 18h\n", true),
                Arguments.of("traffic_spike", "traffic_spike:\n    half_life: 45m\n", true),
                Arguments.of("traffic_spike", "traffic_spike:\n    interval: 5s\n", true),
                Arguments.of("data_harvesting", "data_harvesting:\n    window: 2h\n", true),
                Arguments.of("data_harvesting", "data_harvesting:\n    walk_window: 3h\n", true),
                Arguments.of("data_harvesting", "data_harvesting:\n    volume_window: 2h\n", true),
                Arguments.of("data_harvesting", "data_harvesting:\n    routes_tracked: 3\n", true));
    }

    /** A new client's ceiling of 10 requests a second (not a shaping key): 100 in a 10 s interval. */
    private static String yaml(String changedBlock) {
        String spike = "  traffic_spike:\n    new_client_max_rate: 10\n    min_rate: 5\n";
        if (changedBlock == null) {
            return "detectors:\n" + spike;
        }
        return changedBlock.startsWith("traffic_spike:")
                ? "detectors:\n" + spike + changedBlock.substring("traffic_spike:\n".length())
                : "detectors:\n" + spike + "  " + changedBlock;
    }

    private static List<String> traffic(int failedLogins, int fromSecond, int floodRequests) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < failedLogins; i++) {
            lines.add(CombinedLogLine.of(STUFFER, null, T0.plusSeconds(fromSecond + i), "POST", "/api/v1/login", 401, 80, "python"));
        }
        for (int i = 0; i < floodRequests; i++) {
            lines.add(CombinedLogLine.of(FLOODER, null, T0.plusSeconds(fromSecond + i % 3), "GET", "/api/v1/catalog", 200, 900,
                    "Mozilla/5.0"));
        }
        return lines;
    }

    @ParameterizedTest(name = "{0}: {1} (client section: {2})")
    @MethodSource("shapingKeys")
    void shouldResetOnlyTheReshapedDetectorAndKeepTrackingAttacksInProgress(String changed, String block,
            boolean clientSection) throws Exception {
        Map<String, byte[]> clients;
        Map<String, byte[]> routes;
        try (TopologyFixture before = new TopologyFixture(yaml(null))) {
            // 4 failed logins (the 6th fires) and 60 requests in one 10 s interval (a new client's 101st fires)
            before.pipe(traffic(4, 0, 60));
            assertTrue(before.alerts.readValuesToList().isEmpty(), "nothing has crossed yet");
            clients = before.storeContents(GatewatchTopology.CLIENT_PROFILES);
            routes = before.storeContents(GatewatchTopology.ROUTE_PROFILES);
        }
        assertEquals(2, clients.size());
        try (TopologyFixture after = new TopologyFixture(yaml(block))) {
            after.restore(GatewatchTopology.CLIENT_PROFILES, clients);
            after.restore(GatewatchTopology.ROUTE_PROFILES, routes);
            after.pipe(traffic(2, 4, 50));
            List<Alert> alerts = after.alerts.readValuesToList();
            boolean stuffingCaught = alerts.stream().anyMatch(a -> a.detector().equals("credential_stuffing"));
            boolean floodCaught = alerts.stream().anyMatch(a -> a.detector().equals("traffic_spike"));
            double resets = after.metrics.count("gatewatch.profiles.section.resets");
            Counter own = after.metrics.registry().find("gatewatch.profiles.section.resets").tag("detector", changed).counter();
            double corrupt = after.metrics.count("gatewatch.profiles.corrupt");
            System.out.printf("reshape %s %s -> section resets %s (all detectors %s), corrupt %s, stuffing caught %s,"
                    + " flood caught %s%n", changed, block.replace('\n', ' '), own == null ? 0 : own.count(), resets, corrupt,
                    stuffingCaught, floodCaught);
            assertEquals(0.0, corrupt, "a reshaped section is not corruption");
            assertTrue(own != null && own.count() > 0, changed + " relearns");
            assertEquals(own.count(), resets, "no other detector's section was reset");
            assertEquals(!(clientSection && changed.equals("credential_stuffing")), stuffingCaught,
                    "the brute force at 4 failures fires on the 6th after the restart unless its own state was reset");
            if (!changed.equals("traffic_spike")) {
                assertTrue(floodCaught, "the flood in progress is still counted after the restart");
            }
        }
    }
}
