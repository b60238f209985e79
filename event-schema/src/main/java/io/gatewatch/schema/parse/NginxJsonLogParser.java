package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.ApiEvent;
import java.time.Instant;

/**
 * NGINX {@code log_format ... escape=json} access logs. The object's keys are whatever the operator
 * wrote; this reads the common convention of naming a key after its variable ({@code remote_addr},
 * {@code time_iso8601}, {@code request}, {@code status}, ...), with the usual alternatives listed per
 * field in docs/formats.md. Values may be strings or numbers.
 */
public final class NginxJsonLogParser extends JsonLineParser {
    public static final String NAME = "nginx-json";

    private final boolean trustForwardedFor;

    public NginxJsonLogParser(ObjectMapper mapper, boolean trustForwardedFor, SecretHasher hasher) {
        super(NAME, mapper, hasher);
        this.trustForwardedFor = trustForwardedFor;
    }

    @Override
    public boolean recognises(JsonNode node) {
        return JsonFields.hasAny(node, "remote_addr", "request_uri", "time_local", "time_iso8601", "body_bytes_sent");
    }

    @Override
    ParseResult event(JsonNode o) {
        Instant ts = timestamp(o);
        if (ts == null) {
            return reject("no readable time_iso8601, time_local, msec or timestamp");
        }
        ApiEvent.Builder event = ApiEvent.builder().ts(ts).gateway("nginx")
                .user(JsonFields.text(o, "remote_user", "user"))
                .userAgent(JsonFields.text(o, "http_user_agent", "user_agent", "http_useragent"))
                .status(JsonFields.status(o, "status"))
                .bytesOut(JsonFields.longValue(o, "body_bytes_sent", "bytes_sent"))
                .bytesIn(JsonFields.longValue(o, "request_length", "content_length"))
                .requestId(JsonFields.text(o, "request_id", "http_x_request_id"));
        Double seconds = JsonFields.doubleValue(o, "request_time");
        event.latencyMs(seconds == null ? null : seconds * 1000.0);

        String host = JsonFields.text(o, "host", "http_host", "server_name");
        String uri = JsonFields.text(o, "request_uri");
        String method = JsonFields.text(o, "request_method", "method");
        String requestLine = JsonFields.text(o, "request");
        if (uri != null) {
            target(event, uri);
        } else if (JsonFields.text(o, "uri") != null) {
            pathAndQuery(event, JsonFields.text(o, "uri"), JsonFields.text(o, "args", "query_string"));
        }
        if (requestLine != null && (uri == null || method == null)) {
            RequestLine r = RequestLine.parse(requestLine);
            method = method != null ? method : r.method();
            if (uri == null && JsonFields.text(o, "uri") == null) {
                pathAndQuery(event, r.path(), r.query());
            }
            host = host != null ? host : r.host();
        }
        event.method(method).host(Text.stripPort(host));

        String forwarded = trustForwardedFor ? JsonFields.text(o, "http_x_forwarded_for", "x_forwarded_for") : null;
        String first = forwarded == null ? null : EnvoyLogParser.firstForwarded(forwarded);
        event.clientIp(first != null ? first : JsonFields.text(o, "remote_addr", "client_ip", "realip_remote_addr"));

        String keyHash = credentials.hashKey(JsonFields.text(o, "http_x_api_key", "http_apikey", "http_api_key"));
        String authorization = JsonFields.text(o, "http_authorization");
        if (keyHash == null) {
            keyHash = credentials.hashAuthorization(authorization);
        }
        if (keyHash != null) {
            event.apiKeyHash(keyHash);
        }
        if (JsonFields.text(o, "remote_user", "user") == null) {
            event.user(Credentials.userFromAuthorization(authorization));
        }
        return ParseResult.of(event.build());
    }

    private static Instant timestamp(JsonNode o) {
        Instant t = Times.parse(JsonFields.text(o, "time_iso8601", "time_local", "timestamp", "@timestamp", "time"));
        if (t != null) {
            return t;
        }
        Double msec = JsonFields.doubleValue(o, "msec"); // seconds with millisecond fraction
        return msec == null ? null : Times.epoch(msec);
    }
}
