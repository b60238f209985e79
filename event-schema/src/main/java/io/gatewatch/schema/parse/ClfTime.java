package io.gatewatch.schema.parse;

/**
 * The Common Log Format time {@code 10/Oct/2000:13:55:36 -0700}, read by hand: a DateTimeFormatter
 * costs several allocations and a ParsePosition per line, this costs none.
 */
final class ClfTime {
    /** Returned for anything that is not a CLF time; no real log line is dated at this instant. */
    static final long INVALID = Long.MIN_VALUE;

    /** Characters in {@code dd/Mon/yyyy:HH:mm:ss +zzzz}. */
    static final int LENGTH = 26;

    private ClfTime() {
    }

    /** Epoch milliseconds of the CLF time starting at {@code from}, or {@link #INVALID}. */
    static long parseMillis(CharSequence s, int from, int to) {
        if (from < 0 || to > s.length() || to - from < LENGTH - 6) {
            return INVALID;
        }
        int day = twoDigits(s, from);
        if (day < 1 || s.charAt(from + 2) != '/') {
            return INVALID;
        }
        int month = month(s.charAt(from + 3), s.charAt(from + 4), s.charAt(from + 5));
        if (month == 0 || s.charAt(from + 6) != '/') {
            return INVALID;
        }
        int year = fourDigits(s, from + 7);
        if (year < 0 || s.charAt(from + 11) != ':') {
            return INVALID;
        }
        int hour = twoDigits(s, from + 12);
        int minute = s.charAt(from + 14) == ':' ? twoDigits(s, from + 15) : -1;
        int second = s.charAt(from + 17) == ':' ? twoDigits(s, from + 18) : -1;
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60
                || day > daysInMonth(year, month)) {
            return INVALID;
        }
        int i = from + 20;
        int millis = 0;
        if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            // Some Apache configs append %{msec_frac}t; keep the milliseconds, ignore finer digits.
            i++;
            int digits = 0;
            while (i < to && isDigit(s.charAt(i))) {
                if (digits < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                digits++;
                i++;
            }
            if (digits == 0) {
                return INVALID;
            }
            for (int d = digits; d < 3; d++) {
                millis *= 10;
            }
        }
        int offsetSeconds = 0;
        if (i < to && s.charAt(i) == ' ') {
            if (i + 6 > to) {
                return INVALID;
            }
            char sign = s.charAt(i + 1);
            int oh = twoDigits(s, i + 2);
            int om = twoDigits(s, i + 4);
            if ((sign != '+' && sign != '-') || oh < 0 || oh > 18 || om < 0 || om > 59) {
                return INVALID;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
        }
        long days = daysFromCivil(year, month, day);
        long localSeconds = days * 86_400L + hour * 3600L + minute * 60L + Math.min(second, 59);
        return (localSeconds - offsetSeconds) * 1000L + millis;
    }

    /** Howard Hinnant's days-from-civil: proleptic Gregorian date to days since 1970-01-01. */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int mp = (month + 9) % 12;
        int doy = (153 * mp + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    static int month(char a, char b, char c) {
        int key = (Character.toLowerCase(a) << 16) | (Character.toLowerCase(b) << 8) | Character.toLowerCase(c);
        return switch (key) {
            case ('j' << 16) | ('a' << 8) | 'n' -> 1;
            case ('f' << 16) | ('e' << 8) | 'b' -> 2;
            case ('m' << 16) | ('a' << 8) | 'r' -> 3;
            case ('a' << 16) | ('p' << 8) | 'r' -> 4;
            case ('m' << 16) | ('a' << 8) | 'y' -> 5;
            case ('j' << 16) | ('u' << 8) | 'n' -> 6;
            case ('j' << 16) | ('u' << 8) | 'l' -> 7;
            case ('a' << 16) | ('u' << 8) | 'g' -> 8;
            case ('s' << 16) | ('e' << 8) | 'p' -> 9;
            case ('o' << 16) | ('c' << 8) | 't' -> 10;
            case ('n' << 16) | ('o' << 8) | 'v' -> 11;
            case ('d' << 16) | ('e' << 8) | 'c' -> 12;
            default -> 0;
        };
    }

    static int twoDigits(CharSequence s, int i) {
        if (i + 1 >= s.length()) {
            return -1;
        }
        char a = s.charAt(i);
        char b = s.charAt(i + 1);
        return isDigit(a) && isDigit(b) ? (a - '0') * 10 + (b - '0') : -1;
    }

    static int fourDigits(CharSequence s, int i) {
        int hi = twoDigits(s, i);
        int lo = twoDigits(s, i + 2);
        return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
