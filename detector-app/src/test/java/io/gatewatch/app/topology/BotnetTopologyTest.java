package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Credential stuffing spread over many addresses, each under the per-client thresholds. */
class BotnetTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static List<String> botnet(int addresses, int triesEach, Duration over, long seed) {
        Random r = new Random(seed);
        List<String[]> timed = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int a = 0; a < addresses; a++) {
            String ip = "100.64." + (a / 250) + "." + (a % 250 + 1);
            for (int k = 0; k < triesEach; k++) {
                Instant t = T0.plusMillis((long) (r.nextDouble() * over.toMillis()));
                timed.add(new String[] {t.toString(), CombinedLogLine.of(ip, null, t, "POST", "/api/v1/login", 401, 120, "Mozilla/5.0")});
            }
        }
        timed.sort((x, y) -> x[0].compareTo(y[0]));
        timed.forEach(x -> lines.add(x[1]));
        return lines;
    }

    @Test
    void shouldRaiseOneRouteAlertListingTopSourcesForABotnetThatNoClientAlertSees() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(botnet(200, 3, Duration.ofMinutes(30), 1));
            f.driver.advanceWallClockTime(Duration.ofSeconds(2));
            List<Alert> alerts = f.alerts.readValuesToList();
            assertTrue(alerts.stream().noneMatch(a -> a.scope() == Alert.Scope.CLIENT), "each address stays under the per-client thresholds");
            Alert first = alerts.getFirst();
            assertEquals(Alert.Scope.ROUTE, first.scope());
            assertEquals("credential_stuffing", first.detector());
            assertEquals("/api/v1/login", first.route());
            assertEquals(null, first.client());
            assertEquals(10, first.sources().size());
            assertTrue(first.sources().stream().allMatch(ip -> ip.startsWith("100.64.")));
            assertEquals(31L, ((Number) first.evidence().get("failures")).longValue());
            assertTrue(((Number) first.evidence().get("failing_sources")).intValue() >= 10);
            assertTrue(alerts.stream().allMatch(a -> a.alertId().equals(first.alertId())), "one alert, then updates");
            alerts.forEach(new io.gatewatch.app.contract.AlertContract()::assertValid);
        }
    }

    @Test
    void shouldStaySilentForManyUsersMostlyLoggingInFine() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            Random r = new Random(7);
            List<String> lines = new ArrayList<>();
            for (int s = 0; s < 1800; s++) {
                Instant t = T0.plusSeconds(s);
                String ip = "198.51.100." + r.nextInt(250);
                // a login every second; one in four a typo
                lines.add(CombinedLogLine.of(ip, null, t, "POST", "/api/v1/login", r.nextInt(4) == 0 ? 401 : 200, 120, "Mozilla/5.0"));
            }
            f.pipe(lines);
            f.driver.advanceWallClockTime(Duration.ofSeconds(2));
            assertTrue(f.alerts.isEmpty(), () -> f.alerts.readValuesToList().toString());
        }
    }
}
