package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.ApiEvent;

/**
 * Envoy access logs: the default text format (and Istio's extension of it), and JSON
 * ({@code json_format}) with Envoy Gateway's field names; either may be CRI-wrapped as Kubernetes
 * nodes store container output.
 *
 * <p>{@code client_ip} comes from {@code %DOWNSTREAM_REMOTE_ADDRESS%} (JSON
 * {@code downstream_remote_address}, Istio's text field), without its port. X-Forwarded-For is a
 * header any client can write, so its first entry is used only when {@code trustForwardedFor} is set
 * (Envoy behind a load balancer that overwrites it). Envoy's default text format carries no downstream
 * address, so without that flag its events have no client IP: configure a format with
 * {@code %DOWNSTREAM_REMOTE_ADDRESS%} (see docs/formats.md).
 */
public final class EnvoyLogParser extends JsonLineParser {
    public static final String NAME = "envoy";
    private static final int MAX_FIELDS = 32;
    /** XFF, user agent, request id, authority: the run of quoted fields after the byte counts. */
    private static final int QUOTED_RUN = 4;

    private final boolean trustForwardedFor;

    public EnvoyLogParser(ObjectMapper mapper, boolean trustForwardedFor, SecretHasher hasher) {
        super(NAME, mapper, hasher);
        this.trustForwardedFor = trustForwardedFor;
    }

    @Override
    public boolean recognises(JsonNode node) {
        return node.has("start_time") && JsonFields.hasAny(node, "response_code", "downstream_remote_address",
                ":authority", "x-envoy-origin-path", "upstream_host");
    }

    @Override
    ParseResult event(JsonNode o) {
        java.time.Instant ts = Times.parse(JsonFields.text(o, "start_time"));
        if (ts == null) {
            return reject("no readable start_time");
        }
        ApiEvent.Builder event = ApiEvent.builder().ts(ts).gateway(NAME)
                .method(JsonFields.text(o, "method", ":method"))
                .status(JsonFields.status(o, "response_code"))
                .bytesIn(JsonFields.longValue(o, "bytes_received"))
                .bytesOut(JsonFields.longValue(o, "bytes_sent"))
                .latencyMs(JsonFields.doubleValue(o, "duration"))
                .userAgent(JsonFields.text(o, "user-agent", "user_agent", "USER-AGENT"))
                .requestId(JsonFields.text(o, "x-request-id", "request_id", "X-REQUEST-ID"))
                .host(Text.stripPort(JsonFields.text(o, ":authority", "authority", "host")));
        target(event, JsonFields.text(o, "x-envoy-origin-path", "x-envoy-original-path", "path", ":path"));
        event.clientIp(clientIp(
                JsonFields.text(o, "downstream_remote_address", "downstream_direct_remote_address", "client_ip"),
                JsonFields.text(o, "x-forwarded-for", "x_forwarded_for", "X-FORWARDED-FOR")));
        String keyHash = credentials.hashKey(JsonFields.text(o, "x-api-key", "apikey", "api-key"));
        String authorization = JsonFields.text(o, "authorization");
        if (keyHash == null) {
            keyHash = credentials.hashAuthorization(authorization);
        }
        if (keyHash != null) {
            event.apiKeyHash(keyHash);
        }
        event.user(Credentials.userFromAuthorization(authorization));
        return ParseResult.of(event.build());
    }

    /** {@code [START_TIME] "METHOD PATH PROTOCOL" CODE FLAGS ... RX TX DURATION UPSTREAM_TIME "XFF" "UA" "ID" "AUTHORITY" ...}. */
    @Override
    boolean hasTextVariant() {
        return true;
    }

    @Override
    ParseResult textRecord(String s, int from) {
        int end = s.length();
        while (end > from && Text.isSpace(s.charAt(end - 1))) {
            end--;
        }
        if (from >= end || s.charAt(from) != '[') {
            return reject("neither JSON nor Envoy's text format ([START_TIME] \"REQUEST\" ...)");
        }
        int close = s.indexOf(']', from);
        if (close < 0 || close >= end) {
            return reject("no ] closing the start time");
        }
        java.time.Instant ts = Times.parse(s.substring(from + 1, close));
        if (ts == null) {
            return reject("unreadable start time '" + CombinedLogParser.clip(s, from + 1, close) + "'");
        }
        int i = Text.skipSpaces(s, close + 1, end);
        if (i >= end || s.charAt(i) != '"') {
            return reject("no quoted request after the start time");
        }
        int requestEnd = Text.closingQuote(s, i + 1, end);
        if (requestEnd < 0) {
            return reject("no closing quote after request");
        }
        RequestLine request = RequestLine.parse(Text.unescape(s, i + 1, requestEnd));

        int[] starts = new int[MAX_FIELDS];
        int[] ends = new int[MAX_FIELDS];
        boolean[] quoted = new boolean[MAX_FIELDS];
        int n = 0;
        i = Text.skipSpaces(s, requestEnd + 1, end);
        while (i < end && n < MAX_FIELDS) {
            if (s.charAt(i) == '"') {
                int q = Text.closingQuote(s, i + 1, end);
                if (q < 0) {
                    return reject("no closing quote in field " + (n + 1) + " after the request");
                }
                starts[n] = i + 1;
                ends[n] = q;
                quoted[n] = true;
                i = Text.skipSpaces(s, q + 1, end);
            } else {
                starts[n] = i;
                ends[n] = Text.tokenEnd(s, i, end);
                i = Text.skipSpaces(s, ends[n], end);
            }
            n++;
        }
        long status = n > 0 && !quoted[0] && ends[0] - starts[0] <= 3 ? Text.parseLong(s, starts[0], ends[0]) : -1;
        if (status < 0) {
            return reject("no numeric response code after the request");
        }
        int run = -1;
        for (int k = 5; k + QUOTED_RUN <= n && run < 0; k++) {
            if (quoted[k] && quoted[k + 1] && quoted[k + 2] && quoted[k + 3] && !quoted[k - 1] && !quoted[k - 4]) {
                run = k;
            }
        }
        if (run < 0) {
            return reject("no \"X-FORWARDED-FOR\" \"USER-AGENT\" \"X-REQUEST-ID\" \"AUTHORITY\" fields after the byte counts");
        }
        ApiEvent.Builder event = ApiEvent.builder().ts(ts).gateway(NAME)
                .method(request.method()).status((int) status)
                .bytesIn(number(s, starts[run - 4], ends[run - 4]))
                .bytesOut(number(s, starts[run - 3], ends[run - 3]))
                .userAgent(value(s, starts[run + 1], ends[run + 1]))
                .requestId(value(s, starts[run + 2], ends[run + 2]))
                .host(Text.stripPort(value(s, starts[run + 3], ends[run + 3])));
        Long duration = number(s, starts[run - 2], ends[run - 2]);
        event.latencyMs(duration == null ? null : duration.doubleValue());
        pathAndQuery(event, request.path(), request.query());
        // Istio appends UPSTREAM_CLUSTER UPSTREAM_LOCAL_ADDRESS DOWNSTREAM_LOCAL_ADDRESS DOWNSTREAM_REMOTE_ADDRESS ...
        int afterRun = run + QUOTED_RUN;
        while (afterRun < n && quoted[afterRun]) {
            afterRun++;
        }
        int downstream = afterRun + 3;
        String remote = downstream < n && !quoted[downstream] ? value(s, starts[downstream], ends[downstream]) : null;
        event.clientIp(clientIp(remote, value(s, starts[run], ends[run])));
        return ParseResult.of(event.build());
    }

    private String clientIp(String downstreamRemote, String forwardedFor) {
        if (trustForwardedFor && forwardedFor != null) {
            String first = firstForwarded(forwardedFor);
            if (first != null) {
                return first;
            }
        }
        return downstreamRemote == null ? null : Text.stripPort(downstreamRemote);
    }

    /** The first (client-most) address of an X-Forwarded-For list, without port or brackets. */
    static String firstForwarded(String xff) {
        int comma = xff.indexOf(',');
        String first = (comma < 0 ? xff : xff.substring(0, comma)).strip();
        return first.isEmpty() || first.equals("-") || first.equalsIgnoreCase("unknown") ? null : Text.stripPort(first);
    }

    private static String value(String s, int from, int to) {
        return to <= from || Text.isDash(s, from, to) ? null : Text.unescape(s, from, to);
    }

    private static Long number(String s, int from, int to) {
        long v = Text.parseLong(s, from, to);
        return v < 0 ? null : v;
    }
}
