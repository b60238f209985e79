package io.gatewatch.models.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingQuantilesTest {

    @Test
    void shouldWeighClientsNotMinutesSoThatOneBusyClientIsNotThePeers() {
        // 99 clients with one minute at 1, one client busy all day with 900 minutes at 100
        double[] values = new double[999];
        double[] weights = new double[999];
        for (int i = 0; i < 999; i++) {
            values[i] = i < 99 ? 1 : 100;
            weights[i] = i < 99 ? 1.0 : 1.0 / 900;
        }
        TrainingQuantiles byClient = TrainingQuantiles.of(List.of(values), List.of(weights));
        TrainingQuantiles byMinute = TrainingQuantiles.of(List.of(values));
        assertEquals(1, byClient.median(0));
        assertEquals(100, byMinute.median(0), "minute-weighted, the busy client is the median");
        assertEquals(100, byClient.max(0));
    }

    @Test
    void shouldMeasureAValueInSpreadsAboveThePeersMedianWithAFloor() {
        double[] flat = new double[100];
        java.util.Arrays.fill(flat, 1.0);
        TrainingQuantiles q = TrainingQuantiles.of(List.of(flat));
        int userAgents = FeatureSpace.index(Scale.MINUTE, Feature.USER_AGENTS);
        // Every peer has one user agent: spread floors at 1, so 4 agents are 3 spreads above, not infinity.
        TrainingQuantiles wide = new TrainingQuantiles(fill(1), fill(1), fill(1), fill(1));
        assertEquals(3.0, wide.relative(userAgents, 4.0));
        assertEquals(0.0, q.relative(0, 1.0));
    }

    private static double[] fill(double v) {
        double[] a = new double[FeatureSpace.DIMENSION];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
