package io.gatewatch.schema.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "250ms, PT0.25S", "90s, PT1M30S", "5m, PT5M", "1h30m, PT1H30M", "2d, PT48H", "1d2h3m4s5ms, PT26H3M4.005S",
            "PT90S, PT1M30S", "pt90s, PT1M30S", "P1D, PT24H", "' 30 s ', PT30S", "0s, PT0S", "10m30s, PT10M30S"})
    void shouldReadTheShortFormAndIso8601(String text, String iso) {
        assertEquals(Duration.parse(iso), Durations.parse(text).orElseThrow(), text);
        assertNull(Durations.problem(text), text);
    }

    @Test
    void shouldRefuseABareNumberNamingTheMissingUnit() {
        assertEquals("a duration needs a unit, e.g. 90s, 5m, 1h30m or PT90S", Durations.problem("90"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parseOrThrow("90"));
        assertEquals("90: a duration needs a unit, e.g. 90s, 5m, 1h30m or PT90S", e.getMessage());
        assertEquals("a duration needs a unit, e.g. 90s, 5m, 1h30m or PT90S", Durations.problem("1.5"));
    }

    @Test
    void shouldRefuseOtherTextsSayingWhatToWrite() {
        assertEquals("not a duration; write e.g. 250ms, 90s, 5m, 1h30m, PT90S or 2d", Durations.problem("10 minutes"));
        assertEquals("not a duration; write e.g. 250ms, 90s, 5m, 1h30m, PT90S or 2d", Durations.problem("30m1h"),
                "units run from the largest down, each once");
        assertEquals("not a duration; write e.g. 250ms, 90s, 5m, 1h30m, PT90S or 2d", Durations.problem(""));
        assertEquals("a duration cannot be negative", Durations.problem("-5m"));
        assertTrue(Durations.parse("-PT5S").isEmpty(), "negative ISO durations are refused");
        assertTrue(Durations.parse("99999999999999d").isEmpty(), "an overflow is not a duration");
    }

    @Test
    void shouldFormatInTheLargestWholeUnit() {
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("10m", Durations.format(Duration.ofMinutes(10)));
        assertEquals("2h", Durations.format(Duration.ofHours(2)));
        assertEquals("1d", Durations.format(Duration.ofDays(1)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }

    @Test
    void shouldAgreeWithTheSchemaPattern() {
        java.util.regex.Pattern schema = java.util.regex.Pattern.compile(Durations.SCHEMA_PATTERN);
        for (String ok : new String[] {"250ms", "90s", "5m", "1h30m", "2d", "PT90S", " 30 s "}) {
            assertTrue(schema.matcher(ok).find(), ok);
        }
        for (String bad : new String[] {"90", "10 minutes", "", "30m1h"}) {
            assertTrue(!schema.matcher(bad).find(), bad);
        }
    }
}
