package io.gatewatch.models.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyModelTest {
    private static final long T0 = 1_700_000_400_000L;
    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    /** Shoppers: a few requests a minute over a few routes, now and then a 404 or a failed login. */
    static List<AnomalyTrainer.Example> shoppers(int clients, int minutes, long seed) {
        Random r = new Random(seed);
        List<AnomalyTrainer.Example> out = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            MultiScaleFeatures f = new MultiScaleFeatures();
            int start = r.nextInt(minutes / 2);
            for (int m = start; m < start + minutes / 2; m++) {
                int n = 5 + r.nextInt(10);
                for (int i = 0; i < n; i++) {
                    long ts = T0 + m * MINUTE + r.nextInt((int) MINUTE);
                    String route = "/api/v1/products/{id}";
                    boolean login = r.nextInt(50) == 0;
                    Snapshot s = f.add(ts, login ? "/login" : route, login ? "/login" : "/api/v1/products/"
                            + r.nextInt(5000), null, login ? "POST" : "GET", login && r.nextBoolean() ? 401
                            : r.nextInt(40) == 0 ? 404 : 200, 2000L + r.nextInt(3000), "Mozilla", login);
                    if (s != null) {
                        out.add(new AnomalyTrainer.Example("ip:10.0." + c, s));
                    }
                }
            }
            Snapshot last = f.finish();
            if (last != null) {
                out.add(new AnomalyTrainer.Example("ip:10.0." + c, last));
            }
        }
        return out;
    }

    /** A stuffer's minute: 60 failed logins. */
    static Snapshot stuffer() {
        MultiScaleFeatures f = new MultiScaleFeatures();
        for (int i = 0; i < 60; i++) {
            f.add(T0 + i * 1000, "/login", "/login", null, "POST", 401, 60L, "python-requests", true);
        }
        return f.finish();
    }

    static Snapshot shopperMinute(long seed) {
        return shoppers(1, 4, seed).getFirst().snapshot();
    }

    @Test
    void shouldScoreAStufferAboveTheCalibratedThresholdAndShoppersBelowWithEitherAlgorithm() {
        List<AnomalyTrainer.Example> train = shoppers(200, 120, 1);
        List<AnomalyTrainer.Example> fresh = shoppers(50, 120, 2);
        for (Algorithm a : Algorithm.values()) {
            AnomalyModel m = AnomalyTrainer.train(train, a, 5);
            double threshold = m.threshold(1);
            assertTrue(m.score(stuffer()).score() > threshold, a + ": stuffer " + m.score(stuffer()) + " vs " + threshold);
            long alerted = fresh.stream().filter(e -> m.score(e.snapshot()).score() > threshold)
                    .map(AnomalyTrainer.Example::client).distinct().count();
            assertTrue(alerted <= 2, a + ": " + alerted + " of 50 fresh shoppers over the threshold");
        }
    }

    @Test
    void shouldExplainAStufferByItsFailedLoginsAgainstThePeersP99() {
        AnomalyModel m = AnomalyTrainer.train(shoppers(200, 120, 3), Algorithm.ROBUST_Z, 5);
        List<AnomalyModel.Contribution> top = m.explain(stuffer(), null, 3);
        assertEquals(3, top.size());
        AnomalyModel.Contribution first = top.getFirst();
        assertTrue(top.stream().allMatch(c -> c.value() > c.peersP99()), "every named feature is above peers: " + top);
        assertEquals(m.score(stuffer()).score(), first.contribution(), 1e-9, "the top term is the score itself");
        AnomalyModel forest = AnomalyTrainer.train(shoppers(60, 40, 3), Algorithm.ISOLATION_FOREST, 5);
        AnomalyModel.Contribution ablated = forest.explain(stuffer(), null, 1).getFirst();
        assertTrue(ablated.contribution() > 0, "setting the top feature to the median lowers the score: " + ablated);
        assertTrue(first.value() > first.peersP99(), first.toString());
        assertTrue(first.description().contains(" in "), first.description());
    }

    @Test
    void shouldJudgeAKnownBusyClientByItsOwnRangeToo() {
        List<AnomalyTrainer.Example> train = new ArrayList<>(shoppers(200, 240, 4));
        // A partner: 200 requests every minute for 4 hours, far above every shopper.
        MultiScaleFeatures partner = new MultiScaleFeatures();
        for (int m = 0; m < 240; m++) {
            for (int i = 0; i < 200; i++) {
                Snapshot s = partner.add(T0 + m * MINUTE + i * 300, "/api/v1/orders", "/api/v1/orders", null, "GET",
                        200, 900L, "partner/1.0", false);
                if (s != null) {
                    train.add(new AnomalyTrainer.Example("user:partner", s));
                }
            }
        }
        AnomalyModel m = AnomalyTrainer.train(train, Algorithm.ROBUST_Z, 5);
        MultiScaleFeatures next = new MultiScaleFeatures();
        for (int i = 0; i < 200; i++) {
            next.add(T0 + 300 * MINUTE + i * 300, "/api/v1/orders", "/api/v1/orders", null, "GET", 200, 900L,
                    "partner/1.0", false);
        }
        Snapshot usual = next.finish();
        assertTrue(m.score(usual, "user:partner").score() <= m.threshold(1), "the partner being itself");
        assertTrue(m.score(usual, "ip:203.0.113.9").score() > m.score(usual, "user:partner").score(),
                "a stranger doing the same is stranger");
    }

    @Test
    void shouldScoreTheSameAfterASaveAndALoadAndReadTheHeaderAlone() throws Exception {
        for (Algorithm a : Algorithm.values()) {
            AnomalyModel m = AnomalyTrainer.train(shoppers(40, 30, 5), a, 5).withVersion(7);
            Path file = dir.resolve(a.id() + ".model");
            m.save(file);
            AnomalyModel back = AnomalyModel.load(file);
            assertEquals(m.score(stuffer()), back.score(stuffer()));
            assertEquals(m.score(shopperMinute(9)), back.score(shopperMinute(9)));
            AnomalyModel.Header h = AnomalyModel.readHeader(file);
            assertEquals(7, h.version());
            assertEquals(a, h.algorithm());
            assertEquals(FeatureSpace.NAMES, h.features());
            assertEquals(m.threshold(1), back.threshold(1));
            assertEquals(m.header().reference(), h.reference());
            AnomalyModel fromBytes = AnomalyModel.fromBytes(m.toBytes(), "record 3");
            assertEquals(m.score(stuffer()), fromBytes.score(stuffer()));
        }
    }

    @Test
    void shouldRefuseBytesThatAreNotAModelOrAreTruncatedWithTheReason() throws IOException {
        AnomalyModelException notModel = assertThrows(AnomalyModelException.class,
                () -> AnomalyModel.fromBytes("hello".getBytes(), "record 1"));
        assertEquals("record 1 is not a Gatewatch anomaly model (it does not start with 'gatewatch-anomaly-model')",
                notModel.getMessage());
        byte[] whole = AnomalyTrainer.train(shoppers(50, 30, 6), Algorithm.ROBUST_Z, 5).toBytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        AnomalyModelException truncated = assertThrows(AnomalyModelException.class,
                () -> AnomalyModel.fromBytes(cut, "record 2"));
        assertEquals("record 2 is truncated or corrupt: retrain it with ./detector train", truncated.getMessage());
        Path absent = dir.resolve("absent.model");
        assertEquals("model file " + absent + " does not exist: train one with ./detector train",
                assertThrows(AnomalyModelException.class, () -> AnomalyModel.load(absent)).getMessage());
        Files.writeString(dir.resolve("x"), "x");
    }

    @Test
    void shouldRefuseToTrainOnFewerThanTwoSnapshots() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnomalyTrainer.train(List.of(), Algorithm.ROBUST_Z, 5));
        assertEquals("need at least 2 snapshots to train, got 0", e.getMessage());
    }
}
