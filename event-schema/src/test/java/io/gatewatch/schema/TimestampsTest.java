package io.gatewatch.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final long MIN = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX = Instant.parse("9999-12-31T23:59:59.999Z").getEpochSecond();

    @Test
    void shouldFormatExactlyAsTheIsoMillisPatternAcrossTheWholeRange() {
        SplittableRandom random = new SplittableRandom(1);
        List<Instant> edges = List.of(Instant.EPOCH, Instant.ofEpochMilli(-1), Instant.parse("2024-02-29T23:59:59.999Z"),
                Instant.parse("2000-03-01T00:00:00Z"), Instant.parse("1900-02-28T12:00:00.001Z"),
                Instant.ofEpochSecond(MIN), Instant.ofEpochSecond(MAX, 999_000_000), Instant.ofEpochSecond(MIN - 1),
                Instant.ofEpochSecond(MAX + 1), Instant.parse("-0001-06-01T00:00:00Z"), Instant.parse("+12345-01-01T00:00:00Z"));
        for (Instant t : edges) {
            assertEquals(Timestamps.ISO_MILLIS.format(t), Timestamps.format(t), t.toString());
        }
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(MIN, MAX + 1), random.nextInt(1000) * 1_000_000L);
            assertEquals(Timestamps.ISO_MILLIS.format(t), Timestamps.format(t), t.toString());
        }
    }

    @Test
    void shouldParseWhatInstantParseReadsAndRefuseWhatItRefuses() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(MIN, MAX + 1), random.nextInt(1000) * 1_000_000L);
            String text = Timestamps.format(t);
            assertEquals(Instant.parse(text), Timestamps.parse(text), text);
        }
        for (String other : List.of("2025-03-01T12:00:00Z", "2025-03-01T12:00:00.123456Z", "2016-12-31T23:59:60.000Z",
                "2025-03-01T12:00:00.123+01:00", "0000-01-01T00:00:00.000Z", "2024-02-29T00:00:00.000Z",
                "2025-03-01T24:00:00.000Z")) {
            assertEquals(Instant.parse(other), Timestamps.parse(other), other);
        }
        for (String bad : List.of("2025-02-29T00:00:00.000Z", "2025-13-01T00:00:00.000Z", "2025-04-31T00:00:00.000Z",
                "2025-03-01 12:00:00.000Z", "2025-03-01T12:00:00.0a0Z", "yesterday", "")) {
            DateTimeParseException expected = assertThrows(DateTimeParseException.class, () -> Instant.parse(bad));
            DateTimeParseException got = assertThrows(DateTimeParseException.class, () -> Timestamps.parse(bad));
            assertEquals(expected.getMessage(), got.getMessage());
        }
    }
}
