package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import io.gatewatch.schema.ApiEvent;
import java.time.Instant;

/**
 * The NGINX/Apache {@code combined} and {@code common} access-log formats, the ones both servers write
 * by default:
 * <pre>
 * [vhost[:port]] remote_addr ident remote_user [10/Oct/2000:13:55:36 -0700] "request" status bytes ["referer" "user_agent"] [extras]
 * </pre>
 * Also accepted: a syslog prefix (RFC 3164, RFC 5424, rsyslog ISO), a missing ident or user field, IPv6
 * clients, Apache's {@code \"} and nginx's {@code \xHH} escapes. Of the trailing extras, the first bare
 * decimal with a fraction ({@code 0.123}, nginx {@code $request_time}), {@code rt=0.123} /
 * {@code request_time=0.123}, or a Traefik-style {@code 12ms} becomes {@code latency_ms}; quoted extras
 * (e.g. {@code "$http_x_forwarded_for"}) are skipped, bare integers (Apache {@code %D}, whose unit is
 * not knowable from the line) are ignored. A line cut short inside a quoted field after the size keeps
 * the text written so far (seen in real logs: a user agent without its closing quote). An API key in
 * the query ({@code ?apikey=}, {@code ?api_key=}, {@code ?key=}, ...) becomes {@code api_key_hash}, and
 * every value in {@code query} and segment of {@code path} that looks like a credential is replaced by its
 * keyed hash (see {@link Credentials}).
 *
 * <p>A request line that is not HTTP ({@code "-"}, {@code ""}, TLS bytes) still yields an event, with
 * method, path and route null: see {@link RequestLine}. A line is rejected only when its own structure
 * is broken: no time, no quoted request, no numeric status or size.
 *
 * <p>Hand-written scanner: one pass, no regular expressions; allocates only the field strings.
 */
public final class CombinedLogParser implements LogParser {
    private static final int MAX_LEADING_TOKENS = 4;

    private final String gateway;
    private final Credentials credentials;

    /**
     * @param gateway the {@code gateway} value and format name of the events, e.g. {@code nginx} or {@code apache}
     * @param hasher  the deployment's keyed hash for credentials in the query, the path and the host
     */
    public CombinedLogParser(String gateway, SecretHasher hasher) {
        if (gateway == null || gateway.isBlank()) {
            throw new IllegalArgumentException("gateway name must not be blank");
        }
        this.gateway = gateway;
        this.credentials = new Credentials(hasher);
    }

    public static CombinedLogParser nginx(SecretHasher hasher) {
        return new CombinedLogParser("nginx", hasher);
    }

    public static CombinedLogParser apache(SecretHasher hasher) {
        return new CombinedLogParser("apache", hasher);
    }

    @Override
    public String format() {
        return gateway;
    }

    @Override
    public ParseResult parse(String record) {
        if (record == null) {
            return reject("null record");
        }
        try {
            return parseLine(record);
        } catch (RuntimeException e) {
            // A scanner bug must not kill a stream thread; the fuzz tests exist to keep this unreachable.
            return reject("unreadable line (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ParseResult parseLine(String s) {
        int end = s.length();
        while (end > 0 && Text.isSpace(s.charAt(end - 1))) {
            end--;
        }
        int start = Text.skipSpaces(s, 0, end);
        if (start == end) {
            return reject("empty line");
        }
        start = SyslogPrefix.messageStart(s, start, end);
        int lb = timeBracket(s, start, end);
        if (lb < 0) {
            return reject("no [dd/Mon/yyyy:HH:mm:ss +zzzz] time field");
        }
        int rb = s.indexOf(']', lb);
        if (rb < 0 || rb >= end) {
            return reject("no ] closing the time field");
        }
        long millis = ClfTime.parseMillis(s, lb + 1, rb);
        if (millis == ClfTime.INVALID) {
            return reject("unreadable time '" + clip(s, lb + 1, rb) + "'");
        }
        Leading leading = leadingFields(s, start, lb);
        if (leading == null) {
            return reject("no client address before the time");
        }

        int i = Text.skipSpaces(s, rb + 1, end);
        if (i >= end || s.charAt(i) != '"') {
            return reject("no quoted request after the time");
        }
        int requestEnd = Text.closingQuote(s, i + 1, end);
        if (requestEnd < 0) {
            return reject("no closing quote after request");
        }
        RequestLine request = RequestLine.parse(Text.unescape(s, i + 1, requestEnd));

        i = Text.skipSpaces(s, requestEnd + 1, end);
        int statusEnd = Text.tokenEnd(s, i, end);
        // Traefik writes '-' when the client left before a response; nginx and Apache always a number.
        boolean noStatus = Text.isDash(s, i, statusEnd);
        long status = statusEnd - i <= 3 ? Text.parseLong(s, i, statusEnd) : -1;
        if (status < 0 && !noStatus) {
            return reject("status '" + clip(s, i, statusEnd) + "' is not a number");
        }
        i = Text.skipSpaces(s, statusEnd, end);
        int bytesEnd = Text.tokenEnd(s, i, end);
        Long bytesOut;
        if (Text.isDash(s, i, bytesEnd)) {
            bytesOut = 0L; // CLF writes '-' for "no body sent" (Apache %b).
        } else {
            long bytes = Text.parseLong(s, i, bytesEnd);
            if (bytes < 0) {
                return reject("size '" + clip(s, i, bytesEnd) + "' is not a number");
            }
            bytesOut = bytes;
        }
        String safePath = credentials.redactPath(request.path());
        String host = leading.host() != null ? leading.host() : Text.stripPort(request.host());
        ApiEvent.Builder event = ApiEvent.builder().ts(Instant.ofEpochMilli(millis)).gateway(gateway)
                .clientIp(leading.clientIp()).user(leading.user()).host(host)
                .status(noStatus ? null : (int) status).bytesOut(noStatus && bytesOut == 0L ? null : bytesOut)
                .method(request.method()).path(safePath)
                .query(credentials.redactQuery(request.query()))
                .apiKeyHash(credentials.keyHashFromQuery(request.query()))
                .route(RouteTemplater.template(safePath));

        i = Text.skipSpaces(s, bytesEnd, end);
        int quoted = 0;
        Double latency = null;
        while (i < end) {
            if (s.charAt(i) == '"') {
                int close = Text.closingQuote(s, i + 1, end);
                if (close < 0) {
                    close = end; // a line cut short inside its last field: keep what was written
                }
                quoted++;
                if (quoted == 2) {
                    event.userAgent(valueOrNull(s, i + 1, close)); // the first quoted field is the referer
                }
                i = Text.skipSpaces(s, Math.min(close + 1, end), end);
            } else {
                int tokenEnd = Text.tokenEnd(s, i, end);
                if (latency == null) {
                    latency = latencyMillis(s, i, tokenEnd);
                }
                i = Text.skipSpaces(s, tokenEnd, end);
            }
        }
        return ParseResult.of(event.latencyMs(latency).build());
    }

    /**
     * The fields before the time, read from the right: {@code addr ident user}, with a virtual host
     * before them when there are four, or {@code addr ident} when the user field is missing. Tokens
     * beyond four are an unrecognised prefix and ignored.
     */
    private static Leading leadingFields(String s, int from, int to) {
        int[] starts = new int[MAX_LEADING_TOKENS];
        int[] ends = new int[MAX_LEADING_TOKENS];
        int count = 0;
        int i = to;
        while (count < MAX_LEADING_TOKENS) {
            while (i > from && Text.isSpace(s.charAt(i - 1))) {
                i--;
            }
            if (i <= from) {
                break;
            }
            int tokenEnd = i;
            while (i > from && !Text.isSpace(s.charAt(i - 1))) {
                i--;
            }
            starts[count] = i;
            ends[count] = tokenEnd;
            count++;
        }
        // Index 0 is the token nearest the time.
        int addr;
        int user;
        int vhost;
        if (count == 0) {
            return null;
        } else if (count == 1) {
            addr = 0;
            user = -1;
            vhost = -1;
        } else if (count == 2) {
            addr = 1;
            user = Text.isDash(s, starts[0], ends[0]) ? -1 : 0;
            vhost = -1;
        } else if (Text.isDash(s, starts[1], ends[1]) || !looksLikeAddress(s, starts[1], ends[1])) {
            addr = 2;
            user = 0;
            vhost = count >= 4 ? 3 : -1;
        } else {
            // "vhost addr - [time]": the user field is missing and a virtual host leads.
            addr = 1;
            user = -1;
            vhost = 2;
        }
        if (count == MAX_LEADING_TOKENS && vhost == 3 && hasTokenBefore(s, from, starts[3])) {
            vhost = -1; // more than four tokens: an unrecognised prefix, not a virtual host
        }
        if (vhost >= 0 && s.charAt(ends[vhost] - 1) == ':') {
            vhost = -1; // a syslog tag such as "nginx:" that the prefix reader did not take
        }
        return new Leading(
                valueOrNull(s, starts[addr], ends[addr]),
                user >= 0 ? valueOrNull(s, starts[user], ends[user]) : null,
                vhost >= 0 ? Text.stripPort(s.substring(starts[vhost], ends[vhost])) : null);
    }

    private record Leading(String clientIp, String user, String host) {
    }

    private static boolean hasTokenBefore(String s, int from, int tokenStart) {
        return Text.skipSpaces(s, from, tokenStart) < tokenStart;
    }

    /** IPv4, IPv6 or a hostname-like token; used only to tell a missing user field from an ident. */
    private static boolean looksLikeAddress(String s, int from, int to) {
        int dots = 0;
        int colons = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c == ':') {
                colons++;
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return dots == 3 || colons >= 2;
    }

    /** The {@code [} opening a CLF time: followed by two digits and a slash. */
    private static int timeBracket(String s, int from, int to) {
        int i = s.indexOf('[', from);
        while (i >= 0 && i + 3 < to) {
            if (ClfTime.isDigit(s.charAt(i + 1)) && ClfTime.isDigit(s.charAt(i + 2)) && s.charAt(i + 3) == '/') {
                return i;
            }
            i = s.indexOf('[', i + 1);
        }
        return -1;
    }

    private static Double latencyMillis(String s, int from, int to) {
        int valueFrom = from;
        boolean keyed = false;
        if (s.startsWith("rt=", from)) {
            valueFrom = from + 3;
            keyed = true;
        } else if (s.startsWith("request_time=", from)) {
            valueFrom = from + 13;
            keyed = true;
        }
        if (!keyed && to - from > 2 && s.charAt(to - 2) == 'm' && s.charAt(to - 1) == 's') {
            double ms = Text.parseDecimal(s, from, to - 2);
            return Double.isNaN(ms) ? null : ms;
        }
        if (!keyed && !contains(s, from, to, '.')) {
            return null; // a bare integer: Apache %D (microseconds) or %T (seconds), unit unknown
        }
        double seconds = Text.parseDecimal(s, valueFrom, to);
        return Double.isNaN(seconds) ? null : seconds * 1000.0;
    }

    private static boolean contains(String s, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    /** The field's text with escapes undone; null for {@code -} or empty, which loggers write for "none". */
    private static String valueOrNull(String s, int from, int to) {
        if (to <= from || Text.isDash(s, from, to)) {
            return null;
        }
        return Text.unescape(s, from, to);
    }

    private ParseResult reject(String reason) {
        return ParseResult.rejected(gateway + ": " + reason);
    }

    /** A bounded excerpt for a rejection reason; whole lines may be huge or hold secrets. */
    static String clip(String s, int from, int to) {
        int limit = Math.min(to, from + 40);
        return Text.printable(s.substring(from, Math.max(from, limit))) + (to > limit ? "..." : "");
    }
}
