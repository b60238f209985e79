package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.PopulationSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PopulationsTest {
    private static final PeerMetric PEAK = new PeerMetric("traffic_spike", "peak_rate");
    private static final long T0 = 1_800_000_000_000L;
    private final Map<String, byte[]> stored = new HashMap<>();
    private final Populations.Storage storage = new Populations.Storage() {
        @Override
        public void put(String population, byte[] bytes) {
            stored.put(population, bytes);
        }

        @Override
        public void delete(String population) {
            stored.remove(population);
        }
    };

    private static PopulationSettings settings(int minSamples, int maxPerTask) {
        return new PopulationSettings(minSamples, maxPerTask, Duration.ofDays(1), 100, 24, 64);
    }

    private static void feed(Populations p, String ip, String ua, int clients, double value) {
        for (int i = 0; i < clients; i++) {
            p.of("ip:" + ip, ip, ua, T0).add(PEAK, value);
        }
    }

    @Test
    void shouldKnowNothingUntilAPopulationHasSummarisedMinSamplesClients() {
        Populations p = new Populations(settings(50, 100), storage);
        feed(p, "198.51.100.7", "curl/8.5.0", 49, 0.5);
        assertNull(p.of("ip:203.0.113.9", "203.0.113.9", "curl/8.5.0", T0).quantile(PEAK, 0.99));
        feed(p, "198.51.100.7", "curl/8.5.0", 1, 0.5);
        PeerQuantile q = p.of("ip:203.0.113.9", "203.0.113.9", "curl/8.5.0", T0).quantile(PEAK, 0.99);
        assertNotNull(q);
        assertEquals(0.5, q.value(), 1e-6);
        assertEquals(50, q.samples());
    }

    @Test
    void shouldJudgeByTheMostLenientPopulationWithEnoughSamples() {
        Populations p = new Populations(settings(10, 100), storage);
        feed(p, "198.51.100.7", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36", 20, 0.4);
        feed(p, "203.0.113.5", "curl/8.5.0", 20, 6);
        // all addresses (ip: 0.4 and 6 mixed), its /24 (6) and curl (6): the most lenient is 6
        PeerQuantile q = p.of("ip:203.0.113.77", "203.0.113.77", "curl/7.1", T0).quantile(PEAK, 0.99);
        assertEquals(6, q.value(), 1e-6);
        // a browser in another network: only "ip" (p99 6, mixed) and "ua:chrome" (0.4) qualify
        PeerQuantile browser = p.of("ip:192.0.2.1", "192.0.2.1", "Mozilla/5.0 Chrome/120.0", T0).quantile(PEAK, 0.5);
        assertEquals("ip", browser.population());
    }

    @Test
    void shouldWriteOnlyAtFlushAndComeBackFromTheStore() {
        Populations p = new Populations(settings(10, 100), storage);
        feed(p, "198.51.100.7", "curl/8.5.0", 30, 2);
        assertTrue(stored.isEmpty(), "feeding only marks populations dirty");
        p.flush(T0);
        assertEquals(java.util.Set.of("ip", "net:198.51.100.0/24", "ua:curl"), stored.keySet());

        Populations restarted = new Populations(settings(10, 100), storage);
        stored.forEach(restarted::restore);
        PeerQuantile q = restarted.of("ip:198.51.100.9", "198.51.100.9", null, T0).quantile(PEAK, 0.9);
        assertEquals(2, q.value(), 1e-6);
        assertEquals(30, q.samples());
    }

    @Test
    void shouldDropTheLeastRecentlyUsedPopulationFromMemoryAndStoreBeyondMaxPerTask() {
        Populations p = new Populations(settings(10, 3), storage);
        feed(p, "198.51.100.7", null, 1, 1);
        p.flush(T0);
        assertTrue(stored.containsKey("net:198.51.100.0/24"));
        feed(p, "203.0.113.7", null, 1, 1);
        assertEquals(3, p.size());
        assertTrue(stored.containsKey("net:198.51.100.0/24"));
        feed(p, "192.0.2.7", null, 1, 1);
        assertEquals(3, p.size());
        assertFalse(stored.containsKey("net:198.51.100.0/24"), "evicted population must leave the store too");
    }

    @Test
    void shouldExpirePopulationsNotFedWithinIdleExpiry() {
        Populations p = new Populations(settings(10, 100), storage);
        feed(p, "198.51.100.7", null, 1, 1);
        p.flush(T0);
        p.flush(T0 + Duration.ofDays(1).toMillis() + 1);
        assertEquals(0, p.size());
        assertTrue(stored.isEmpty());
    }

    @Test
    void shouldDropACorruptStoredPopulationAndCountIt() {
        Populations p = new Populations(settings(10, 100), storage);
        stored.put("ip", new byte[] {1, 5, 1, 3, 'x'});
        p.restore("ip", stored.get("ip"));
        assertEquals(1, p.corrupt());
        assertEquals(0, p.size());
        assertFalse(stored.containsKey("ip"));
    }
}
