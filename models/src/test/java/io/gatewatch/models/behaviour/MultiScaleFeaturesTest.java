package io.gatewatch.models.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import org.junit.jupiter.api.Test;

class MultiScaleFeaturesTest {
    private static final long T0 = 1_700_000_400_000L; // a whole hour
    private static final long MINUTE = 60_000;

    private static Snapshot get(MultiScaleFeatures f, long ts, String path, String query, Integer status) {
        return f.add(ts, path, path, query, "GET", status, 1000L, "ua", false);
    }

    private static double v(Snapshot s, Scale scale, Feature f) {
        return s.value(FeatureSpace.index(scale, f));
    }

    @Test
    void shouldYieldOneSnapshotPerMinuteWhenTheNextMinuteBeginsWithLongerScalesSoFar() {
        MultiScaleFeatures f = new MultiScaleFeatures();
        for (int i = 0; i < 10; i++) {
            assertNull(get(f, T0 + i * 1000, "/a", null, 200));
        }
        Snapshot first = get(f, T0 + MINUTE, "/b", null, 404);
        assertEquals(10, first.requests(Scale.MINUTE), "the first request of a minute closes the one before");
        for (int i = 1; i < 4; i++) {
            assertNull(get(f, T0 + MINUTE + i * 1000, "/b", null, 404));
        }
        Snapshot second = get(f, T0 + 2 * MINUTE, "/c", null, 200);
        assertNotNull(second);
        assertEquals(T0 + MINUTE, second.minuteStart());
        assertEquals(4, second.requests(Scale.MINUTE));
        assertEquals(14, second.requests(Scale.TEN_MINUTES));
        assertEquals(14, second.requests(Scale.HOUR));
        assertEquals(1.0, v(second, Scale.MINUTE, Feature.FAILURE_RATIO));
        assertEquals(1.0, v(second, Scale.MINUTE, Feature.NOT_FOUND_RATIO));
        assertEquals(4.0 / 14, v(second, Scale.TEN_MINUTES, Feature.FAILURE_RATIO), 1e-9);
        assertEquals(2, v(second, Scale.TEN_MINUTES, Feature.DISTINCT_ROUTES));
    }

    @Test
    void shouldCloseASilentClientsMinuteOnlyOnceStreamTimeHasPassedIt() {
        MultiScaleFeatures f = new MultiScaleFeatures();
        get(f, T0 + 5_000, "/a", null, 200);
        get(f, T0 + 6_000, "/a", null, 200);
        assertNull(f.closeIfDue(T0 + 59_999), "the minute is not over");
        Snapshot s = f.closeIfDue(T0 + MINUTE);
        assertNotNull(s);
        assertEquals(2, s.requests(Scale.MINUTE));
        assertNull(f.closeIfDue(T0 + 5 * MINUTE), "each minute is judged once");
        assertNull(get(f, T0 + 3 * MINUTE, "/a", null, 200), "a judged minute is not judged again by the next request");
    }

    @Test
    void shouldSeeIdsAndPagesWalkedOneByOneAsSequential() {
        MultiScaleFeatures ids = new MultiScaleFeatures();
        MultiScaleFeatures pages = new MultiScaleFeatures();
        MultiScaleFeatures random = new MultiScaleFeatures();
        for (int i = 0; i < 20; i++) {
            get(ids, T0 + i * 1000, "/api/v1/users/" + (1000 + i), null, 200);
            get(pages, T0 + i * 1000, "/api/v1/products", "page=" + (i + 1) + "&per_page=50", 200);
            get(random, T0 + i * 1000, "/api/v1/users/" + (1000 + i * 37 % 101), null, 200);
        }
        assertEquals(19.0 / 20, v(ids.finish(), Scale.MINUTE, Feature.SEQUENTIAL_IDS), 1e-9);
        assertEquals(19.0 / 20, v(pages.finish(), Scale.MINUTE, Feature.SEQUENTIAL_IDS), 1e-9);
        assertEquals(0.0, v(random.finish(), Scale.MINUTE, Feature.SEQUENTIAL_IDS));
        assertEquals(NONE_WHEN_ONLY_A_VERSION, MultiScaleFeatures.lastNumber("/api/v1/products", null));
    }

    private static final long NONE_WHEN_ONLY_A_VERSION = Long.MIN_VALUE;

    @Test
    void shouldMeasureAMetronomeAsPerfectlyRegularAndCountIdsPerRoute() {
        MultiScaleFeatures f = new MultiScaleFeatures();
        for (int i = 0; i < 30; i++) {
            f.add(T0 + i * 2000, "/api/v1/users/{id}", "/api/v1/users/" + (i * 7), null, "GET", 200, 10L, "ua", false);
        }
        Snapshot s = f.finish();
        assertEquals(1.0, v(s, Scale.MINUTE, Feature.REGULARITY), 1e-9);
        assertEquals(30, v(s, Scale.MINUTE, Feature.IDS_PER_ROUTE), 1.0);
        assertEquals(1, v(s, Scale.MINUTE, Feature.USER_AGENTS));
    }

    @Test
    void shouldRestoreItsStateFromBytes() {
        MultiScaleFeatures f = new MultiScaleFeatures();
        for (int i = 0; i < 12; i++) {
            f.add(T0 + i * 3000, "/login", "/login", null, "POST", 401, 50L, "bot/" + (i % 3), true);
        }
        ByteWriter out = new ByteWriter(64);
        f.writeTo(out);
        MultiScaleFeatures back = new MultiScaleFeatures().readFrom(new ByteReader(out.toByteArray()));
        Snapshot a = f.closeIfDue(T0 + MINUTE);
        Snapshot b = back.closeIfDue(T0 + MINUTE);
        assertEquals(a, b);
        assertEquals(12, v(b, Scale.HOUR, Feature.LOGIN_FAILURES));
        assertEquals(12, v(b, Scale.HOUR, Feature.NON_GET));
        assertEquals(3, v(b, Scale.HOUR, Feature.USER_AGENTS));
        ByteWriter empty = new ByteWriter(4);
        new MultiScaleFeatures().writeTo(empty);
        assertEquals(1, empty.size());
        assertNull(new MultiScaleFeatures().readFrom(new ByteReader(empty.toByteArray())).finish());
    }
}
