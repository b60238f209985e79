package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.app.config.RouteSpikeConfig;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteSpikeDetectorTest {
    /** Monday 2026-01-12 00:00 UTC, in seconds. */
    private static final long MONDAY = Instant.parse("2026-01-12T00:00:00Z").getEpochSecond();
    private static final String ROUTE = "/api/v1/search";

    private static RouteSpikeDetector detector(double minRate) {
        return new RouteSpikeDetector(new RouteSpikeConfig(
                new DetectorSettings(true, Alert.Mode.ALERT, Alert.Severity.HIGH, Duration.ofMinutes(10), Allowlist.EMPTY),
                Duration.ofMinutes(1), minRate, 5, 20, 0.25, Duration.ofMinutes(5), Duration.ofHours(1),
                Duration.ofMinutes(30), Duration.ofMinutes(30), 64, 10));
    }

    /** One tally: one request from each address given (repeats allowed), at one second. */
    private static RouteTally tally(long second, List<String> ips, boolean fresh) {
        RouteTallies tallies = new RouteTallies();
        for (String ip : ips) {
            tallies.add(new RouteHit(ROUTE, "GET", second * 1000, ip, 200, 20, 2000, fresh, false, false, false));
        }
        return tallies.closeBefore(Long.MAX_VALUE).getFirst();
    }

    /** A minute of people: {@code requests} requests from {@code requests / 3} returning addresses of a pool. */
    private static RouteTally people(long minute, int requests) {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long person = (minute * 7 + i / 3) % 400;
            ips.add("203.0." + person / 200 + "." + person % 200);
        }
        return tally(minute * 60, ips, false);
    }

    private static List<String> bots(int n, int offset) {
        List<String> ips = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            int i = b + offset;
            ips.add("198.18." + i / 250 + "." + i % 250);
        }
        return ips;
    }

    /** Two hours of 2 req/s from a few hundred people, one tally a minute. */
    private static RouteSpikeDetector.State learnt(RouteSpikeDetector d, long fromMinute) {
        RouteSpikeDetector.State s = d.newSection();
        for (long m = fromMinute; m < fromMinute + 120; m++) {
            assertNull(d.observe(s, people(m, 120), false), "normal traffic never fires");
        }
        return s;
    }

    @Test
    void shouldCatchManyBotsAtAMachinesPaceAndNameThemWithTheNewClientShare() {
        RouteSpikeDetector d = detector(20);
        long start = MONDAY / 60 + 10 * 60;
        RouteSpikeDetector.State s = learnt(d, start);
        long t0 = (start + 120) * 60;
        Finding f = null;
        long second = t0;
        for (; second < t0 + 120 && f == null; second++) {
            // 150 bots, one request a second each, beside the people's 2 a second
            List<String> ips = new ArrayList<>(bots(150, 0));
            f = d.observe(s, tally(second, ips, true), false);
            d.observe(s, tally(second, List.of("203.0.0." + second % 200, "203.0.1." + second % 200), false), false);
        }
        assertNotNull(f, "a 150-bot flood at one request a second each must be caught");
        assertTrue(second - t0 <= 40, "caught within 40 s, took " + (second - t0));
        assertEquals("GET", f.method());
        assertEquals(ROUTE, f.route());
        assertEquals(10, f.sources().size());
        assertTrue(f.sources().stream().allMatch(ip -> ip.startsWith("198.18.")), "the bots, not the people: " + f.evidence());
        assertEquals("overall", f.evidence().get("baseline_from"));
        // 150 new bots among about 250 sources in the window, carrying nearly all of its requests
        assertTrue((double) f.evidence().get("new_client_share") > 0.6, f.evidence().toString());
        assertTrue((double) f.evidence().get("new_client_request_share") > 0.9, f.evidence().toString());
        assertTrue((double) f.evidence().get("excess_rate_per_extra_source") >= 0.25, f.evidence().toString());
        @SuppressWarnings("unchecked")
        List<String> top = (List<String>) f.evidence().get("top_sources");
        assertTrue(top.getFirst().matches("198\\.18\\.\\d+\\.\\d+ \\d+"), "each top source with its count: " + top);
    }

    @Test
    void shouldStayQuietForACrowdOfNewPeopleRaisingTheRateAsMuchAsAFlood() {
        RouteSpikeDetector d = detector(20);
        long start = MONDAY / 60 + 10 * 60;
        RouteSpikeDetector.State s = learnt(d, start);
        long t0 = (start + 120) * 60;
        for (long second = t0; second < t0 + 600; second++) {
            // about 100 people arrive a second; each loads the page three times, 20 s apart
            List<String> ips = new ArrayList<>();
            for (long off : new long[] {0, 20, 40}) {
                long arrived = second - off;
                if (arrived >= t0) {
                    for (int k = 0; k < 33; k++) {
                        long person = (arrived - t0) * 33 + k;
                        ips.add("100.72." + person / 250 + "." + person % 250);
                    }
                }
            }
            assertNull(d.observe(s, tally(second, ips, true), false), "100 req/s of people at human pace, second " + (second - t0));
        }
    }

    @Test
    void shouldLeaveAFloodFromOneAddressToThePerClientDetector() {
        RouteSpikeDetector d = detector(20);
        long start = MONDAY / 60 + 10 * 60;
        RouteSpikeDetector.State s = learnt(d, start);
        long t0 = (start + 120) * 60;
        for (long second = t0; second < t0 + 120; second++) {
            List<String> ips = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ips.add("192.0.2.77");
            }
            ips.add("203.0.0." + second % 200);
            ips.add("203.0.1." + second % 200);
            assertNull(d.observe(s, tally(second, ips, false), false), "one source's flood is traffic_spike's");
        }
    }

    @Test
    void shouldNotLearnAFloodIntoTheBaselineWhileItsAlertIsOpen() {
        RouteSpikeDetector d = detector(20);
        long start = MONDAY / 60 + 10 * 60;
        RouteSpikeDetector.State s = learnt(d, start);
        long t0 = (start + 120) * 60;
        Finding last = null;
        for (long second = t0; second < t0 + 30 * 60; second++) {
            Finding f = d.observe(s, tally(second, bots(150, 0), true), last != null);
            last = f != null ? f : last;
        }
        assertNotNull(last);
        assertTrue((double) last.evidence().get("baseline_per_s") < 2.5,
                "half an hour of flood must not become the normal: " + last.evidence());
        assertTrue(s.methods.get("GET").frozenMinutes >= 29, "frozen minutes " + s.methods.get("GET").frozenMinutes);
    }

    @Test
    void shouldJudgeANightHourByItsOwnSlotOnceTheWeekHasBeenSeen() {
        RouteSpikeDetector d = detector(1);
        RouteSpikeDetector.State s = d.newSection();
        long firstMinute = MONDAY / 60;
        for (long m = firstMinute; m < firstMinute + 7 * 24 * 60; m++) {
            assertNull(d.observe(s, people(m, perMinute(m)), false), "a week of ordinary days never fires");
        }
        // the next Monday 03:00: 25 bots at 0.3 req/s (7.5 req/s) at an hour that carries 0.2 req/s,
        // though under five times the week's overall mean
        long t0 = (firstMinute + 7 * 24 * 60 + 3 * 60) * 60;
        Finding f = null;
        for (long second = t0; second < t0 + 180 && f == null; second++) {
            List<String> ips = new ArrayList<>();
            for (String bot : bots(25, 0)) {
                if ((second + bot.hashCode()) % 10 < 3) {
                    ips.add(bot);
                }
            }
            if (!ips.isEmpty()) {
                f = d.observe(s, tally(second, ips, false), false);
            }
        }
        assertNotNull(f, "the night slot's normal (0.2 req/s) makes 7.5 req/s a flood");
        assertEquals("hour_of_week", f.evidence().get("baseline_from"));
        assertTrue((double) f.evidence().get("baseline_per_s") < 0.5, f.evidence().toString());
    }

    /** Quiet nights (12 a minute), then a morning ramp by steps of at most two, a busy day at 300 a minute. */
    private static int perMinute(long epochMinute) {
        int hour = (int) (epochMinute / 60 % 24);
        int[] byHour = {12, 12, 12, 12, 12, 12, 24, 48, 96, 192, 300, 300, 300, 300, 300, 300, 300, 300, 192, 96, 48,
                24, 12, 12};
        return byHour[hour];
    }

    @Test
    void shouldReadBackItsSectionForEveryMethodItTracks() {
        RouteSpikeDetector d = detector(20);
        RouteSpikeDetector.State s = learnt(d, MONDAY / 60);
        d.observe(s, RouteTally.ofLogins(ROUTE, MONDAY + 7300, 1, 0, 0, java.util.Map.of(), java.util.Set.of()), false);
        ByteWriter out = new ByteWriter(256);
        s.writeTo(out);
        RouteSpikeDetector.State back = d.readSection(new ByteReader(out.toByteArray()));
        assertEquals(List.of("GET", RouteSpikeDetector.OTHER_METHODS), List.copyOf(back.methods.keySet()));
        ByteWriter again = new ByteWriter(256);
        back.writeTo(again);
        assertEquals(out.size(), again.size());
        assertTrue(java.util.Arrays.equals(out.toByteArray(), again.toByteArray()));
        assertTrue(out.size() < 8_000, "a route's section stays a few kB: " + out.size());
    }
}
