package io.gatewatch.schema.parse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The time spellings JSON access logs use: ISO-8601 with zone, CLF, epoch seconds or milliseconds. */
final class Times {
    /** Epoch values above this are milliseconds (it is 5138 as seconds, 1973 as milliseconds). */
    private static final double MILLIS_THRESHOLD = 1e11;
    /** Above this, microseconds; above 1e17, nanoseconds. */
    private static final double MICROS_THRESHOLD = 1e14;
    private static final double NANOS_THRESHOLD = 1e17;

    private Times() {
    }

    /** The instant written in {@code text}, or null when it is none of the known spellings. */
    static Instant parse(String text) {
        if (text == null || text.isEmpty() || text.equals("-")) {
            return null;
        }
        char first = text.charAt(0);
        if (!ClfTime.isDigit(first)) {
            return null;
        }
        if (text.length() >= 20 && text.charAt(2) == '/') {
            long millis = ClfTime.parseMillis(text, 0, text.length());
            return millis == ClfTime.INVALID ? null : Instant.ofEpochMilli(millis);
        }
        if (SyslogPrefix.isIsoDate(text, 0, text.length())) {
            try {
                return OffsetDateTime.parse(withColonInOffset(text)).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        double epoch = Text.parseDecimal(text, 0, text.length());
        return Double.isNaN(epoch) ? null : epoch(epoch);
    }

    /** An epoch number in seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude. */
    static Instant epoch(double value) {
        if (Double.isNaN(value) || value < 0 || value > 9e18) {
            return null;
        }
        if (value >= NANOS_THRESHOLD) {
            return Instant.ofEpochMilli((long) (value / 1e6));
        }
        if (value >= MICROS_THRESHOLD) {
            return Instant.ofEpochMilli((long) (value / 1e3));
        }
        if (value >= MILLIS_THRESHOLD) {
            return Instant.ofEpochMilli((long) value);
        }
        return Instant.ofEpochMilli(Math.round(value * 1000.0));
    }

    /** {@code 2021-11-12T16:59:45+0000} (Fastly, strftime %z) as ISO-8601 wants it: {@code +00:00}. */
    private static String withColonInOffset(String t) {
        int n = t.length();
        if (n > 5 && (t.charAt(n - 5) == '+' || t.charAt(n - 5) == '-') && ClfTime.fourDigits(t, n - 4) >= 0) {
            return t.substring(0, n - 2) + ":" + t.substring(n - 2);
        }
        return t;
    }
}
