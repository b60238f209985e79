package io.gatewatch.models.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeasonalBaselineTest {
    /** Monday 2026-01-12 00:00 UTC, in epoch minutes. */
    private static final long MONDAY = Instant.parse("2026-01-12T00:00:00Z").getEpochSecond() / 60;

    @Test
    void shouldNumberHoursOfTheWeekFromMondayMidnightUtc() {
        assertEquals(0, SeasonalBaseline.slot(MONDAY));
        assertEquals(0, SeasonalBaseline.slot(MONDAY + 59));
        assertEquals(1, SeasonalBaseline.slot(MONDAY + 60));
        assertEquals(24 + 9, SeasonalBaseline.slot(MONDAY + (24 + 9) * 60 + 30));
        assertEquals(167, SeasonalBaseline.slot(MONDAY - 1));
    }

    @Test
    void shouldExpectTheSlotsOwnLevelOnceItHasHistoryAndTheOverallOneBefore() {
        SeasonalBaseline b = new SeasonalBaseline(0.05);
        // a quiet night hour (10 a minute), then a busy morning hour (100 a minute), one week
        for (int m = 0; m < 60; m++) {
            b.learn(MONDAY + m, 10);
        }
        for (int m = 60; m < 120; m++) {
            b.learn(MONDAY + m, 100);
        }
        SeasonalBaseline.Expected night = b.expected(MONDAY + 7 * 24 * 60 + 5, 30, 30);
        assertEquals(SeasonalBaseline.Source.HOUR_OF_WEEK, night.source());
        assertEquals(10, night.value(), 1e-6);
        SeasonalBaseline.Expected morning = b.expected(MONDAY + 7 * 24 * 60 + 65, 30, 30);
        assertEquals(100, morning.value(), 1e-6);
        SeasonalBaseline.Expected unseen = b.expected(MONDAY + 5 * 60, 30, 30);
        assertEquals(SeasonalBaseline.Source.OVERALL, unseen.source(), "an hour never seen falls back to the overall EWMA");
        assertEquals(SeasonalBaseline.Source.NONE, new SeasonalBaseline(0.05).expected(MONDAY, 30, 30).source());
    }

    @Test
    void shouldReadBackWhatItWroteStoringOnlyTheSlotsSeen() {
        SeasonalBaseline b = new SeasonalBaseline(0.05);
        for (int m = 0; m < 90; m++) {
            b.learn(MONDAY + m, m);
        }
        ByteWriter out = new ByteWriter(64);
        b.writeTo(out);
        SeasonalBaseline back = new SeasonalBaseline(0.05).readFrom(new ByteReader(out.toByteArray()));
        assertEquals(b.expected(MONDAY + 10, 30, 30), back.expected(MONDAY + 10, 30, 30));
        assertEquals(b.expected(MONDAY + 70, 30, 30), back.expected(MONDAY + 70, 30, 30));
        assertEquals(b.samples(), back.samples());
        assertTrue(out.size() < 40, "two slots seen, " + out.size() + " bytes");
    }
}
