package io.gatewatch.schema.parse;

/**
 * Finds where the message starts in a line a syslog daemon wrapped around an access-log line:
 * RFC 3164 ({@code Sep 15 16:13:46 host nginx[2869]: ...}), RFC 5424
 * ({@code <171>1 2025-11-05T20:47:03Z host nginx - - - ...}) and rsyslog's high-precision
 * ({@code 2021-11-12T16:59:46.613304+00:00 host tag: ...}). A line without such a prefix is returned
 * unchanged, so callers can always apply it.
 */
final class SyslogPrefix {
    private SyslogPrefix() {
    }

    static int messageStart(String s, int from, int to) {
        int i = from;
        if (i < to && s.charAt(i) == '<') {
            int close = i + 1;
            while (close < to && close - i <= 4 && ClfTime.isDigit(s.charAt(close))) {
                close++;
            }
            if (close >= to || s.charAt(close) != '>' || close == i + 1) {
                return from;
            }
            i = close + 1;
            if (i + 1 < to && s.charAt(i) == '1' && s.charAt(i + 1) == ' ') {
                return rfc5424Message(s, i + 2, to, from);
            }
        }
        if (i + 16 < to && ClfTime.month(s.charAt(i), s.charAt(i + 1), s.charAt(i + 2)) != 0 && s.charAt(i + 3) == ' ') {
            int j = Text.skipSpaces(s, i + 4, to);
            int dayEnd = j;
            while (dayEnd < to && ClfTime.isDigit(s.charAt(dayEnd))) {
                dayEnd++;
            }
            if (dayEnd == j || dayEnd - j > 2 || dayEnd + 9 >= to || s.charAt(dayEnd) != ' '
                    || s.charAt(dayEnd + 3) != ':' || s.charAt(dayEnd + 6) != ':') {
                return from;
            }
            return afterHostAndTag(s, Text.skipSpaces(s, dayEnd + 9, to), to, from);
        }
        if (isIsoDate(s, i, to)) {
            int afterTime = Text.skipSpaces(s, Text.tokenEnd(s, i, to), to);
            return afterHostAndTag(s, afterTime, to, from);
        }
        return i == from ? from : i;
    }

    /** After the time: an optional host, then a tag ending in {@code :}; only a found tag proves syslog. */
    private static int afterHostAndTag(String s, int i, int to, int original) {
        for (int token = 0; token < 2 && i < to; token++) {
            int end = Text.tokenEnd(s, i, to);
            if (s.charAt(end - 1) == ':') {
                return Text.skipSpaces(s, end, to);
            }
            i = Text.skipSpaces(s, end, to);
        }
        return original;
    }

    /** VERSION was consumed; skip TIMESTAMP HOSTNAME APP-NAME PROCID MSGID, then STRUCTURED-DATA. */
    private static int rfc5424Message(String s, int i, int to, int original) {
        for (int field = 0; field < 5; field++) {
            int end = Text.tokenEnd(s, i, to);
            if (end == i || end >= to) {
                return original;
            }
            i = end + 1;
        }
        if (i < to && s.charAt(i) == '-') {
            i++;
        } else {
            while (i < to && s.charAt(i) == '[') {
                int close = Text.closingSdElement(s, i + 1, to);
                if (close < 0) {
                    return original;
                }
                i = close + 1;
            }
        }
        return Text.skipSpaces(s, i, to);
    }

    static boolean isIsoDate(String s, int i, int to) {
        return i + 10 < to && ClfTime.fourDigits(s, i) >= 0 && s.charAt(i + 4) == '-'
                && ClfTime.twoDigits(s, i + 5) >= 0 && s.charAt(i + 7) == '-'
                && ClfTime.twoDigits(s, i + 8) >= 0 && s.charAt(i + 10) == 'T';
    }
}
