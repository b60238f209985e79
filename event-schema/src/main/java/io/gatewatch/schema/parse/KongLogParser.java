package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.ApiEvent;

/**
 * Kong Gateway's logging-plugin JSON (http-log, file-log, tcp-log, udp-log, kafka-log, syslog), one
 * object per request, or an array of them when http-log batches ({@code queue.max_batch_size > 1}).
 *
 * <p>{@code user} is the consumer's username (else custom_id, else id), else the authenticated
 * credential's id, else the user name of Basic credentials in the request. {@code api_key_hash} is
 * the hash of the {@code apikey} / {@code x-api-key} header, a Bearer {@code authorization}, or an
 * {@code apikey=} query parameter; keys never leave this class in clear.
 */
public final class KongLogParser extends JsonLineParser {
    public static final String NAME = "kong";

    public KongLogParser(ObjectMapper mapper, SecretHasher hasher) {
        super(NAME, mapper, hasher);
    }

    @Override
    public boolean recognises(JsonNode node) {
        JsonNode request = node.get("request");
        return node.has("started_at") && request != null && request.isObject() && node.has("response");
    }

    @Override
    ParseResult event(JsonNode o) {
        Long startedAt = JsonFields.longValue(o, "started_at");
        if (startedAt == null) {
            return reject("no started_at (epoch milliseconds)");
        }
        JsonNode request = o.get("request");
        if (request == null || !request.isObject()) {
            return reject("no request object");
        }
        JsonNode headers = request.get("headers");
        ApiEvent.Builder event = ApiEvent.builder().ts(Times.epoch(startedAt)).gateway(NAME)
                .clientIp(JsonFields.text(o, "client_ip"))
                .method(JsonFields.text(request, "method"))
                .status(JsonFields.status(o, "response.status"))
                .bytesOut(JsonFields.longValue(o, "response.size"))
                .bytesIn(JsonFields.longValue(request, "size"))
                .latencyMs(JsonFields.doubleValue(o, "latencies.request"))
                .requestId(JsonFields.text(o, "request.id", "response.headers.x-kong-request-id"))
                .userAgent(JsonFields.text(headers, "user-agent"));

        String uri = JsonFields.text(request, "uri");
        String url = JsonFields.text(request, "url");
        target(event, uri != null ? uri : url); // request_uri: path and query as the client sent them
        String host = JsonFields.text(headers, "host");
        if (host == null && url != null) {
            host = RequestLine.target(null, url, 0, url.length()).host();
        }
        event.host(Text.stripPort(host));

        String keyHash = credentials.hashKey(JsonFields.text(headers, "apikey", "x-api-key", "api-key"));
        String authorization = JsonFields.text(headers, "authorization");
        if (keyHash == null) {
            keyHash = credentials.hashAuthorization(authorization);
        }
        if (keyHash == null) {
            keyHash = credentials.keyHashFromQuery(queryText(request));
        }
        if (keyHash != null) {
            event.apiKeyHash(keyHash);
        }
        String user = JsonFields.text(o, "consumer.username", "consumer.custom_id", "consumer.id", "authenticated_entity.id");
        event.user(user != null ? user : Credentials.userFromAuthorization(authorization));
        return ParseResult.of(event.build());
    }

    /** Kong logs the query both in the URL and as an object; the object catches a key the URL form lost. */
    private static String queryText(JsonNode request) {
        JsonNode qs = request.get("querystring");
        if (qs == null || !qs.isObject() || qs.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        qs.properties().forEach(field -> {
            String value = JsonFields.text(field.getValue());
            if (value != null) {
                out.append(out.isEmpty() ? "" : "&").append(field.getKey()).append('=').append(value);
            }
        });
        return out.toString();
    }
}
