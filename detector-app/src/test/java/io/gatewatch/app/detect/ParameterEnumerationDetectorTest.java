package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.app.config.ParameterEnumerationConfig;
import io.gatewatch.app.config.PopulationSettings;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParameterEnumerationDetectorTest {
    private static final long T0 = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private static final String SEARCH = "/api/v1/search";
    private final ParameterEnumerationDetector detector = new ParameterEnumerationDetector(new ParameterEnumerationConfig(
            new DetectorSettings(true, Alert.Mode.ALERT, Alert.Severity.MEDIUM, Duration.ofHours(1), Allowlist.EMPTY),
            Duration.ofMinutes(5), 40, 20, 0.99, 3, 0.5, ParameterEnumerationConfig.DEFAULT_IGNORED_PARAMS));

    private Finding get(ParameterEnumerationDetector.State s, long ts, String route, String query, Peers peers) {
        ApiEvent e = ApiEvent.builder().ts(Instant.ofEpochMilli(ts)).clientIp("203.0.113.9").method("GET")
                .path(route).query(query).route(route).status(200).build();
        return detector.observe(s, e, new EventFacts(ts, "ip:203.0.113.9", route, false, peers));
    }

    @Test
    void shouldFireOnADictionaryWalkPastTheColdStartLimitAndNameTheParameter() {
        ParameterEnumerationDetector.State s = detector.newSection();
        Finding first = null;
        int at = 0;
        for (int i = 0; i < 100 && first == null; i++) {
            first = get(s, T0 + i * 2_000L, SEARCH, "q=word" + i, Peers.NONE);
            at = i + 1;
        }
        assertNotNull(first);
        assertTrue(at > 30 && at < 50, "fired at value " + at + " (64-bit linear counting: about 10 % off at 40)");
        assertEquals("q", first.evidence().get("param"));
        assertEquals(40, first.evidence().get("max_distinct_values"));
        assertTrue(first.summary().startsWith("ip:203.0.113.9 sent "), first.summary());
    }

    @Test
    void shouldStayQuietWhenTheParameterIsOnlyAFifthOfAClientsRequests() {
        ParameterEnumerationDetector.State s = detector.newSection();
        for (int i = 0; i < 250; i++) {
            long ts = T0 + i * 1_000L;
            Finding f = i % 5 == 0 ? get(s, ts, SEARCH, "q=word" + i, Peers.NONE)
                    : get(s, ts, "/api/v1/products/{id}", null, Peers.NONE);
            assertNull(f, "a crawler or crowd spreads over routes; fired at " + i);
        }
    }

    @Test
    void shouldIgnorePaginationAndTimeCursors() {
        ParameterEnumerationDetector.State s = detector.newSection();
        for (int i = 0; i < 120; i++) {
            long ts = T0 + i * 2_000L;
            assertNull(get(s, ts, "/api/v1/orders", "since=" + (ts / 1000 - 60) + "&page=" + i, Peers.NONE));
        }
        assertTrue(ParameterEnumerationDetector.isTime("t=2026-11-23T09:00:00Z", 2, 22, T0));
    }

    @Test
    void shouldHoldAClientToItsPeersOnceAPopulationHasEnoughSamples() {
        Populations populations = new Populations(new PopulationSettings(10, 100, Duration.ofDays(1), 100, 24, 64),
                new Populations.Storage() {
                    @Override
                    public void put(String population, byte[] bytes) {
                    }

                    @Override
                    public void delete(String population) {
                    }
                });
        for (int c = 0; c < 20; c++) {
            ParameterEnumerationDetector.State peer = detector.newSection();
            String ip = "198.51.100." + c;
            for (int i = 0; i < 4; i++) {
                ApiEvent e = ApiEvent.builder().ts(Instant.ofEpochMilli(T0 + i * 10_000L)).clientIp(ip).method("GET")
                        .path(SEARCH).query("q=term" + i).route(SEARCH).status(200).build();
                detector.observe(peer, e, new EventFacts(T0 + i * 10_000L, "ip:" + ip, SEARCH, false,
                        populations.of("ip:" + ip, ip, null, T0)));
            }
            long later = T0 + Duration.ofMinutes(6).toMillis();
            ApiEvent e = ApiEvent.builder().ts(Instant.ofEpochMilli(later)).clientIp(ip).method("GET").path("/")
                    .route("/").status(200).build();
            detector.observe(peer, e, new EventFacts(later, "ip:" + ip, "/", false, populations.of("ip:" + ip, ip, null, later)));
        }
        // peers send 4 values in their first window: 3 x 4 = 12, under the floor of 20
        ParameterEnumerationDetector.State s = detector.newSection();
        Finding first = null;
        int at = 0;
        for (int i = 0; i < 60 && first == null; i++) {
            first = get(s, T0 + i * 3_000L, SEARCH, "q=word" + i, populations.of("ip:203.0.113.9", "203.0.113.9", null, T0));
            at = i + 1;
        }
        assertNotNull(first);
        assertTrue(at > 16 && at < 27, "fired at value " + at + " (limit 20, about 10 % off)");
        assertEquals("ip", first.evidence().get("population"));
        assertEquals(20L, first.evidence().get("population_samples"));
    }

    @Test
    void shouldWriteAndReadTheSameSection() {
        ParameterEnumerationDetector.State s = detector.newSection();
        for (int i = 0; i < 15; i++) {
            get(s, T0 + i * 1_000L, SEARCH, "q=word" + i, Peers.NONE);
        }
        ByteWriter out = new ByteWriter(64);
        s.writeTo(out);
        assertTrue(out.size() <= 24, "section is " + out.size() + " bytes");
        ParameterEnumerationDetector.State back = detector.readSection(new ByteReader(out.toByteArray()));
        assertEquals(s.distinct(), back.distinct());
        assertEquals(s.slot, back.slot);
        assertEquals(s.windowStart, back.windowStart);
        assertEquals(s.slotRequests, back.slotRequests);
        ByteWriter fresh = new ByteWriter(8);
        detector.newSection().writeTo(fresh);
        assertEquals(1, fresh.size());
    }
}
