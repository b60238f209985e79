package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.ApiEvent;
import java.time.Instant;

/**
 * Amazon API Gateway JSON access logs (REST and HTTP APIs). The log format is a template of
 * {@code $context} variables the operator writes, so each field is looked up under the names AWS's own
 * JSON presets use and the names of the variables themselves, flat ({@code "identity.sourceIp"}) or
 * nested; see docs/formats.md for the recommended template.
 *
 * <p>{@code route} is the API's own resource template ({@code resourcePath}, or the path of an HTTP
 * API {@code routeKey} such as {@code GET /pets/{id}}) when logged, since it is exact; otherwise the
 * templated {@code path}. {@code api_key_hash} is the hash of {@code identity.apiKeyId} (the key's id,
 * not the key, but a stable per-client identity) or of {@code identity.apiKey}.
 */
public final class AwsApiGatewayLogParser extends JsonLineParser {
    public static final String NAME = "aws-apigw";

    private final CombinedLogParser clf;

    public AwsApiGatewayLogParser(ObjectMapper mapper, SecretHasher hasher) {
        super(NAME, mapper, hasher);
        clf = new CombinedLogParser(NAME, hasher);
    }

    @Override
    public boolean recognises(JsonNode node) {
        return node.has("requestId") && JsonFields.hasAny(node, "httpMethod", "routeKey", "resourcePath",
                "requestTimeEpoch", "responseLength", "responseLatency");
    }

    @Override
    boolean hasTextVariant() {
        return true;
    }

    /**
     * AWS's CLF preset ({@code sourceIp caller user [requestTime] "method resourcePath protocol" status
     * length requestId}) read as a common-format line. Its request carries the resource template, so it
     * becomes the route and the path stays null; the trailing request id is not read.
     */
    @Override
    ParseResult textRecord(String record, int from) {
        ParseResult result = clf.parse(from == 0 ? record : record.substring(from));
        if (result instanceof ParseResult.Parsed(var events)) {
            ApiEvent e = events.getFirst();
            return ParseResult.of(e.toBuilder().path(null).query(null).build()); // route: the template, bounded
        }
        return result;
    }

    @Override
    ParseResult event(JsonNode o) {
        Long epoch = JsonFields.longValue(o, "requestTimeEpoch", "context.requestTimeEpoch");
        Instant ts = epoch != null ? Times.epoch(epoch) : Times.parse(JsonFields.text(o, "requestTime", "context.requestTime"));
        if (ts == null) {
            return reject("no readable requestTimeEpoch or requestTime");
        }
        String routeKey = JsonFields.text(o, "routeKey");
        String method = JsonFields.text(o, "httpMethod", "method", "context.httpMethod");
        String routeTemplate = JsonFields.text(o, "resourcePath", "context.resourcePath");
        if (routeKey != null && !routeKey.startsWith("$")) {
            int space = routeKey.indexOf(' ');
            if (method == null && space > 0) {
                method = routeKey.substring(0, space);
            }
            if (routeTemplate == null) {
                routeTemplate = space > 0 ? routeKey.substring(space + 1) : routeKey;
            }
        }
        ApiEvent.Builder event = ApiEvent.builder().ts(ts).gateway(NAME)
                .requestId(JsonFields.text(o, "requestId", "context.requestId"))
                .clientIp(JsonFields.text(o, "ip", "sourceIp", "identity.sourceIp", "context.identity.sourceIp"))
                .user(JsonFields.text(o, "user", "caller", "principalId", "identity.user", "identity.caller",
                        "authorizer.principalId", "identity.cognitoIdentityId"))
                .userAgent(JsonFields.text(o, "userAgent", "identity.userAgent"))
                .method(method)
                .host(Text.stripPort(JsonFields.text(o, "domainName", "host")))
                .status(JsonFields.status(o, "status", "context.status"))
                .bytesOut(JsonFields.longValue(o, "responseLength", "context.responseLength"))
                .latencyMs(JsonFields.doubleValue(o, "responseLatency", "latency", "context.responseLatency"));
        String path = JsonFields.text(o, "path", "context.path");
        target(event, path); // resourcePath is a template, not the path: never substituted for it
        if (routeTemplate != null) {
            // Already a template ({petId} stays); templating again only bounds its length.
            event.route(RouteTemplater.template(routeTemplate));
        }
        String keyHash = credentials.hashKey(JsonFields.text(o, "apiKeyId", "identity.apiKeyId", "apiKey", "identity.apiKey"));
        if (keyHash != null) {
            event.apiKeyHash(keyHash);
        }
        return ParseResult.of(event.build());
    }
}
