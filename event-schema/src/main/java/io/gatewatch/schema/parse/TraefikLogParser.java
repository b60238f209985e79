package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.ApiEvent;
import java.util.Iterator;
import java.util.Map;

/**
 * Traefik access logs: JSON ({@code accessLog.format=json}) and the default CLF-like "common" format,
 * whose trailing {@code <duration>ms} becomes latency. In JSON, {@code status} is what the client got
 * ({@code DownstreamStatus}), latency the total {@code Duration} (nanoseconds). Headers appear only when
 * {@code accessLog.fields.headers} keeps them ({@code request_User-Agent}, ...); X-Forwarded-For is used
 * for {@code client_ip} only with {@code trustForwardedFor}.
 */
public final class TraefikLogParser extends JsonLineParser {
    public static final String NAME = "traefik";
    private static final String HEADER_PREFIX = "request_";

    private final boolean trustForwardedFor;
    private final CombinedLogParser common;

    public TraefikLogParser(ObjectMapper mapper, boolean trustForwardedFor, SecretHasher hasher) {
        super(NAME, mapper, hasher);
        common = new CombinedLogParser(NAME, hasher);
        this.trustForwardedFor = trustForwardedFor;
    }

    @Override
    public boolean recognises(JsonNode node) {
        return JsonFields.hasAny(node, "RequestMethod", "DownstreamStatus", "ClientHost", "RouterName");
    }

    @Override
    boolean hasTextVariant() {
        return true;
    }

    @Override
    ParseResult textRecord(String record, int from) {
        return common.parse(from == 0 ? record : record.substring(from));
    }

    @Override
    ParseResult event(JsonNode o) {
        java.time.Instant ts = Times.parse(JsonFields.text(o, "StartUTC", "StartLocal", "time"));
        if (ts == null) {
            return reject("no readable StartUTC");
        }
        Double durationNs = JsonFields.doubleValue(o, "Duration");
        ApiEvent.Builder event = ApiEvent.builder().ts(ts).gateway(NAME)
                .method(JsonFields.text(o, "RequestMethod"))
                .host(Text.stripPort(JsonFields.text(o, "RequestHost", "RequestAddr")))
                .status(JsonFields.status(o, "DownstreamStatus", "OriginStatus"))
                .bytesOut(JsonFields.longValue(o, "DownstreamContentSize"))
                .bytesIn(JsonFields.longValue(o, "RequestContentSize"))
                .latencyMs(durationNs == null ? null : durationNs / 1_000_000.0)
                .user(JsonFields.text(o, "ClientUsername"));
        target(event, JsonFields.text(o, "RequestPath"));

        Headers h = headers(o);
        event.userAgent(h.userAgent).requestId(h.requestId != null ? h.requestId : JsonFields.text(o, "TraceId"));
        String clientHost = JsonFields.text(o, "ClientHost");
        if (clientHost == null) {
            clientHost = Text.stripPort(JsonFields.text(o, "ClientAddr"));
        }
        String forwarded = trustForwardedFor && h.forwardedFor != null ? EnvoyLogParser.firstForwarded(h.forwardedFor) : null;
        event.clientIp(forwarded != null ? forwarded : clientHost);
        String keyHash = credentials.hashKey(h.apiKey);
        if (keyHash == null) {
            keyHash = credentials.hashAuthorization(h.authorization);
        }
        if (keyHash != null) {
            event.apiKeyHash(keyHash);
        }
        if (JsonFields.text(o, "ClientUsername") == null) {
            event.user(Credentials.userFromAuthorization(h.authorization));
        }
        return ParseResult.of(event.build());
    }

    /** The kept request headers, found in one pass: Traefik writes them as request_<Header-Name> keys. */
    private static Headers headers(JsonNode o) {
        Headers h = new Headers();
        Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (!key.startsWith(HEADER_PREFIX)) {
                continue;
            }
            String name = key.substring(HEADER_PREFIX.length());
            String value = JsonFields.text(field.getValue());
            if (name.equalsIgnoreCase("User-Agent")) {
                h.userAgent = value;
            } else if (name.equalsIgnoreCase("X-Request-Id")) {
                h.requestId = value;
            } else if (name.equalsIgnoreCase("X-Forwarded-For")) {
                h.forwardedFor = value;
            } else if (name.equalsIgnoreCase("Authorization")) {
                h.authorization = value;
            } else if (name.equalsIgnoreCase("X-Api-Key") || name.equalsIgnoreCase("Apikey") || name.equalsIgnoreCase("Api-Key")) {
                h.apiKey = value;
            }
        }
        return h;
    }

    private static final class Headers {
        String userAgent;
        String requestId;
        String forwardedFor;
        String authorization;
        String apiKey;
    }
}
