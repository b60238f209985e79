package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.ApiEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any JSON access log, given where each ApiEvent field is: a mapping from field name to a JSON path
 * (a key, or a dotted path into nested objects), e.g. {@code ts -> "@timestamp"},
 * {@code client_ip -> "client.ip"}. Besides the ApiEvent fields, {@code api_key} names a raw key (kept
 * only hashed), {@code url} a full URL or request target (split into host, path and query),
 * {@code request} an HTTP request line, and {@code latency_s} a latency in seconds. {@code path} may
 * hold a query; {@code route}, when not mapped, is the templated path. Unmapped fields are null.
 */
public final class GenericJsonLogParser extends JsonLineParser {
    public static final String NAME = "json";

    /** Keys a mapping may use. */
    public static final List<String> FIELDS = List.of("ts", "gateway", "client_ip", "api_key", "api_key_hash",
            "user", "user_agent", "method", "host", "path", "query", "route", "url", "request", "status",
            "bytes_out", "bytes_in", "latency_ms", "latency_s", "request_id");

    private final String gateway;
    private final Map<String, String> mapping;

    /**
     * @param format  the format name to register under, e.g. {@code json} or {@code myproxy}
     * @param gateway the {@code gateway} of the events unless a {@code gateway} field is mapped
     * @param mapping ApiEvent field (see {@link #FIELDS}) to JSON path; must map {@code ts}
     * @param hasher  the deployment's keyed hash for credentials
     */
    public GenericJsonLogParser(String format, String gateway, Map<String, String> mapping, ObjectMapper mapper,
            SecretHasher hasher) {
        super(format, mapper, hasher);
        if (gateway == null || gateway.isBlank()) {
            throw new IllegalArgumentException("gateway must not be blank");
        }
        if (mapping == null || !mapping.containsKey("ts")) {
            throw new IllegalArgumentException("json mapping must map ts (the event time)");
        }
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            if (!FIELDS.contains(e.getKey())) {
                throw new IllegalArgumentException("json mapping: unknown field '" + e.getKey() + "'; allowed: "
                        + String.join(", ", FIELDS));
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new IllegalArgumentException("json mapping: field '" + e.getKey() + "' has no JSON path");
            }
        }
        this.gateway = gateway;
        this.mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
    }

    /** Reads ApiEvent's own JSON: every field under its contract name, gateway {@code json} unless logged. */
    public static GenericJsonLogParser apiEventNames(ObjectMapper mapper, SecretHasher hasher) {
        Map<String, String> identity = new LinkedHashMap<>();
        for (String field : FIELDS) {
            if (!field.equals("api_key") && !field.equals("url") && !field.equals("request") && !field.equals("latency_s")) {
                identity.put(field, field);
            }
        }
        return new GenericJsonLogParser(NAME, NAME, identity, mapper, hasher);
    }

    public Map<String, String> mapping() {
        return mapping;
    }

    @Override
    public boolean recognises(JsonNode node) {
        return JsonFields.at(node, mapping.get("ts")) != null
                && (has(node, "path") || has(node, "url") || has(node, "request") || has(node, "method"));
    }

    private boolean has(JsonNode node, String field) {
        String path = mapping.get(field);
        return path != null && JsonFields.at(node, path) != null;
    }

    private String text(JsonNode o, String field) {
        String path = mapping.get(field);
        return path == null ? null : JsonFields.text(o, path);
    }

    @Override
    ParseResult event(JsonNode o) {
        JsonNode tsNode = JsonFields.at(o, mapping.get("ts"));
        Instant ts = tsNode != null && tsNode.isNumber() ? Times.epoch(tsNode.asDouble()) : Times.parse(JsonFields.text(tsNode));
        if (ts == null) {
            return reject("no readable time at '" + mapping.get("ts") + "'");
        }
        String recordGateway = text(o, "gateway");
        ApiEvent.Builder event = ApiEvent.builder().ts(ts).gateway(recordGateway != null ? recordGateway : gateway)
                .clientIp(text(o, "client_ip"))
                .user(text(o, "user"))
                .userAgent(text(o, "user_agent"))
                .method(text(o, "method"))
                .requestId(text(o, "request_id"));
        String host = text(o, "host");
        String request = text(o, "request");
        if (request != null) {
            RequestLine r = RequestLine.parse(request);
            pathAndQuery(event, r.path(), r.query());
            event.method(text(o, "method") != null ? text(o, "method") : r.method());
            host = host != null ? host : r.host();
        }
        String url = text(o, "url");
        if (url != null) {
            RequestLine u = RequestLine.target(null, url, 0, url.length());
            pathAndQuery(event, u.path(), u.query());
            host = host != null ? host : u.host();
        }
        String path = text(o, "path");
        if (path != null) {
            RequestLine p = RequestLine.target(null, path, 0, path.length());
            String query = text(o, "query");
            pathAndQuery(event, p.path(), query != null ? query : p.query());
        } else if (text(o, "query") != null && request == null && url == null) {
            event.query(credentials.redactQuery(text(o, "query")));
        }
        String route = text(o, "route");
        if (route != null) {
            event.route(RouteTemplater.template(credentials.redactPath(route))); // bounded and scrubbed like every route
        }
        event.host(Text.stripPort(host));

        String keyHash = text(o, "api_key_hash");
        if (keyHash == null) {
            keyHash = credentials.hashKey(text(o, "api_key"));
        } else {
            keyHash = credentials.hashKey(keyHash); // a clear key mapped as a hash stays secret; a hash stays as it is
        }
        if (keyHash != null) {
            event.apiKeyHash(keyHash);
        }
        if (mapping.containsKey("status")) {
            event.status(JsonFields.status(o, mapping.get("status")));
        }
        if (mapping.containsKey("bytes_out")) {
            event.bytesOut(JsonFields.longValue(o, mapping.get("bytes_out")));
        }
        if (mapping.containsKey("bytes_in")) {
            event.bytesIn(JsonFields.longValue(o, mapping.get("bytes_in")));
        }
        if (mapping.containsKey("latency_ms")) {
            event.latencyMs(JsonFields.doubleValue(o, mapping.get("latency_ms")));
        } else if (mapping.containsKey("latency_s")) {
            Double seconds = JsonFields.doubleValue(o, mapping.get("latency_s"));
            event.latencyMs(seconds == null ? null : seconds * 1000.0);
        }
        return ParseResult.of(event.build());
    }
}
