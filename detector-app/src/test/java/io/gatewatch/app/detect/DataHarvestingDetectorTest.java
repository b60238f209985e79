package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.app.config.DataHarvestingConfig;
import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DataHarvestingDetectorTest {
    private static final long T0 = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private static final String KEY = "ip:203.0.113.50";
    private static final String USERS = "/api/v1/users/{id}";
    private final DataHarvestingDetector detector = detector(300);
    /** The all-routes limit out of the way, to see what the per-route slots do alone. */
    private final DataHarvestingDetector perRouteOnly = detector(1000);

    private static DataHarvestingDetector detector(int maxDistinctObjects) {
        return new DataHarvestingDetector(new DataHarvestingConfig(
                new DetectorSettings(true, Alert.Mode.ALERT, Alert.Severity.HIGH, Duration.ofHours(1), Allowlist.EMPTY),
                Duration.ofHours(1), 100, 40, maxDistinctObjects, Duration.ofHours(6), 20, 100, Duration.ofHours(1),
                500, 20, 4, DataHarvestingConfig.DEFAULT_PAGINATION_PARAMS, false));
    }

    private Finding get(DataHarvestingDetector.State s, long ts, String route, String path, String query, long bytes) {
        return request(detector, s, ts, "GET", route, path, query, bytes);
    }

    private Finding request(DataHarvestingDetector d, DataHarvestingDetector.State s, long ts, String method,
            String route, String path, String query, long bytes) {
        ApiEvent e = ApiEvent.builder().ts(Instant.ofEpochMilli(ts)).clientIp("203.0.113.50").method(method)
                .path(path).query(query).route(route).status(200).bytesOut(bytes).build();
        return d.observe(s, e, new EventFacts(ts, KEY, route, false));
    }

    private Finding user(DataHarvestingDetector.State s, long ts, long id) {
        return get(s, ts, USERS, "/api/v1/users/" + id, null, 900);
    }

    @Test
    void shouldCatchAnEnumeratorWalkingUserIdsOnePerTenSecondsAtTheTwentiethStep() {
        var s = detector.newSection();
        Finding first = null;
        int at = -1;
        for (int i = 0; i <= 300 && first == null; i++) {
            first = user(s, T0 + i * 10_000L, 1000 + i);
            at = i;
        }
        assertNotNull(first);
        assertEquals(20, at);
        assertEquals("id_walk", first.evidence().get("signal"));
        assertEquals(1000L, first.evidence().get("walk_from"));
        assertEquals(1020L, first.evidence().get("walk_to"));
        assertEquals(1L, first.evidence().get("stride"));
        assertEquals(20, first.evidence().get("walk_steps"));
        assertEquals(20, first.evidence().get("walk_min_steps"));
        assertEquals("3m20s", first.evidence().get("walk_duration"));
        assertEquals(USERS, first.route());
        assertEquals("GET", first.method());
        assertEquals(T0, first.firstSeen(), "the request of the walk's first id");
        assertEquals(KEY + " walked /api/v1/users/{id} through ids 1000..1020 in steps of 1 (20 steps in 3m20s; a "
                + "walk is 20): enumeration; block it and check those objects are readable only by their owners.",
                first.summary());
    }

    @Test
    void shouldNotFireForAUserViewingFifteenRandomProducts() {
        var s = detector.newSection();
        Random r = new Random(3);
        for (int i = 0; i < 15; i++) {
            long id = 10_000 + r.nextInt(90_000);
            assertNull(get(s, T0 + i * 40_000L, "/api/v1/products/{id}", "/api/v1/products/" + id, null, 4000));
            assertNull(get(s, T0 + i * 40_000L + 500, "/api/v1/products/{id}/reviews",
                    "/api/v1/products/" + id + "/reviews", null, 2000));
        }
    }

    @Test
    void shouldCatchManyDistinctIdsInAnHourThatFormNoWalk() {
        var s = detector.newSection();
        Random r = new Random(5);
        Finding first = null;
        int at = -1;
        for (int i = 0; i < 300 && first == null; i++) {
            first = user(s, T0 + i * 12_000L, r.nextLong(1, 10_000_000));
            at = i + 1;
        }
        assertNotNull(first);
        assertEquals("distinct_ids", first.evidence().get("signal"));
        long distinct = (long) first.evidence().get("distinct_ids");
        assertTrue(distinct > 100, "fired above the limit: " + distinct);
        assertTrue(at >= 92 && at <= 112, "fired after " + at + " ids, within the sketch's error of 101");
        assertEquals(100, first.evidence().get("max_distinct_ids"));
        assertTrue(first.summary().startsWith(KEY + " read " + distinct + " distinct ids of " + USERS + " within 1h "
                + "(tolerated: 100), the latest "), first.summary());
    }

    @Test
    void shouldCatchAWalkSlowEnoughForAnyRateLimitWithinSixHoursButNotOneSpreadOverAWeek() {
        var slow = detector.newSection();
        Finding f = null;
        for (int i = 0; i <= 20; i++) {
            f = user(slow, T0 + i * 10 * 60_000L, 5000 + 10L * i);
        }
        assertNotNull(f, "a step every ten minutes");
        assertEquals(10L, f.evidence().get("stride"));
        assertEquals("3h20m", f.evidence().get("walk_duration"));

        var spread = detector.newSection();
        for (int i = 0; i <= 40; i++) {
            assertNull(user(spread, T0 + i * 4 * 3_600_000L, 5000 + i));
        }
    }

    @Test
    void shouldCatchAPageWalkAndNotAThreePageBrowse() {
        var browse = detector.newSection();
        for (int p = 1; p <= 3; p++) {
            assertNull(get(browse, T0 + p * 5_000L, "/api/v1/products", "/api/v1/products", "page=" + p + "&size=20", 30_000));
        }
        var walker = detector.newSection();
        Finding first = null;
        for (int p = 1; p <= 60 && first == null; p++) {
            first = get(walker, T0 + p * 2_000L, "/api/v1/products", "/api/v1/products", "size=100&page=" + p, 30_000);
        }
        assertNotNull(first);
        assertEquals("page_walk", first.evidence().get("signal"));
        assertEquals("page", first.evidence().get("param"));
        assertEquals(1L, first.evidence().get("walk_from"));
        assertEquals(21L, first.evidence().get("walk_to"));
        assertTrue(first.summary().contains("paged through /api/v1/products with page=1..21"), first.summary());
    }

    @Test
    void shouldFollowOffsetsOfAnyStrideAndCountOpaqueCursors() {
        var offsets = detector.newSection();
        Finding f = null;
        for (int i = 0; i <= 20; i++) {
            f = get(offsets, T0 + i * 3_000L, "/api/v1/orders", "/api/v1/orders", "limit=500&offset=" + 500 * i, 1000);
        }
        assertNotNull(f);
        assertEquals(500L, f.evidence().get("stride"));

        var cursors = detector.newSection();
        Finding first = null;
        int at = 0;
        for (int i = 0; i < 100 && first == null; i++) {
            first = get(cursors, T0 + i * 30_000L, "/api/v1/feed", "/api/v1/feed", "cursor=c" + Long.toHexString(i * 7919L), 1000);
            at = i + 1;
        }
        assertNotNull(first);
        assertEquals("distinct_pages", first.evidence().get("signal"));
        assertEquals(40, first.evidence().get("max_pages"));
        assertTrue(at >= 38 && at <= 45, "fired after " + at + " cursors");
    }

    @Test
    void shouldCutALongCursorShortInTheEvidence() {
        var s = detector.newSection();
        Finding first = null;
        for (int i = 0; i < 100 && first == null; i++) {
            first = get(s, T0 + i * 1_000L, "/api/v1/feed", "/api/v1/feed", "cursor=" + "x".repeat(200) + i, 1000);
        }
        assertNotNull(first);
        String shown = (String) first.evidence().get("last_value");
        assertEquals(40, shown.length());
        assertTrue(shown.endsWith("..."), shown);
    }

    @Test
    void shouldNeverCallOneToThreeLargeDownloadsABulkExport() {
        var downloader = detector.newSection();
        for (int i = 0; i < 3; i++) {
            assertNull(get(downloader, T0 + i * 30_000L, "/downloads/catalogue.pdf", "/downloads/catalogue.pdf", null,
                    400_000_000));
        }
    }

    @Test
    void shouldCatchUnusualResponseVolumeButNotOrdinaryUse() {
        var heavy = detector.newSection();
        Finding f = null;
        for (int i = 0; i < 120 && f == null; i++) {
            f = get(heavy, T0 + i * 20_000L, "/api/v1/export", "/api/v1/export", null, 5_000_000);
        }
        assertNotNull(f);
        assertEquals("response_volume", f.evidence().get("signal"));
        assertEquals(505.0, f.evidence().get("response_mb"));
        assertEquals(500.0, f.evidence().get("max_response_mb"));
        assertNull(f.route());

        var ordinary = detector.newSection();
        for (int i = 0; i < 2000; i++) {
            assertNull(get(ordinary, T0 + i * 1_800L, "/api/v1/home", "/api/v1/home", null, 200_000));
        }
    }

    @Test
    void shouldNotCountWritesAsReads() {
        var s = detector.newSection();
        for (int i = 0; i < 50; i++) {
            assertNull(request(detector, s, T0 + i * 1000L, "PUT", USERS, "/api/v1/users/" + (1000 + i), null, 100));
        }
    }

    @Test
    void shouldKeepTheHarvestedRouteAmongDecoyRoutesAndTrackNoMoreThanFour() {
        // a decoy evicts the least suspicious route; once the walk has a step it is no longer that
        var s = detector.newSection();
        Finding found = null;
        for (int i = 0; i <= 25; i++) {
            for (int d = 0; d < 2; d++) {
                String decoy = "/api/v1/decoy" + (i * 2 + d);
                get(s, T0 + i * 10_000L + d, decoy + "/{id}", decoy + "/1", null, 100);
            }
            Finding f = user(s, T0 + i * 10_000L + 9, 7000 + i);
            found = found == null ? f : found;
        }
        assertNotNull(found, "the walk survives two new decoy routes before every step");
        assertEquals("id_walk", found.evidence().get("signal"));
        assertEquals(7020L, found.evidence().get("walk_to"));
        assertEquals(4, java.util.Arrays.stream(s.slots).filter(java.util.Objects::nonNull).count());
    }

    @Test
    void shouldFollowMostOfTheRoutesOfAScraperCyclingThroughMoreRoutesThanItHasPlacesFor() {
        var s = detector.newSection();
        String[] routes = {"/api/v1/users/{id}", "/api/v1/users/{id}/orders", "/api/v1/users/{id}/addresses",
                "/api/v1/users/{id}/payments", "/api/v1/users/{id}/settings"};
        Random r = new Random(13);
        Finding first = null;
        int at = 0;
        for (int i = 0; i < 2000 && first == null; i++) {
            String route = routes[i % routes.length];
            long id = r.nextInt(10_000_000);
            first = request(perRouteOnly, s, T0 + i * 2_000L, "GET", route, route.replace("{id}", Long.toString(id)),
                    null, 800);
            at = i + 1;
        }
        assertNotNull(first);
        assertEquals("distinct_ids", first.evidence().get("signal"));
        assertTrue(at < 5 * 115, "fired after " + at + " requests, about 101 ids on each of the routes kept");
    }

    @Test
    void shouldCatchDistinctObjectsSpreadThinlyOverManyRoutes() {
        var s = detector.newSection();
        Finding first = null;
        int at = 0;
        for (int i = 0; i < 1000 && first == null; i++) {
            String route = "/api/v1/kind" + (i % 12) + "/{id}";
            first = get(s, T0 + i * 5_000L, route, route.replace("{id}", Long.toString(1_000_000L + i * 7919L)), null, 800);
            at = i + 1;
        }
        assertNotNull(first, "twelve routes of 25 ids each: none over 100, 300 together");
        assertEquals("distinct_objects", first.evidence().get("signal"));
        assertEquals(300, first.evidence().get("max_distinct_objects"));
        // linear counting of ~300 items in 256 bits has a standard error of about 6 %
        assertTrue(at >= 255 && at <= 350, "fired after " + at + " objects");
        assertNull(first.route(), "it is about all routes");
        assertTrue(first.summary().startsWith(KEY + " read " + first.evidence().get("distinct_objects")
                + " distinct objects across its routes within 1h (tolerated: 300), the latest "), first.summary());
    }

    @Test
    void shouldStayWithinItsByteBudgetAndSurviveTheStore() {
        ProfileCodec codec = new ProfileCodec(List.of(perRouteOnly));
        ClientProfile p = codec.newProfile();
        ByteWriter idle = new ByteWriter(16);
        p.sections[0].writeTo(idle);
        assertEquals(5, idle.size(), "idle: no routes, empty sketch, empty volume counters, no user agents");
        var s = (DataHarvestingDetector.State) p.sections[0];
        Random r = new Random(9);
        for (int i = 0; i < 300; i++) {
            request(perRouteOnly, s, T0 + i * 5_000L, "GET", "/api/v1/items/{id}",
                    "/api/v1/items/" + r.nextInt(1_000_000), null, 1000);
            request(perRouteOnly, s, T0 + i * 5_000L + 1, "GET", "/api/v1/shops/{id}",
                    "/api/v1/shops/" + r.nextInt(1_000_000), null, 1000);
            request(perRouteOnly, s, T0 + i * 5_000L + 2, "GET", "/api/v1/items", "/api/v1/items",
                    "page=" + r.nextInt(1000), 1000);
        }
        for (int i = 0; i < 20; i++) {
            request(perRouteOnly, s, T0 + 1_500_000 + i * 1000L, "GET", USERS, "/api/v1/users/" + (100 + i), null, 900);
        }
        ByteWriter w = new ByteWriter(16);
        s.writeTo(w);
        assertTrue(w.size() <= 320, "four routes, three of them dense, and all objects dense (300 when written): "
                + w.size() + " bytes");
        ClientProfile back = codec.decode(codec.encode(p));
        Finding f = request(perRouteOnly, (DataHarvestingDetector.State) back.sections[0], T0 + 1_500_000 + 20_000, "GET",
                USERS, "/api/v1/users/120", null, 900);
        assertNotNull(f, "the walk's progress survives the store");
        assertEquals("id_walk", f.evidence().get("signal"));
    }

    @Test
    void shouldToleratePeopleBehindOneAddressButNotMoreThanFourTimes() {
        DataHarvestingDetector d = perRouteOnly;
        var s = d.newSection();
        Random r = new Random(3);
        Finding f = null;
        // four browsers behind one NAT read 150 distinct products in an hour: under 4 x 100
        for (int i = 0; i < 150 && f == null; i++) {
            String ua = "Mozilla/5.0 person-" + (i % 4);
            ApiEvent e = ApiEvent.builder().ts(java.time.Instant.ofEpochMilli(T0 + i * 20_000L)).clientIp("198.51.100.7")
                    .method("GET").path("/api/v1/products/" + (10_000 + r.nextInt(900_000))).route("/api/v1/products/{id}")
                    .status(200).userAgent(ua).build();
            f = d.observe(s, e, new EventFacts(e.ts().toEpochMilli(), KEY, e.route(), false));
        }
        assertEquals(null, f, "150 distinct ids from 4 user agents stays under 4 x 100");
    }

    @Test
    void shouldLeaveAnAccountPagingItsOwnListButNotAnAddressDoingTheSame() {
        var account = detector.newSection();
        for (int p = 1; p <= 500; p++) {
            long ts = T0 + p * 200L;
            ApiEvent e = ApiEvent.builder().ts(java.time.Instant.ofEpochMilli(ts)).clientIp("192.0.2.30").user("globex-batch")
                    .method("GET").path("/api/v1/orders").query("page=" + p + "&per_page=100").route("/api/v1/orders")
                    .status(200).bytesOut(60_000L).build();
            assertNull(detector.observe(account, e, new EventFacts(ts, "user:globex-batch", e.route(), false)),
                    "an account's nightly sync, page " + p);
        }
        var address = detector.newSection();
        Finding first = null;
        for (int p = 1; p <= 60 && first == null; p++) {
            first = get(address, T0 + p * 200L, "/api/v1/orders", "/api/v1/orders", "page=" + p + "&per_page=100", 60_000);
        }
        assertNotNull(first);
        assertEquals("page_walk", first.evidence().get("signal"));
    }

    @Test
    void shouldCountSuccessfulLoginsAsPeopleBehindOneAppAgentUpToEight() {
        var s = perRouteOnly.newSection();
        String ua = "ShopApp/4.12.1 (Android 14)";
        for (int i = 0; i < 10; i++) {
            ApiEvent login = ApiEvent.builder().ts(java.time.Instant.ofEpochMilli(T0 + i * 1_000L)).clientIp("100.64.12.1")
                    .method("POST").path("/api/v1/login").route("/api/v1/login").status(200).userAgent(ua).build();
            perRouteOnly.observe(s, login, new EventFacts(login.ts().toEpochMilli(), KEY, login.route(), true));
        }
        Random r = new Random(5);
        Finding f = null;
        int read = 0;
        for (int i = 0; i < 900 && f == null; i++) {
            ApiEvent e = ApiEvent.builder().ts(java.time.Instant.ofEpochMilli(T0 + 20_000 + i * 3_000L)).clientIp("100.64.12.1")
                    .method("GET").path("/api/v1/products/" + (10_000 + r.nextInt(900_000))).route("/api/v1/products/{id}")
                    .status(200).userAgent(ua).build();
            f = perRouteOnly.observe(s, e, new EventFacts(e.ts().toEpochMilli(), KEY, e.route(), false));
            read = i + 1;
        }
        assertNotNull(f, "beyond 8 x 100 distinct ids even a crowd is harvested");
        assertTrue(read > 700, "ten logins are eight people: fired after " + read + " distinct ids");
        assertEquals(8, f.evidence().get("people_seen"));
    }
}
