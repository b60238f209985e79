package io.gatewatch.schema.parse;

/** Small scanning helpers shared by the text-format parsers; all take a string and a [from, to) range. */
public final class Text {
    private Text() {
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B;
    }

    static int skipSpaces(String s, int i, int to) {
        while (i < to && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static int tokenEnd(String s, int i, int to) {
        while (i < to && !isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index of the quote closing a quoted field whose content starts at {@code i}, or -1; a backslash escapes one character. */
    static int closingQuote(String s, int i, int to) {
        while (i < to) {
            char c = s.charAt(i);
            if (c == '"') {
                return i;
            }
            i += c == '\\' ? 2 : 1;
        }
        return -1;
    }

    /** True when [from, to) is exactly {@code -}: the CLF spelling of "not logged". */
    static boolean isDash(String s, int from, int to) {
        return to - from == 1 && s.charAt(from) == '-';
    }

    /**
     * The text of a logged field with the loggers' escapes undone: Apache's {@code \"} and {@code \\},
     * and nginx's {@code \xHH} where HH is printable ASCII (nginx writes a quote as {@code \x22}). Other
     * {@code \xHH} (binary) stay as written, so the value remains valid text. No copy without a backslash.
     */
    static String unescape(String s, int from, int to) {
        int bs = s.indexOf('\\', from);
        if (bs < 0 || bs >= to) {
            return from == 0 && to == s.length() ? s : s.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        out.append(s, from, bs);
        int i = bs;
        while (i < to) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= to) {
                out.append(c);
                i++;
                continue;
            }
            char next = s.charAt(i + 1);
            if (next == '"' || next == '\\') {
                out.append(next);
                i += 2;
            } else if (next == 'x' && i + 3 < to) {
                int hi = Character.digit(s.charAt(i + 2), 16);
                int lo = Character.digit(s.charAt(i + 3), 16);
                int value = hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
                if (value >= 0x20 && value < 0x7F) {
                    out.append((char) value);
                    i += 4;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** A non-negative decimal integer of 1 to 18 digits, or -1. */
    public static long parseLong(String s, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A non-negative decimal like {@code 0.123} or {@code 12}, or NaN; no exponent, no sign. */
    static double parseDecimal(String s, int from, int to) {
        if (to <= from || to - from > 24) {
            return Double.NaN;
        }
        long whole = 0;
        long fraction = 0;
        long scale = 1;
        boolean dot = false;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
            } else if (c >= '0' && c <= '9') {
                digits++;
                if (digits > 17) {
                    return Double.NaN;
                }
                if (dot) {
                    fraction = fraction * 10 + (c - '0');
                    scale *= 10;
                } else {
                    whole = whole * 10 + (c - '0');
                }
            } else {
                return Double.NaN;
            }
        }
        return digits == 0 ? Double.NaN : whole + (double) fraction / scale;
    }

    /** The host without a trailing {@code :port}; bracketed IPv6 loses its brackets, bare IPv6 is kept whole. */
    static String stripPort(String hostAndPort) {
        if (hostAndPort == null || hostAndPort.isEmpty()) {
            return hostAndPort;
        }
        String hostPort = Credentials.stripUserInfo(hostAndPort);
        if (hostPort.charAt(0) == '[') {
            int close = hostPort.indexOf(']');
            return close > 1 ? hostPort.substring(1, close) : hostPort;
        }
        int colon = hostPort.indexOf(':');
        if (colon < 0 || hostPort.indexOf(':', colon + 1) >= 0) {
            return hostPort;
        }
        return parseLong(hostPort, colon + 1, hostPort.length()) >= 0 ? hostPort.substring(0, colon) : hostPort;
    }

    /** Index of the {@code ]} closing an RFC 5424 SD-ELEMENT whose content starts at {@code i}, or -1. */
    static int closingSdElement(String s, int i, int to) {
        while (i < to) {
            char c = s.charAt(i);
            if (c == ']') {
                return i;
            }
            i += c == '\\' ? 2 : 1;
        }
        return -1;
    }

    /** Control characters replaced by {@code ?}: a rejection reason must stay one printable line. */
    static String printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                StringBuilder out = new StringBuilder(s.length()).append(s, 0, i);
                for (int j = i; j < s.length(); j++) {
                    char d = s.charAt(j);
                    out.append(d < 0x20 || d == 0x7F ? '?' : d);
                }
                return out.toString();
            }
        }
        return s;
    }
}
