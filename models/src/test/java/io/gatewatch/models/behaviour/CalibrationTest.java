package io.gatewatch.models.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void shouldSetTheThresholdAtTheClientDayTheBudgetNoLongerAllows() {
        Calibration c = Calibration.of(new double[] {0.2, 5.0, 1.0, 3.0, 0.5, 2.0}, 2.0);
        assertEquals(5.0, c.threshold(0.0), "no false positive: above the highest held-out client-day");
        assertEquals(5.0, c.threshold(0.4), "0.8 client-days over 2 days rounds down to none");
        assertEquals(3.0, c.threshold(0.5), "one client-day over 2 days may be alerted");
        assertEquals(1.0, c.threshold(1.5));
        assertEquals(0.2, c.threshold(1000), "a budget beyond every client-day stops at the lowest kept");
    }

    @Test
    void shouldKeepOnlyTheHighestScores() {
        double[] many = new double[1000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        Calibration c = Calibration.of(many, 1);
        assertEquals(Calibration.KEPT, c.topClientScores().length);
        assertEquals(List.of(999.0, 998.0), List.of(c.topClientScores()[0], c.topClientScores()[1]));
    }
}
