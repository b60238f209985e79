package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.app.config.TrafficSpikeConfig;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrafficSpikeDetectorTest {
    private static final long T0 = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private static final String KEY = "api_key:sha256:0123456789abcdef";
    private final TrafficSpikeDetector detector = new TrafficSpikeDetector(new TrafficSpikeConfig(
            new DetectorSettings(true, Alert.Mode.ALERT, Alert.Severity.MEDIUM, Duration.ofMinutes(10), Allowlist.EMPTY),
            Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(5), 10, 6, 5, 50, 0.99, 3, 5));

    private Finding observe(TrafficSpikeDetector.State s, long ts) {
        ApiEvent e = ApiEvent.builder().ts(Instant.ofEpochMilli(ts)).clientIp("198.51.100.20").method("GET")
                .path("/api/v1/orders").route("/api/v1/orders").status(200).build();
        return detector.observe(s, e, new EventFacts(ts, KEY, e.route(), false));
    }

    /** Requests evenly spaced at a rate from..to; the first finding, or null. */
    private Finding run(TrafficSpikeDetector.State s, long from, long to, double perSecond) {
        long gap = Math.round(1000 / perSecond);
        Finding first = null;
        for (long t = from; t < to; t += gap) {
            Finding f = observe(s, t);
            first = first == null ? f : first;
        }
        return first;
    }

    @Test
    void shouldLearnASteadyPollerAndFireWhenTheSameClientGoesToFortyPerSecond() {
        var s = detector.newSection();
        assertNull(run(s, T0, T0 + 600_000, 0.5), "a partner polling every 2 s is its own normal");
        Finding f = run(s, T0 + 600_000, T0 + 610_000, 40);
        assertNotNull(f);
        assertEquals(101L, f.evidence().get("requests_in_interval"));
        assertEquals(10.1, f.evidence().get("rate_per_s"));
        assertEquals(10.0, f.evidence().get("limit_per_s"));
        assertEquals("min_rate", f.evidence().get("crossed"));
        assertEquals(0.5, f.evidence().get("baseline_mean_per_s"));
        assertEquals(60L, f.evidence().get("history_intervals"));
        assertEquals(T0 + 600_000, f.firstSeen());
        assertEquals(101L, f.magnitude());
        assertNull(f.route(), "a client's rate is not about one route");
        assertTrue(f.summary().startsWith(KEY + " sent 101 requests in 10s (10.1 req/s), 20.2x its usual 0.50 req/s"),
                f.summary());
    }

    @Test
    void shouldNeverFireForAJitteryPartnerOverADay() {
        var s = detector.newSection();
        Random r = new Random(11);
        for (long t = T0; t < T0 + 86_400_000L; t += 1000 + r.nextInt(2000)) {
            assertNull(observe(s, t), "at " + Instant.ofEpochMilli(t));
        }
    }

    @Test
    void shouldCatchAFloodFromABrandNewClientAtTheNewClientCeiling() {
        var s = detector.newSection();
        Finding f = run(s, T0, T0 + 10_000, 100);
        assertNotNull(f);
        assertEquals("new_client_max_rate", f.evidence().get("crossed"));
        assertEquals(501L, f.evidence().get("requests_in_interval"));
        assertEquals(0L, f.evidence().get("history_intervals"));
        assertTrue(f.summary().contains("with under 5m of history (tolerated from a new client: 50 req/s)"), f.summary());
    }

    @Test
    void shouldNotFireForANewClientLoadingAHeavyPageNorForABusyClientAtOneAndAHalfTimesItsRate() {
        var fresh = detector.newSection();
        assertNull(run(fresh, T0, T0 + 2_000, 40), "80 requests of a page load stay under 50 req/s over 10 s");

        var busy = detector.newSection();
        assertNull(run(busy, T0, T0 + 1_800_000, 30));
        assertNull(run(busy, T0 + 1_800_000, T0 + 1_900_000, 45), "45 req/s is not 5 times 30");
    }

    @Test
    void shouldDecayTheBaselineOverEveryIntervalOfALongSilence() {
        var s = detector.newSection();
        assertNull(run(s, T0, T0 + 600_000, 5));
        // three hours quiet are six half-lives: the old 5 req/s is now worth under 0.1 req/s, so 20 req/s is a spike.
        // Were the silence folded in as a single interval, the baseline would still say 5 req/s and 20 would pass.
        Finding f = run(s, T0 + 600_000 + 3 * 3_600_000L, T0 + 600_000 + 3 * 3_600_000L + 10_000, 20);
        assertNotNull(f);
        assertTrue((double) f.evidence().get("baseline_mean_per_s") < 0.1, f.evidence().toString());
        assertEquals(60L + 1080, f.evidence().get("history_intervals"));
    }

    @Test
    void shouldNotLetASustainedFloodTeachTheBaselineThatFloodsAreNormal() {
        var s = detector.newSection();
        assertNull(run(s, T0, T0 + 600_000, 0.5));
        run(s, T0 + 600_000, T0 + 1_200_000, 40);
        Finding late = run(s, T0 + 1_200_000, T0 + 1_210_000, 40);
        assertNotNull(late, "ten minutes into the flood it is still a spike");
        assertTrue((double) late.evidence().get("baseline_mean_per_s") < 10, late.evidence().toString());
    }

    @Test
    void shouldKeepItsSectionToAFewBytes() {
        var s = detector.newSection();
        ByteWriter empty = new ByteWriter(16);
        s.writeTo(empty);
        assertEquals(3, empty.size(), "an empty baseline and the first-minutes summary not started");
        run(s, T0, T0 + 600_000, 3);
        ByteWriter w = new ByteWriter(16);
        s.writeTo(w);
        assertTrue(w.size() <= 16, "bytes: " + w.size());
        ProfileCodec codec = new ProfileCodec(List.of(detector));
        ClientProfile p = codec.newProfile();
        run((TrafficSpikeDetector.State) p.sections[0], T0, T0 + 600_000, 0.5);
        ClientProfile back = codec.decode(codec.encode(p));
        assertNotNull(run((TrafficSpikeDetector.State) back.sections[0], T0 + 600_000, T0 + 610_000, 40),
                "the learnt baseline survives the store");
    }
}
