package io.gatewatch.schema;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The contracts carry times as ISO-8601 UTC with exactly three fraction digits. Every event passes
 * through {@link #format} and {@link #parse} once (the events topic), so both have a hand-written
 * fast path for that exact shape, years 1 to 9999, and fall back to {@code java.time} for anything
 * else: the results are the same as {@link #ISO_MILLIS} and {@link Instant#parse} give.
 */
public final class Timestamps {
    public static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final int ISO_MILLIS_LENGTH = 24;
    private static final long MIN_FAST_SECOND = -62_135_596_800L; // 0001-01-01T00:00:00Z
    private static final long MAX_FAST_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private Timestamps() {
    }

    public static Instant toMillis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, as {@link #ISO_MILLIS} writes it. */
    public static String format(Instant t) {
        byte[] b = new byte[ISO_MILLIS_LENGTH];
        if (!formatAscii(t, b, 0)) {
            return ISO_MILLIS.format(t);
        }
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the 24 ASCII bytes {@link #format} would return into b at the offset; false (and nothing
     * written) for years outside 1 to 9999, where {@link #ISO_MILLIS} decides the text.
     */
    static boolean formatAscii(Instant t, byte[] b, int at) {
        long second = t.getEpochSecond();
        if (second < MIN_FAST_SECOND || second > MAX_FAST_SECOND) {
            return false;
        }
        long day = Math.floorDiv(second, 86_400);
        int secondOfDay = (int) Math.floorMod(second, 86_400);
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm), proleptic Gregorian as java.time.
        long z = day + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int mp = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);
        digits(b, at, year, 4);
        b[at + 4] = '-';
        digits(b, at + 5, month, 2);
        b[at + 7] = '-';
        digits(b, at + 8, dayOfMonth, 2);
        b[at + 10] = 'T';
        digits(b, at + 11, secondOfDay / 3600, 2);
        b[at + 13] = ':';
        digits(b, at + 14, secondOfDay / 60 % 60, 2);
        b[at + 16] = ':';
        digits(b, at + 17, secondOfDay % 60, 2);
        b[at + 19] = '.';
        digits(b, at + 20, t.getNano() / 1_000_000, 3);
        b[at + 23] = 'Z';
        return true;
    }

    /**
     * An ISO-8601 instant, as {@link Instant#parse} reads it; the contracts' own shape
     * ({@code 2025-03-01T12:00:00.123Z}) without the general parser.
     *
     * @throws DateTimeParseException when it is not one
     */
    public static Instant parse(CharSequence text) {
        if (text.length() == ISO_MILLIS_LENGTH) {
            Instant fast = parseIsoMillis(text);
            if (fast != null) {
                return fast;
            }
        }
        return Instant.parse(text);
    }

    private static Instant parseIsoMillis(CharSequence s) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        int millis = number(s, 20, 3);
        if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || millis < 0) {
            return null; // includes a non-digit (-1): let java.time give its exact error or reading
        }
        try {
            if (day > java.time.Month.of(month).length(Year.isLeap(year))) {
                return null;
            }
        } catch (DateTimeException e) {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** The decimal number in s[from, from+n), or -1 if a character is not a digit. */
    private static int number(CharSequence s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
