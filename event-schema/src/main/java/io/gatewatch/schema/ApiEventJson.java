package io.gatewatch.schema;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * ApiEvent v1 JSON by hand, for the events topic, where every event is written once and read once.
 * {@link #write} produces the bytes Jackson data binding produces for the record (field order, nulls,
 * escapes, number forms); {@link #read} reads exactly that canonical shape and returns null for
 * anything else (non-ASCII bytes, another field order, spaces, {@code "NaN"}), so that the caller can
 * hand it to data binding and behaviour stays data binding's.
 */
final class ApiEventJson {
    private static final String[] NAMES = {"ts", "gateway", "client_ip", "api_key_hash", "user", "user_agent", "method",
        "host", "path", "query", "route", "status", "bytes_out", "bytes_in", "latency_ms", "request_id"};
    /** {@code {"ts":}, then {@code ,"gateway":} and so on: what precedes each value. */
    private static final byte[][] PREFIXES = new byte[NAMES.length][];
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /**
     * Jackson's escapes for ASCII: 0 for a character written as it is, its letter for the short forms
     * (quote, backslash, b t n f r), -1 for the six-character unicode escape of the other controls.
     */
    private static final byte[] ESCAPES = new byte[0x80];
    /** Bytes every event has: field names, punctuation, the quotes around ts, the closing brace. */
    private static final int FIXED;

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        int fixed = 3;
        for (int i = 0; i < NAMES.length; i++) {
            PREFIXES[i] = ((i == 0 ? "{\"" : ",\"") + NAMES[i] + "\":").getBytes(StandardCharsets.US_ASCII);
            fixed += PREFIXES[i].length;
        }
        FIXED = fixed;
    }

    private ApiEventJson() {
    }

    /**
     * The JSON bytes, as data binding writes them, in one pass into an array sized for the common case
     * (ASCII text that needs no escape), which is then returned as it is.
     */
    static byte[] write(ApiEvent e) {
        String status = e.status() == null ? null : Integer.toString(e.status());
        String bytesOut = e.bytesOut() == null ? null : Long.toString(e.bytesOut());
        String bytesIn = e.bytesIn() == null ? null : Long.toString(e.bytesIn());
        Double latencyValue = e.latencyMs();
        String latency = latencyValue == null ? null : Double.toString(latencyValue);
        // Jackson quotes non-numeric numbers (NaN, Infinity) by default.
        boolean quotedLatency = latencyValue != null && !Double.isFinite(latencyValue);
        int expected = FIXED + Timestamps.ISO_MILLIS_LENGTH + textLength(e.gateway()) + textLength(e.clientIp())
                + textLength(e.apiKeyHash()) + textLength(e.user()) + textLength(e.userAgent()) + textLength(e.method())
                + textLength(e.host()) + textLength(e.path()) + textLength(e.query()) + textLength(e.route())
                + textLength(e.requestId()) + plainLength(status) + plainLength(bytesOut) + plainLength(bytesIn)
                + plainLength(latency) + (quotedLatency ? 2 : 0);
        Out out = new Out(expected);
        out.raw(PREFIXES[0]);
        out.byteOf('"');
        out.timestamp(e.ts());
        out.byteOf('"');
        out.text(1, e.gateway());
        out.text(2, e.clientIp());
        out.text(3, e.apiKeyHash());
        out.text(4, e.user());
        out.text(5, e.userAgent());
        out.text(6, e.method());
        out.text(7, e.host());
        out.text(8, e.path());
        out.text(9, e.query());
        out.text(10, e.route());
        out.plain(11, status);
        out.plain(12, bytesOut);
        out.plain(13, bytesIn);
        if (quotedLatency) {
            out.raw(PREFIXES[14]);
            out.byteOf('"');
            out.ascii(latency);
            out.byteOf('"');
        } else {
            out.plain(14, latency);
        }
        out.text(15, e.requestId());
        out.byteOf('}');
        return out.done();
    }

    private static int plainLength(String s) {
        return s == null ? NULL.length : s.length();
    }

    /** Its length as written when it is ASCII and needs no escape, as nearly all are. */
    private static int textLength(String s) {
        return s == null ? NULL.length : s.length() + 2;
    }

    /** The event, or null when the bytes are not exactly the canonical shape {@link #write} makes. */
    static ApiEvent read(byte[] b) {
        In in = new In(b);
        if (!in.expect(PREFIXES[0])) {
            return null;
        }
        String ts = in.string();
        if (ts == null || ts == In.NULL_TEXT) {
            return null;
        }
        ApiEvent.Builder e = ApiEvent.builder();
        String[] texts = new String[11];
        for (int i = 1; i <= 10; i++) {
            if (!in.expect(PREFIXES[i]) || (texts[i] = in.string()) == null) {
                return null;
            }
        }
        if (!in.expect(PREFIXES[11])) {
            return null;
        }
        long status = in.integer();
        if (status == In.BAD || (status != In.NULL_NUMBER && (status < Integer.MIN_VALUE || status > Integer.MAX_VALUE))
                || !in.expect(PREFIXES[12])) {
            return null;
        }
        long bytesOut = in.integer();
        if (bytesOut == In.BAD || !in.expect(PREFIXES[13])) {
            return null;
        }
        long bytesIn = in.integer();
        if (bytesIn == In.BAD || !in.expect(PREFIXES[14])) {
            return null;
        }
        Double latency = in.decimal();
        if (latency.isNaN() || !in.expect(PREFIXES[15])) {
            return null;
        }
        String requestId = in.string();
        if (requestId == null || !in.end()) {
            return null;
        }
        try {
            e.ts(Timestamps.parse(ts));
        } catch (java.time.format.DateTimeParseException ex) {
            return null;
        }
        return e.gateway(In.text(texts[1])).clientIp(In.text(texts[2])).apiKeyHash(In.text(texts[3]))
                .user(In.text(texts[4])).userAgent(In.text(texts[5])).method(In.text(texts[6])).host(In.text(texts[7]))
                .path(In.text(texts[8])).query(In.text(texts[9])).route(In.text(texts[10]))
                .status(status == In.NULL_NUMBER ? null : (int) status)
                .bytesOut(bytesOut == In.NULL_NUMBER ? null : bytesOut)
                .bytesIn(bytesIn == In.NULL_NUMBER ? null : bytesIn)
                .latencyMs(latency == In.NULL_DECIMAL ? null : latency)
                .requestId(In.text(requestId)).build();
    }

    /** Writes JSON as Jackson's UTF-8 generator does, into an array that grows only for escapes. */
    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int expectedSize) {
            buf = new byte[expectedSize];
        }

        void raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void byteOf(char c) {
            ensure(1);
            buf[size++] = (byte) c;
        }

        void ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[size++] = (byte) s.charAt(i);
            }
        }

        void timestamp(Instant t) {
            ensure(Timestamps.ISO_MILLIS_LENGTH);
            if (Timestamps.formatAscii(t, buf, size)) {
                size += Timestamps.ISO_MILLIS_LENGTH;
            } else {
                ascii(Timestamps.format(t));
            }
        }

        /** A number field: its text, or null. */
        void plain(int field, String s) {
            raw(PREFIXES[field]);
            if (s == null) {
                raw(NULL);
            } else {
                ascii(s);
            }
        }

        void text(int field, String value) {
            raw(PREFIXES[field]);
            if (value == null) {
                raw(NULL);
                return;
            }
            int n = value.length();
            ensure(n + 2);
            buf[size++] = '"';
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c < 0x80 && ESCAPES[c] == 0) {
                    buf[size++] = (byte) c;
                    continue;
                }
                ensure(6 + n - i); // this character takes at most six bytes, each after it at least one
                if (c < 0x80) {
                    if (ESCAPES[c] > 0) {
                        buf[size++] = '\\';
                        buf[size++] = ESCAPES[c];
                    } else {
                        unicodeEscape(c);
                    }
                } else if (c < 0x800) {
                    buf[size++] = (byte) (0xC0 | c >> 6);
                    buf[size++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isSurrogate(c)) {
                    unicodeEscape(c); // Jackson 2 escapes each half rather than combining a pair into UTF-8
                } else {
                    buf[size++] = (byte) (0xE0 | c >> 12);
                    buf[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                    buf[size++] = (byte) (0x80 | c & 0x3F);
                }
            }
            buf[size++] = '"';
        }

        private void unicodeEscape(char c) {
            buf[size++] = '\\';
            buf[size++] = 'u';
            buf[size++] = HEX[c >> 12];
            buf[size++] = HEX[c >> 8 & 0xF];
            buf[size++] = HEX[c >> 4 & 0xF];
            buf[size++] = HEX[c & 0xF];
        }

        private void ensure(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        byte[] done() {
            return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }
    }

    /** A strict reader of the canonical shape: anything unexpected reads as "not canonical". */
    private static final class In {
        /** A JSON null where a string may be; compared by identity. */
        static final String NULL_TEXT = new String("null");
        static final long NULL_NUMBER = Long.MIN_VALUE;
        static final long BAD = Long.MIN_VALUE + 1;
        static final Double NULL_DECIMAL = Double.valueOf(Double.NEGATIVE_INFINITY);
        private final byte[] b;
        private int i;

        In(byte[] b) {
            this.b = b;
        }

        static String text(String s) {
            return s == NULL_TEXT ? null : s;
        }

        boolean expect(byte[] prefix) {
            if (i + prefix.length > b.length) {
                return false;
            }
            for (byte p : prefix) {
                if (b[i++] != p) {
                    return false;
                }
            }
            return true;
        }

        boolean end() {
            return i == b.length - 1 && b[i] == '}';
        }

        private boolean isNull() {
            if (i + 4 <= b.length && b[i] == 'n' && b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l') {
                i += 4;
                return true;
            }
            return false;
        }

        /** A string, {@link #NULL_TEXT} for null, or null when it is neither or holds non-ASCII. */
        String string() {
            if (isNull()) {
                return NULL_TEXT;
            }
            if (i >= b.length || b[i] != '"') {
                return null;
            }
            int start = ++i;
            boolean escaped = false;
            while (i < b.length) {
                byte c = b[i];
                if (c == '"') {
                    String s = escaped ? unescape(start, i) : new String(b, start, i - start, StandardCharsets.ISO_8859_1);
                    i++;
                    return s;
                }
                if (c < 0x20) {
                    return null; // a raw control character (not JSON), or a non-ASCII byte (negative): data binding decodes it
                }
                if (c == '\\') {
                    escaped = true;
                    i++;
                }
                i++;
            }
            return null;
        }

        private String unescape(int from, int to) {
            StringBuilder s = new StringBuilder(to - from);
            for (int k = from; k < to; k++) {
                char c = (char) b[k];
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char e = (char) b[++k];
                switch (e) {
                    case '"', '\\', '/' -> s.append(e);
                    case 'b' -> s.append('\b');
                    case 't' -> s.append('\t');
                    case 'n' -> s.append('\n');
                    case 'f' -> s.append('\f');
                    case 'r' -> s.append('\r');
                    case 'u' -> {
                        if (k + 4 >= to) {
                            return null;
                        }
                        int v = 0;
                        for (int h = 1; h <= 4; h++) {
                            int d = Character.digit((char) b[k + h], 16);
                            if (d < 0) {
                                return null;
                            }
                            v = v << 4 | d;
                        }
                        s.append((char) v);
                        k += 4;
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return s.toString();
        }

        /** A whole number, {@link #NULL_NUMBER} for null, or {@link #BAD}. */
        long integer() {
            if (isNull()) {
                return NULL_NUMBER;
            }
            boolean negative = i < b.length && b[i] == '-';
            if (negative) {
                i++;
            }
            int start = i;
            long v = 0;
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                if (i - start >= 18) {
                    return BAD; // 19 digits may overflow: let data binding decide
                }
                v = v * 10 + (b[i++] - '0');
            }
            if (i == start || (b[start] == '0' && i - start > 1)) {
                return BAD;
            }
            return negative ? -v : v;
        }

        /** A number, {@link #NULL_DECIMAL} for null, or NaN when unreadable. */
        Double decimal() {
            if (isNull()) {
                return NULL_DECIMAL;
            }
            int start = i;
            while (i < b.length && (b[i] >= '0' && b[i] <= '9' || b[i] == '-' || b[i] == '.' || b[i] == 'E'
                    || b[i] == 'e' || b[i] == '+')) {
                i++;
            }
            if (i == start) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }
}
